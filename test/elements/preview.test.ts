/**
 * The list's one-line preview of a message (src/elements/shared/preview.ts): Markdown and HTML
 * lose their markup, and only the start of a body is ever read. The adapter fuzz (issue #9) found
 * the old pattern-based Markdown stripper quadratic: 80 KB of "[ " or "_x " froze the list for
 * seconds. What bounds the cost now is structural (the cut before parsing), so that is what is
 * checked here, with no clock.
 */
import { expect } from '@open-wc/testing';
import type { Markup, Message } from '../../src/core/model.js';
import { PREVIEW_HTML_LIMIT, PREVIEW_SOURCE_LIMIT, previewText } from '../../src/elements/shared/preview.js';
import { sanitizerReady } from '../../src/lit/sanitize.js';
import { msg } from '../helpers/fake-protocol.js';

const T0 = Date.UTC(2026, 0, 1);

function message(text: string, markup: Markup = 'markdown'): Message {
  return { ...msg({ id: 'p1', conversationId: 'c1', text, at: T0 }), markup };
}

const preview = (text: string, markup?: Markup): string => previewText(message(text, markup));

describe('message preview', () => {
  before(() => sanitizerReady()); // loaded on demand in the widget (test/elements/sanitizer-on-demand.test.ts)

  it('Markdown: block markers, fences, link and image syntax and paired delimiters go; their text stays', () => {
    const cases: [string, string][] = [
      ['# Title\nbody', 'Title body'],
      ['> quoted\n> > twice', 'quoted twice'],
      ['- one\n* two\n+ three\n1. four\n2) five', 'one two three four five'],
      ['**bold** _em_ *em* __strong__ ~~gone~~ `code`', 'bold em em strong gone code'],
      ['***both*** and **a *b* c** and **open', 'both and a b c and **open'],
      ['see [the docs](https://x.test/docs "Docs") and ![a cat](https://x.test/cat.png)', 'see the docs and a cat'],
      ['[a [b](https://x.test)', '[a b'],
      ['[not a link] [x](no end', '[not a link] [x](no end'],
      ['```js\nconst a = **1**;\n```\nafter', 'const a = **1**; after'],
      ['~~~\ncode\n~~~', 'code'],
      ['inline ```code``` span', 'inline code span'],
      ['snake_case_name and 2*3*4', 'snake_case_name and 2*3*4'],
      ['\\*not em\\* and \\[x\\]', '*not em* and [x]'],
      ['*one line\nother* line', '*one line other* line'],
      ['#hashtag -dash 2024.', '#hashtag -dash 2024.'],
    ];
    for (const [source, expected] of cases) expect(preview(source), JSON.stringify(source)).to.equal(expected);
  });

  it('HTML: its text through the sanitizer, nothing of what a script or style holds', () => {
    expect(preview('<p>Hi <b>there</b>,</p><script>bad()</script><style>p{}</style><p>see <a href="https://x.test">this</a></p>', 'html')).to.equal('Hi there,see this');
  });

  it('plain text: one line; a deleted message and an attachment alone say so', () => {
    expect(preview('  two\n\nlines  ', 'plain')).to.equal('two lines');
    expect(previewText({ ...message('gone'), deleted: true })).to.equal('Message deleted');
    expect(previewText({ ...message(''), attachments: [{ id: 'a', kind: 'file', name: 'a.pdf' }] })).to.equal('Attachment');
  });

  it('reads only the start of a body: 80 KB of "[ ", "_x ", "**x " or "<b>x</b> " previews as its first part would', () => {
    const bodies: [string, Markup, number][] = [
      ['[ '.repeat(40_000), 'markdown', PREVIEW_SOURCE_LIMIT],
      ['_x '.repeat(27_000), 'markdown', PREVIEW_SOURCE_LIMIT],
      ['**x '.repeat(20_000), 'markdown', PREVIEW_SOURCE_LIMIT],
      [`${'A'.repeat(80_000)}`, 'plain', PREVIEW_SOURCE_LIMIT],
      ['<b>x</b> '.repeat(9_000), 'html', PREVIEW_HTML_LIMIT],
    ];
    for (const [body, markup, limit] of bodies) {
      const line = preview(body, markup);
      expect(line.length, `${markup} ${JSON.stringify(body.slice(0, 4))}`).to.be.within(1, limit);
      expect(line, 'the same as the preview of the start alone').to.equal(preview(body.slice(0, limit), markup));
      // A closing delimiter beyond the cut is never seen, so it cannot change the preview.
      expect(preview(`${body}**`, markup)).to.equal(line);
    }
  });

  it('the cut never splits a surrogate pair', () => {
    const body = `${'a'.repeat(PREVIEW_SOURCE_LIMIT - 1)}😀 and more`;
    const line = preview(body, 'plain');
    expect(line).to.equal('a'.repeat(PREVIEW_SOURCE_LIMIT - 1));
    expect(preview(`${'a'.repeat(PREVIEW_SOURCE_LIMIT - 2)}😀 more`, 'plain')).to.equal(`${'a'.repeat(PREVIEW_SOURCE_LIMIT - 2)}😀`);
  });
});
