/**
 * Fault storm against the Comapi emulation (see harness.ts). Comapi messages are never edited or
 * deleted (its protocol has neither), so rows carry no `edited` mark and every row is live; the
 * widget's rows include anything it shows as deleted, which the record never is. "read" is
 * whether Cleo's status update on the visitor's message is `read` (a `delivered` one is not).
 * Typing notices are kept far longer than the storm lasts, so "nobody typing at the end" is what
 * the frames said, not a notice that happened to expire (Comapi's notices carry their time, so
 * the widget can order them: typing.ts holds it to the frames' end state).
 *
 * The token change: a new session for the same profile (`POST /__control/storm/token`, as the
 * challenge flow would give it), set as the widget's `token` property; `user-id` names the
 * profile, so the store, its cache namespace and its unsent messages stay with the widget.
 */
import { fixture, html } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { backendControl } from '../helpers/servers.js';
import { comapiUrl, control, serverMessages } from '../comapi/demo-server.js';
import { stormAndCompare, type FaultTarget } from './harness.js';

/** How long a typing notice shows here: far longer than a storm, so only a "typing off" frame ends one. */
const TYPING_TTL_MS = 600_000;

const CLEO = 'cleo';
let counter = 0;

const comapi: FaultTarget = {
  name: 'comapi',
  async prepare() {
    await control('reset', {});
    await control('agent', { enabled: false });
    const profileId = `storm-${Date.now().toString(36)}-${++counter}`;
    const session = await control<{ token: string; conversationId: string }>('session', { profileId, name: 'Storm visitor' });
    return { conversationId: session.conversationId, profileId, token: session.token };
  },
  mount: (extras) => fixture<ParleyChat>(html`<parley-chat protocol="comapi" url=${comapiUrl} .token=${String(extras.token)}
    user-id=${String(extras.profileId)} conversation=${extras.conversationId}
    .options=${{ apiSpaceId: 'demo-space', typingTtlMs: TYPING_TTL_MS }}></parley-chat>`),
  async record(extras) {
    return (await serverMessages(String(extras.conversationId))).map((m) => ({
      id: m.id, text: m.text, deleted: false,
      ...(m.from === extras.profileId ? { read: m.statusUpdates[CLEO]?.status === 'read' } : {}),
    }));
  },
  row: (v) => ({
    id: v.id, text: v.text, deleted: v.deleted,
    ...(v.mine ? { read: v.status === 'read' } : {}),
  }),
  async renewCredentials(chat, extras) {
    const { token } = await backendControl<{ token: string }>('comapi', 'storm/token', extras);
    extras.token = token;
    chat.token = token;
    return 'a new session token for the same profile, set as the token property';
  },
  typist: { name: 'Cleo', ttlMs: TYPING_TTL_MS, stopFrame: true, ordered: true },
};

describe('fault storm: Comapi', function () {
  this.timeout(180_000);
  after(async () => { await control('agent', { enabled: true }); });
  it('ends with the thread equal to the server record', async () => {
    await stormAndCompare(comapi);
  });
});
