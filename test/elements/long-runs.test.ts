/**
 * A message that is one 20,000-character word took Chromium 1 to 2 s to lay out each time its row
 * rendered (found by the adapter fuzz, issue #9). The thread now holds any run without spaces in
 * text nodes of at most RUN_CHUNK characters (src/elements/thread/long-runs.ts), which lay out on
 * the same lines in a few ms. The cost is the browser's, so what is checked here is the
 * structure that makes it cheap, and that nothing a reader sees, selects or copies changed.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ChatEvent } from '../../src/core/events.js';
import type { Markup, Message } from '../../src/core/model.js';
import { RUN_CHUNK, runCuts, shortenRunsIn, withShortRuns } from '../../src/elements/thread/long-runs.js';
import { isRichTextLoaded } from '../../src/elements/thread/rich-text.js';
import type { ParleyThread } from '../../src/elements/thread/thread.js';
import { msg, until } from '../helpers/fake-protocol.js';
import { threadWith } from '../helpers/thread-fixture.js';

const T0 = Date.UTC(2026, 0, 1);
const conversation: ChatEvent = { type: 'conversation.created', conversation: { id: 'c1' } };
const created = (m: Message): ChatEvent => ({ type: 'message.created', message: m });
const bubble = (thread: ParleyThread, id: string): Element | null => thread.shadowRoot!.querySelector(`[data-message-id="${id}"]`);

/** Every text node under `root`. */
function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** The longest stretch without a space in any one text node under `root`. */
function longestRunInANode(root: Node): number {
  return Math.max(0, ...textNodes(root).flatMap((t) => t.data.split(/[ \n\t\r\f]/).map((w) => w.length)));
}

