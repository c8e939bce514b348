/**
 * Fault storm against the Avaya Spaces emulation (see harness.ts): Dana's widget (her JWT) in a
 * fresh space while Sam writes, edits and removes chats and Dana's other device writes too.
 *
 * What is compared: ids, order, the HTML `bodyText` (what the widget keeps as the text), and the
 * deleted mark: the record keeps removed items (`deleted: true`), so the widget must end with a
 * tombstone for each, also for those created and removed while it was cut off. "Edited" is
 * compared for live items only: the record's `modified` passes `created` when an item is edited,
 * but a removal moves `modified` too, so for a removed item the record cannot say. Read marks are
 * not compared: Spaces tells a reader's marker (`topic.markread`) only to the reader's own
 * sockets, so Sam's reads never reach Dana's widget. Spaces has no typing signal.
 */
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { fixture, html } from '@open-wc/testing';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { backendControl, servers } from '../helpers/servers.js';
import { stormAndCompare, type FaultTarget, type Row } from './harness.js';

/** Dana's token (demo/server/spaces/store.ts). */
const DANA_TOKEN = 'demo-user-token';

/** An item as `GET /__control/messages` lists it. */
interface RecordItem {
  _id: string;
  created: string;
  modified: string;
  deleted: boolean;
  content: { bodyText: string };
}

const spaces: FaultTarget = {
  name: 'spaces',
  async prepare() {
    await backendControl('spaces', 'reset', {});
    await backendControl('spaces', 'agent', { enabled: false });
    const { id } = await backendControl<{ id: string }>('spaces', 'space', { title: 'Storm' });
    return { conversationId: id };
  },
  mount: (extras) => fixture<ParleyChat>(html`<parley-chat protocol="spaces" url=${servers.spaces} .token=${DANA_TOKEN}
    .conversation=${String(extras.conversationId)} no-persist></parley-chat>`),
  async record(extras) {
    const items = await backendControl<RecordItem[]>('spaces', `messages?spaceId=${String(extras.conversationId)}`);
    return items.map((i): Row => (i.deleted
      ? { id: i._id, text: '', deleted: true }
      : { id: i._id, text: i.content.bodyText, deleted: false, edited: Date.parse(i.modified) > Date.parse(i.created) }));
  },
  row: (m) => (m.deleted
    ? { id: m.id, text: m.text, deleted: true }
    : { id: m.id, text: m.text, deleted: false, edited: !!m.edited }),
};

describe('fault storm: Avaya Spaces', function () {
  this.timeout(180_000);
  it('ends with the thread equal to the server record', async () => {
    await stormAndCompare(spaces);
  });
});
