/**
 * Fault storm against the IMKIT emulation (see harness.ts and demo/server/imkit/storm.ts).
 * Removals are recalls (the record keeps a `recall` tombstone) and admin deletes (the record
 * forgets the message), so the record's rows are its live messages and the widget's deleted
 * messages are left out of the comparison. "edited" is a text message whose `updatedAtMS` is
 * past its creation; "read" is whether Kit's read marker covers my message.
 */
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { Message } from '../../src/core/model.js';
import { control, mount, ROOM } from '../imkit/widget-helpers.js';
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
  mount: () => mount({ base64: false }),
  async record(extras) {
    const all = await control<RecordMessage[]>(`messages?room=${encodeURIComponent(String(extras.conversationId))}`);
    return all.filter((m) => m.messageType !== 'recall').map((m): Row => ({
      id: m._id, text: m.message, deleted: false,
      edited: m.updatedAtMS > m.createdAtMS,
      ...(m.sender._id === ME ? { read: m.readBy.includes(KIT) } : {}),
    }));
  },
  row: (m: Message): Row => ({
    id: m.id, text: m.text, deleted: !!m.deleted, edited: !!m.edited,
    ...(m.sender?.role === 'self' ? { read: m.status === 'read' } : {}),
  }),
  keepDeleted: false,
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