/** What selecting all of `el` and copying it gives (the selection's text). */
function selectedText(el: Element): string {
  const selection = document.getSelection()!;
  const range = document.createRange();
  range.selectNodeContents(el);
  selection.removeAllRanges();
  selection.addRange(range);
  const text = selection.toString();
  selection.removeAllRanges();
  return text;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

describe('long runs without spaces', () => {
  it('are cut every RUN_CHUNK characters; spaces end a run; short text is left alone', () => {
    expect(runCuts('A'.repeat(250))).to.deep.equal([RUN_CHUNK, 2 * RUN_CHUNK]);
    expect(runCuts('A'.repeat(RUN_CHUNK))).to.deep.equal([]);
    expect(runCuts(`${'A'.repeat(RUN_CHUNK - 1)} ${'B'.repeat(RUN_CHUNK - 1)}\n${'C'.repeat(RUN_CHUNK)}`)).to.deep.equal([]);
    expect(runCuts(`x ${'A'.repeat(RUN_CHUNK + 1)}`)).to.deep.equal([2 + RUN_CHUNK]);
    expect(withShortRuns('hello world')).to.equal('hello world');
    const fragment = withShortRuns('A'.repeat(250)) as DocumentFragment;
    expect([...fragment.childNodes].map((n) => [n.nodeType, n.textContent!.length])).to.deep.equal([[3, 100], [3, 100], [3, 50]]);
  });

  it('are never cut inside a character a reader sees as one (surrogate pairs, ZWJ sequences, combining marks, flags)', () => {
    for (const unit of ['😀', '👩‍👩‍👧', 'e\u0301', '🇫🇷', 'a👍🏽']) {
      const text = unit.repeat(Math.ceil(1_000 / unit.length));
      const cuts = runCuts(text);
      expect(cuts.length, unit).to.be.greaterThan(3);
      const segments = graphemes.segment(text);
      for (const cut of cuts) expect(segments.containing(cut)!.index, `${unit} cut at ${cut}`).to.equal(cut);
      const pieces = withShortRuns(text) as DocumentFragment;
      expect(pieces.textContent).to.equal(text);
      for (const piece of pieces.childNodes) expect([...(piece.textContent ?? '')].length, unit).to.be.at.most(RUN_CHUNK);
    }
    // One grapheme longer than a chunk (a base with many marks) stays whole.
    const zalgo = `a${'\u0301'.repeat(300)}b`;
    expect(runCuts(zalgo)).to.deep.equal([301]);
  });

  it('in a sanitized fragment: only text nodes are split, in place; elements and text stay as they were', () => {
    const host = document.createElement('div');
    const p = document.createElement('p');
    const b = document.createElement('b');
    b.append('B'.repeat(150));
    p.append(`${'A'.repeat(230)} tail `, b);
    host.append(p);
    const before = { html: host.innerHTML, text: host.textContent };
    shortenRunsIn(host);
    expect(host.innerHTML, 'the same markup once serialized').to.equal(before.html);
    expect(host.textContent).to.equal(before.text);
    expect(textNodes(host).map((t) => t.length)).to.deep.equal([100, 100, 36, 100, 50]);
  });

  for (const markup of ['plain', 'html', 'markdown'] as const satisfies readonly Markup[]) {
    it(`a 19,000-character word in a ${markup} message renders in short text nodes; its text, selection and copy are unchanged`, async () => {
      // Within BODY_LIMIT with the HTML's tags. The Markdown word ends in an unpaired `*`, which stays
      // text: Markdown without any Markdown in it would show as plain text, never reaching the renderer.
      const word = markup === 'markdown' ? `${'A'.repeat(18_999)}*` : 'A'.repeat(19_000);
      const source = markup === 'html' ? `<p>${word}</p>` : word;
      const { thread } = await threadWith([conversation, created({ ...msg({ id: '1', conversationId: 'c1', text: source, at: T0 }), markup })]);
      await until(() => !!bubble(thread, '1'), 10_000, 'the message');
      if (markup !== 'plain') await until(() => isRichTextLoaded(markup), 10_000, 'the sanitizer, loaded on demand');
      await until(() => longestRunInANode(bubble(thread, '1')!.querySelector('.text')!) <= RUN_CHUNK, 10_000, 'the body in short runs');
      const body = bubble(thread, '1')!.querySelector('.text')!;
      expect(longestRunInANode(body)).to.equal(RUN_CHUNK);
      expect(textNodes(body).length).to.be.at.least(19_000 / RUN_CHUNK);
      expect(body.textContent).to.equal(word);
      expect(selectedText(body)).to.equal(word);
      expect(body.querySelectorAll('*').length, 'no element was added').to.equal(markup === 'plain' ? 0 : 1);
    });
  }

  it('lays out on the same lines as the unsplit text, and short words render as one text node', async () => {
    const word = 'W'.repeat(3_000);
    const { thread } = await threadWith([
      conversation,
      created(msg({ id: '1', conversationId: 'c1', text: word, at: T0 })),
      created(msg({ id: '2', conversationId: 'c1', text: 'just a few words', at: T0 + 1 })),
    ]);
    await until(() => !!bubble(thread, '1') && !!bubble(thread, '2'), 10_000, 'the messages');
    const split = bubble(thread, '1')!.querySelector('.text')!;
    expect(textNodes(split).length).to.equal(30);
    // The same text as one node, in a copy of the bubble beside it: the same lines, so the same height and width.
    const whole = split.closest('.bubble')!.cloneNode(true) as HTMLElement;
    whole.querySelector('.text')!.replaceChildren(word);
    split.closest('.message')!.append(whole);
    const box = (el: Element): [number, number] => [el.getBoundingClientRect().height, el.getBoundingClientRect().width];
    expect(box(whole)).to.deep.equal(box(split.closest('.bubble')!));
    whole.remove();
    expect(textNodes(bubble(thread, '2')!.querySelector('.text')!).map((t) => t.data)).to.deep.equal(['just a few words']);
  });

  it('a long file name and a long failure reason are split too', async () => {
    const name = `${'N'.repeat(1_000)}.pdf`;
    const reason = 'R'.repeat(1_000);
    const { thread } = await threadWith([
      conversation,
      created({ ...msg({ id: '1', conversationId: 'c1', text: '', at: T0 }), kind: 'file', attachments: [{ id: 'a', kind: 'file', name }] }),
      created({ ...msg({ id: '2', conversationId: 'c1', text: 'mine', at: T0 + 1 }), sender: { id: 'me', role: 'self' }, status: 'failed', error: reason }),
    ]);
    await until(() => !!bubble(thread, '1') && !!bubble(thread, '2'), 10_000, 'the messages');
    const file = bubble(thread, '1')!.querySelector('.file-name')!;
    expect([file.textContent, longestRunInANode(file)]).to.deep.equal([name, RUN_CHUNK]);
    const failed = bubble(thread, '2')!.querySelector('.failed span')!;
    expect([failed.textContent, longestRunInANode(failed)]).to.deep.equal([`Not sent: ${reason}`, RUN_CHUNK]);
  });
});
