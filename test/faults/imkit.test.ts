/**
 * Fault storm against the IMKIT emulation (see harness.ts and demo/server/imkit/storm.ts).
 * Removals are recalls (the record keeps a `recall` tombstone) and admin deletes (the record
 * forgets the message), so the record's rows are its live messages and the widget's deleted
 * messages are left out of the comparison. "edited" is a text message whose `updatedAtMS` is
 * past its creation; "read" is whether Kit's read marker covers my message.
 *
 * Typing: IMKIT never says "stopped", so a notice ends when it expires (6 s, as the Vue SDK):
 * the end of the storm must show nobody typing within that of the storm's last typing frame, and
 * the probe's notice must show and then clear within it (typing.ts).
 *
 * The token change: the emulation accepts one client token (`demo-imkit-token`) and issues no
 * other, so there is no second token for the same client to hand over. The closest a page
 * comes is handing the same credentials over again on a new connection: `reconnect()`, the same
 * path as a token change for the same user (the client is replaced, the store and its unsent
 * messages are kept).
 */
import { fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { TYPING_TTL_MS } from '../../src/core/protocols/imkit/decode-shared.js';
import { control, DEMO_KEY, DEMO_TOKEN, imkitUrl, ROOM } from '../imkit/widget-helpers.js';
import { stormAndCompare, type FaultTarget, type Row } from './harness.js';

const ME = 'demo-user';
const KIT = 'kit';

/** A message as `GET /__control/messages` gives it. */
interface RecordMessage {
  _id: string;
  message: string;
  messageType: string;
  sender: { _id: string };
  messageTimeMS: number;
  createdAtMS: number;
  updatedAtMS: number;
  readBy: string[];
}

const imkit: FaultTarget = {
  name: 'imkit',
  async prepare() {
    await control('reset');
    await control('agent', { enabled: false });
    return { conversationId: ROOM };
  },
  mount: (extras) => fixture<ParleyChat>(html`<parley-chat protocol="imkit" url=${imkitUrl()} .token=${DEMO_TOKEN}
    .options=${{ clientKey: DEMO_KEY, base64: false }} conversation=${extras.conversationId}></parley-chat>`),
  async record(extras) {
    const all = await control<RecordMessage[]>(`messages?room=${encodeURIComponent(extras.conversationId)}`);
    return all.filter((m) => m.messageType !== 'recall').map((m): Row => ({
      id: m._id, text: m.message, deleted: false,
      edited: m.updatedAtMS > m.createdAtMS,
      ...(m.sender._id === ME ? { read: m.readBy.includes(KIT) } : {}),
    }));
  },
  row: (v): Row => ({
    id: v.id, text: v.text, deleted: v.deleted, edited: v.edited,
    ...(v.mine ? { read: v.status === 'read' } : {}),
  }),
  keepDeleted: false,
  async renewCredentials(chat) {
    chat.reconnect();
    return 'one client token in the emulation: the same token on a new connection (reconnect())';
  },
  typist: { name: 'Kit', ttlMs: TYPING_TTL_MS, stopFrame: false, ordered: false },
};

describe('fault storm: IMKIT', function () {
  this.timeout(180_000);
  it('ends with the thread equal to the server record', async () => {
    await stormAndCompare(imkit);
    // The emulation answers afterTime queries newest first (IMKIT leaves the order open): how often
    // a catch-up met a page that left older changes out, and so refreshed its window instead.
    const { served } = await control<{ served: { afterTimeCut: number } }>('state');
    console.log(`[faults] imkit: ${served.afterTimeCut} newest-first afterTime pages cut short during the storm`);
  });
});
