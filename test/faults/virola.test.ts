/**
 * Fault storm against the Virola emulation (see harness.ts). Virola deletes for good (the record
 * keeps no tombstone), so the widget's tombstones are left out of the comparison; "read" is
 * whether Vera has a read timestamp on Sam's message.
 */
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { readBy } from '../../src/core/protocols/virola/decode-message.js';
import { control, reset, serverMessages, virolaChat } from '../virola/widget.js';
import { stormAndCompare, type FaultTarget } from './harness.js';

const SAM = '1';
const VERA = 2;

const virola: FaultTarget = {
  name: 'virola',
  async prepare() {
    const rooms = await reset();
    await control('correspondent', { enabled: false });
    return { conversationId: rooms.Vera! };
  },
  mount: (extras) => virolaChat(String(extras.conversationId)),
  async record(extras) {
    return (await serverMessages(String(extras.conversationId))).map((m) => ({
      id: String(m.messageId), text: m.text, deleted: false,
      edited: m.lastEditedUtc > m.createdUtc,
      ...(String(m.userId) === SAM ? { read: m.readTimestamps.some((r) => r.userId === VERA) } : {}),
    }));
  },
  row: (m) => ({
    id: m.id, text: m.text, deleted: !!m.deleted, edited: !!m.edited,
    ...(m.sender?.role === 'self' ? { read: readBy(m, String(VERA)) } : {}),
  }),
  keepDeleted: false,
};

describe('fault storm: Virola', function () {
  this.timeout(180_000);
  it('ends with the thread equal to the server record', async () => {
    await stormAndCompare(virola);
  });
});
