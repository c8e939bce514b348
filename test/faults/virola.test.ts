/**
 * Fault storm against the Virola emulation (see harness.ts). Virola deletes for good (the record
 * keeps no tombstone), so the widget's tombstones are left out of the comparison; "read" is
 * whether Vera has a read timestamp on Sam's message, compared with the delivery state the
 * widget holds and, in the rendered rows, with the tick it shows (not the raw timestamps it
 * keeps beside them).
 *
 * The page is signed in (the events socket takes only the session cookie; see ../virola/widget.ts).
 * The token change: Virola issues one Web API token per user and a session per sign-in, so the
 * page signs in again (a new session cookie, which every later request and socket carries) and
 * hands the widget Sam's Web API token as its `token` property (REST then goes by the token, the
 * socket still by the session); `user-id` names Sam, so the store, its cache namespace and its
 * unsent messages stay with the widget.
 */
import { fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { control, reset, SAM_TOKEN, serverMessages, signIn, virolaUrl } from '../virola/widget.js';
import { stormAndCompare, type FaultTarget } from './harness.js';

const SAM = '1';
const VERA = 2;

const virola: FaultTarget = {
  name: 'virola',
  async prepare() {
    const rooms = await reset();
    await control('correspondent', { enabled: false });
    await signIn();
    return { conversationId: rooms.Vera! };
  },
  mount: (extras) => (extras.token
    ? fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${virolaUrl} user-id=${SAM} .token=${String(extras.token)}
        .conversation=${extras.conversationId}></parley-chat>`)
    : fixture<ParleyChat>(html`<parley-chat protocol="virola" url=${virolaUrl} user-id=${SAM}
        .conversation=${extras.conversationId}></parley-chat>`)),
  async record(extras) {
    return (await serverMessages(extras.conversationId)).map((m) => ({
      id: String(m.messageId), text: m.text, deleted: false,
      edited: m.lastEditedUtc > m.createdUtc,
      ...(String(m.userId) === SAM ? { read: m.readTimestamps.some((r) => r.userId === VERA) } : {}),
    }));
  },
  row: (v) => ({
    id: v.id, text: v.text, deleted: v.deleted, edited: v.edited,
    ...(v.mine ? { read: v.status === 'read' } : {}),
  }),
  keepDeleted: false,
  async renewCredentials(chat, extras) {
    await signIn();
    extras.token = SAM_TOKEN;
    chat.token = SAM_TOKEN;
    return 'signed in again (a new session cookie) and Sam\'s Web API token set as the token property';
  },
};

describe('fault storm: Virola', function () {
  this.timeout(180_000);
  it('ends with the thread equal to the server record', async () => {
    await stormAndCompare(virola);
  });
});
