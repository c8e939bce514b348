/**
 * XSS corpus against the Virola emulation: message text as plain text, HTML (sanitized) and
 * Markdown, the room name, attachment file names (which also make the attachment's URL) and a
 * user's display name as sender name. Virola has no avatars.
 */
import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { until } from '../helpers/fake-protocol.js';
import { control, reset, virolaChat } from '../virola/widget.js';
import { displayName } from '../../src/elements/shared/format.js';
import { expectClean, expectTrapEmpty, mark, visible } from './harness.js';
import { installTrap, type Trap } from './trap.js';
import { MARKUP_VECTORS } from './vectors.js';

describe('XSS: Virola', function () {
  this.timeout(20000);
  let trap: Trap;
  let rooms: Record<string, string>;
  beforeEach(async () => { rooms = await reset(); await control('correspondent', { enabled: false }); trap = installTrap(); });
  afterEach(() => { trap.uninstall(); });

  it('plain, HTML and Markdown message text and the room name stay inert', async () => {
    const room = rooms.Vera!;
    const chat = await virolaChat(room);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    for (const markupType of ['TextPlain', 'TextHtml', 'TextMarkdown'] as const) {
      for (const v of MARKUP_VECTORS) {
        const m = mark(markupType, v.id);
        const text = `${m} ${v.payload}`;
        await control('say', { roomId: Number(room), text, markupType });
        // Plain text shows the vector as text; HTML and Markdown keep only the marker and safe markup.
        await visible(chat, markupType === 'TextPlain' ? text : m, `${markupType} ${v.id}`);
        expectClean(chat, `${markupType} ${v.id}`);
      }
    }
    for (const v of MARKUP_VECTORS.filter((x) => ['script', 'img-onerror', 'attr-break', 'svg-onload'].includes(x.id))) {
      const name = `${mark('room', v.id)} ${v.payload}`;
      await control('room-update', { roomId: Number(room), name });
      await until(() => chat.session.store.getState().conversations.get(room)?.title === name, 8000, `room name ${v.id} in the store`);
      await chat.updateComplete;
      expectClean(chat, `room name ${v.id}`);
    }
    expect(chat.connectionStatus).to.equal('open');
    await expectTrapEmpty(chat, trap);
  });

  it('attachment file names and the sender name stay inert', async () => {
    const room = rooms.Vera!;
    const name = `${mark('sender', 'all')} ${MARKUP_VECTORS.filter((v) => ['script', 'img-onerror', 'attr-break'].includes(v.id)).map((v) => v.payload).join(' ')}`;
    await control('user', { displayName: name });
    const chat = await virolaChat(room);
    await until(() => chat.connectionStatus === 'open', 10000, 'open');
    // Above Vera's greeting, the first of her group (before the list scrolls it away), as the
    // widget shows names (deceptive characters out, cut to a length).
    await visible(chat, displayName(name), 'the sender name as text');
    expectClean(chat, 'sender name');
    for (const v of MARKUP_VECTORS.filter((x) => !x.payload.includes('attacker.invalid'))) {
      const fileName = `${mark('file', v.id)}${v.payload}.png`;
      await control('say', { roomId: Number(room), text: mark('files', v.id), fileNames: [fileName, `${mark('doc', v.id)}${v.payload}.pdf`] });
      await visible(chat, mark('files', v.id), `message with files ${v.id}`);
      expectClean(chat, `file names ${v.id}`);
    }
    await expectTrapEmpty(chat, trap);
  });
});
