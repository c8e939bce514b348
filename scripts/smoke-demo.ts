/**
 * Smoke check of the demo servers from Node, with the real @rails/actioncable client:
 *   npx tsx scripts/smoke-demo.ts
 * Starts both servers, walks a visitor through a conversation with Ada, checks history paging,
 * the agent API, the control endpoints and the real Rails server, closes everything and prints
 * timings. Exits 0 on success; the process must then exit on its own (no handles left).
 * It asserts what real Chatwoot does (demo/server/README.md, docs/protocols/chatwoot.md "Against
 * the real backend"): thin public REST shapes, echo_id on the cable only, no edits, an agent's
 * read that only writes agent_last_seen_at, conversation.read to agents only.
 */
import { strict as assert } from 'node:assert';
import { WebSocket } from 'ws';
import { startServers } from '../demo/server/index.js';

// @rails/actioncable expects a browser: give it `ws` and no-op window listeners.
const globals = globalThis as unknown as Record<string, unknown>;
globals.addEventListener ??= () => {};
globals.removeEventListener ??= () => {};
const ActionCable = await loadActionCable();
ActionCable.adapters.WebSocket = WebSocket;

// @rails/actioncable ships no types: the little of it used here.
interface CableSubscription { perform(action: string, data?: object): void }
interface CableConsumer {
  subscriptions: { create(params: object, mixin: Record<string, (...args: never[]) => void>): CableSubscription };
  disconnect(): void;
}
interface ActionCableModule { adapters: { WebSocket: unknown }; createConsumer(url: string): CableConsumer }

async function loadActionCable(): Promise<ActionCableModule> {
  const name = '@rails/actioncable';
  const mod = (await import(name)) as { default?: ActionCableModule } & Partial<ActionCableModule>;
  return (mod.createConsumer ? mod : mod.default) as ActionCableModule;
}

type Frame = { event: string; data: Record<string, unknown> };
const t0 = performance.now();
const timings: [string, number][] = [];
const mark = (label: string, since: number) => timings.push([label, Math.round(performance.now() - since)]);

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as any) : undefined, headers: res.headers };
}

function subscribe(consumer: CableConsumer, params: Record<string, unknown>, frames: Frame[]) {
  let state: 'pending' | 'connected' | 'rejected' = 'pending';
  const sub = consumer.subscriptions.create(params, {
    connected: () => { state = 'connected'; },
    rejected: () => { state = 'rejected'; },
    received: (data: unknown) => frames.push(data as Frame),
  });
  return { sub, state: () => state };
}

const baseline = process.getActiveResourcesInfo();
let started = performance.now();
const servers = await startServers({ rails: true, quiet: true, agentDelayMs: 60 });
mark('startServers (chatwoot + puma)', started);
const cw = servers.urls.chatwoot;
const wsUrl = `${cw.replace(/^http/, 'ws')}/cable`;
const agentHeaders = { api_access_token: 'demo-agent-token' };
const inbox = '/public/api/v1/inboxes/demo-inbox';

try {
  // CORS preflight and 404s.
  const preflight = await fetch(`${cw}${inbox}/contacts`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://127.0.0.1:9999', 'Access-Control-Request-Headers': 'api_access_token, content-type' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://127.0.0.1:9999');
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /api_access_token/);
  assert.equal((await call(cw, 'POST', '/public/api/v1/inboxes/nope/contacts', {})).status, 404);
  assert.equal((await call(cw, 'GET', `${inbox}/contacts/unknown-source`)).status, 404);

  // Agent consumer first, so it sees conversation.created and contact.created.
  const agentFrames: Frame[] = [];
  const agentConsumer = ActionCable.createConsumer(wsUrl);
  const agentSub = subscribe(agentConsumer, { channel: 'RoomChannel', pubsub_token: 'demo-agent-token', account_id: 1, user_id: 1 }, agentFrames);
  await waitFor('agent subscription', () => (agentSub.state() === 'connected' ? true : undefined));

  started = performance.now();
  const contact = (await call(cw, 'POST', `${inbox}/contacts`, { name: 'Smoke Visitor' })).json;
  assert.ok(contact.source_id && contact.pubsub_token);
  const contactFrames: Frame[] = [];
  const consumer = ActionCable.createConsumer(wsUrl);
  const contactSub = subscribe(consumer, { channel: 'RoomChannel', pubsub_token: contact.pubsub_token }, contactFrames);
  await waitFor('contact subscription', () => (contactSub.state() === 'connected' ? true : undefined));
  mark('contact created + subscribed', started);
  // Real Chatwoot's RoomChannel raises on a token it cannot find: no confirm, no reject, only silence.
  const unknown = subscribe(consumer, { channel: 'RoomChannel', pubsub_token: 'bogus' }, []);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(unknown.state(), 'pending', 'an unknown pubsub token is neither confirmed nor rejected');
  await waitFor('presence.update on subscribe', () => contactFrames.find((f) => f.event === 'presence.update'));

  const base = `${inbox}/contacts/${contact.source_id}/conversations`;
  const conversation = (await call(cw, 'POST', base, {})).json;
  await waitFor('conversation.created (agent)', () => agentFrames.find((f) => f.event === 'conversation.created'));
  await waitFor('contact.created (agent)', () => agentFrames.find((f) => f.event === 'contact.created'));
  const greeting = await waitFor('greeting', () => contactFrames.find((f) => f.event === 'message.created' && f.data.message_type === 1));
  assert.equal(greeting.data.content, "Hi! I'm Ada. How can I help?");

  // The Client API's conversation is the thin public object.
  assert.equal(typeof conversation.uuid, 'string');
  assert.equal(conversation.agent_last_seen_at, 0, 'Ada has not read yet');
  for (const key of ['meta', 'unread_count', 'timestamp']) assert.ok(!(key in conversation), `no ${key} in the public conversation`);

  // Visitor says hello: echo (on the cable only), Ada reads silently, typing, reply, typing off.
  started = performance.now();
  const sent = await call(cw, 'POST', `${base}/${conversation.id}/messages`, { content: 'hello there', echo_id: 'echo-1' });
  assert.equal(sent.status, 200);
  assert.equal(sent.json.content, 'hello there');
  assert.equal(sent.json.message_type, 0);
  for (const key of ['echo_id', 'status', 'updated_at', 'private']) assert.ok(!(key in sent.json), `no ${key} in the public message`);
  const at = (pred: (f: Frame) => boolean) => contactFrames.findIndex(pred);
  const lastAt = (pred: (f: Frame) => boolean) => contactFrames.findLastIndex(pred);
  const echo = await waitFor('message.created echo', () => contactFrames.find((f) => f.event === 'message.created' && f.data.echo_id === 'echo-1'));
  mark('REST send → echo on cable', started);
  assert.equal(echo.data.message_type, 0);
  assert.equal(echo.data.content_type, 'text');
  assert.equal(typeof echo.data.created_at, 'number');
  assert.equal(echo.data.id, sent.json.id);
  assert.equal(echo.data.status, 'sent');
  // Ada's read writes agent_last_seen_at and announces nothing; her typing frame carries it.
  const typingOn = await waitFor('typing_on', () => contactFrames.slice(at((f) => f === echo)).find((f) => f.event === 'conversation.typing_on'));
  mark('REST send → typing_on (read time)', started);
  const seenInTyping = (typingOn.data.conversation as Record<string, unknown>).agent_last_seen_at as number;
  assert.ok(seenInTyping >= (echo.data.created_at as number), `typing_on carries agent_last_seen_at ${seenInTyping}`);
  const reply = await waitFor('reply', () => contactFrames.find((f) => f.event === 'message.created' && f.data.content === 'You said: “hello there”'));
  mark('REST send → agent reply', started);
  assert.equal(reply.data.message_type, 1);
  assert.equal((reply.data.sender as Record<string, unknown>).name, 'Ada');
  await waitFor('typing_off', () => (lastAt((f) => f.event === 'conversation.typing_off') > at((f) => f === reply) ? true : undefined));
  assert.ok(lastAt((f) => f.event === 'conversation.typing_on') < at((f) => f === reply));
  assert.ok(!agentFrames.some((f) => f.event === 'conversation.typing_on'), 'Ada must not hear her own typing');
  await waitFor('agent stream saw the echo', () => agentFrames.find((f) => f.event === 'message.created' && f.data.echo_id === 'echo-1'));
  assert.equal((reply.data as Record<string, unknown>).echo_id, undefined, 'Ada\'s reply has no echo_id');
  const publicConv = (await call(cw, 'GET', `${base}/${conversation.id}`)).json;
  assert.ok(publicConv.agent_last_seen_at >= (echo.data.created_at as number), 'agent_last_seen_at in the public conversation');

  // Ada never edits: the third reply, like every other, arrives once and stays as it is.
  await call(cw, 'POST', `${base}/${conversation.id}/messages`, { content: 'two' });
  await call(cw, 'POST', `${base}/${conversation.id}/messages`, { content: 'three' });
  const third = await waitFor('third reply', () => contactFrames.find((f) => f.event === 'message.created' && f.data.content === 'You said: “three”'));
  await waitFor('typing_off after the third reply', () =>
    (lastAt((f) => f.event === 'conversation.typing_off') > at((f) => f === third) ? true : undefined));
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!contactFrames.some((f) => f.event === 'message.updated' && f.data.id === third.data.id), 'no edit of the third reply');
  assert.ok(!contactFrames.some((f) => f.event === 'message.updated' && f.data.message_type === 0 && f.data.status === 'read'),
    'Ada\'s reads send no read status to the contact');
  assert.ok(!agentFrames.some((f) => f.event === 'conversation.read'), 'Ada\'s reads announce nothing');
  assert.ok(!contactFrames.some((f) => f.event === 'message.updated'), 'nothing updated so far');

  // Presence ping over the cable.
  const presenceBefore = contactFrames.filter((f) => f.event === 'presence.update').length;
  contactSub.sub.perform('update_presence');
  await waitFor('presence.update after update_presence', () =>
    contactFrames.filter((f) => f.event === 'presence.update').length > presenceBefore ? true : undefined);

  // Agent API: auth, typing to the contact, private note stays private, PATCH is status only, delete.
  assert.equal((await call(cw, 'GET', '/api/v1/profile')).status, 401);
  assert.equal((await call(cw, 'GET', '/api/v1/profile', undefined, agentHeaders)).json.pubsub_token, 'demo-agent-token');
  await call(cw, 'POST', '/__control/agent', { enabled: false });
  const convPath = `/api/v1/accounts/1/conversations/${conversation.id}`;
  const list = (await call(cw, 'GET', '/api/v1/accounts/1/conversations', undefined, agentHeaders)).json;
  assert.equal(list.data.payload[0].id, conversation.id);
  const note = (await call(cw, 'POST', `${convPath}/messages`, { content: 'secret', private: true }, agentHeaders)).json;
  const byAgent = (await call(cw, 'POST', `${convPath}/messages`, { content: 'typo', echo_id: 'a-1' }, agentHeaders)).json;
  await waitFor('agent message on the cable with its echo_id', () =>
    contactFrames.find((f) => f.event === 'message.created' && f.data.id === byAgent.id && f.data.echo_id === 'a-1'));
  // PATCH {content} changes nothing (Messages::StatusUpdateService) and announces nothing.
  const patched = await call(cw, 'PATCH', `${convPath}/messages/${byAgent.id}`, { content: 'fixed' }, agentHeaders);
  assert.equal(patched.status, 200);
  assert.equal(patched.json.content, 'typo', 'PATCH {content} leaves the content as it was');
  // PATCH {status} is what it does: the status changes, the content stays, message.updated to the contact.
  const delivered = await call(cw, 'PATCH', `${convPath}/messages/${byAgent.id}`, { status: 'delivered' }, agentHeaders);
  assert.equal(delivered.json.status, 'delivered');
  const statusFrame = await waitFor('status update to contact', () =>
    contactFrames.find((f) => f.event === 'message.updated' && f.data.id === byAgent.id && f.data.status === 'delivered'));
  assert.equal(statusFrame.data.content, 'typo');
  assert.ok(!contactFrames.some((f) => f.data.content === 'fixed'), 'no edit reaches the contact');
  const agentPage = (await call(cw, 'GET', `${convPath}/messages`, undefined, agentHeaders)).json;
  assert.equal(agentPage.payload.find((m: { id: number }) => m.id === byAgent.id).content, 'typo');
  await call(cw, 'DELETE', `${convPath}/messages/${byAgent.id}`, undefined, agentHeaders);
  const deleted = await waitFor('soft delete', () =>
    contactFrames.find((f) => f.event === 'message.updated' && f.data.id === byAgent.id && (f.data.content_attributes as any).deleted === true));
  assert.equal(deleted.data.content, 'This message was deleted');
  assert.ok(!contactFrames.some((f) => f.data.id === note.id), 'private note must not reach the contact');

  // Agent read: agent_last_seen_at is written (unread count to 0), nothing is broadcast; it shows
  // in the public conversation, the agents' message meta and list, and the next typing frame.
  const unread = (await call(cw, 'POST', `${base}/${conversation.id}/messages`, { content: 'are you there?' })).json;
  await waitFor('unread contact message on the agent stream', () => agentFrames.find((f) => f.event === 'message.created' && f.data.id === unread.id));
  const listed = () => call(cw, 'GET', '/api/v1/accounts/1/conversations', undefined, agentHeaders)
    .then((r) => r.json.data.payload.find((c: { id: number }) => c.id === conversation.id));
  assert.equal((await listed()).unread_count, 1);
  const framesBefore = [contactFrames.length, agentFrames.length];
  const seen = await call(cw, 'POST', `${convPath}/update_last_seen`, {}, agentHeaders);
  assert.equal(seen.status, 200);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual([contactFrames.length, agentFrames.length], framesBefore, 'an agent read broadcasts nothing');
  const agentSeenAt = (await call(cw, 'GET', `${base}/${conversation.id}`)).json.agent_last_seen_at as number;
  assert.ok(agentSeenAt >= unread.created_at, `agent_last_seen_at ${agentSeenAt} covers the unread message`);
  assert.equal((await call(cw, 'GET', `${convPath}/messages`, undefined, agentHeaders)).json.meta.agent_last_seen_at, agentSeenAt);
  const afterRead = await listed();
  assert.equal(afterRead.unread_count, 0);
  assert.equal(afterRead.agent_last_seen_at, agentSeenAt);
  const typingsBefore = contactFrames.filter((f) => f.event === 'conversation.typing_on').length;
  await call(cw, 'POST', `${convPath}/toggle_typing_status`, { typing_status: 'on' }, agentHeaders);
  const agentTyping = await waitFor('agent typing to contact', () =>
    contactFrames.filter((f) => f.event === 'conversation.typing_on')[typingsBefore]);
  assert.equal((agentTyping.data.conversation as Record<string, unknown>).agent_last_seen_at, agentSeenAt);

  // Contact read: conversation.read to agents only; Ada's messages become read, the contact's never.
  await call(cw, 'POST', `${base}/${conversation.id}/update_last_seen`, {});
  const read = await waitFor('conversation.read (agent)', () => agentFrames.find((f) => f.event === 'conversation.read'));
  assert.ok((read.data.contact_last_seen_at as number) > 0);
  await waitFor('Ada\'s reply marked read for the contact', () =>
    contactFrames.find((f) => f.event === 'message.updated' && f.data.id === reply.data.id && f.data.status === 'read'));
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(!contactFrames.some((f) => f.event === 'conversation.read'), 'conversation.read goes to agents only');
  assert.ok(!contactFrames.some((f) => f.event === 'message.updated' && f.data.message_type === 0), 'the contact\'s messages are never updated');

  // History: 10,000 messages, paging with before; the Client API ignores after, the agents' API honours it.
  started = performance.now();
  const bulk = (await call(cw, 'POST', '/__control/bulk', { conversation_id: conversation.id, count: 10_000 })).json;
  mark('bulk 10,000 messages', started);
  started = performance.now();
  const latest = (await call(cw, 'GET', `${base}/${conversation.id}/messages`)).json as { id: number }[];
  assert.equal(latest.length, 20);
  assert.equal(latest.at(-1)!.id, bulk.last_id);
  for (const key of ['status', 'updated_at', 'echo_id']) assert.ok(!(key in latest[0]!), `no ${key} in a history message`);
  const older = (await call(cw, 'GET', `${base}/${conversation.id}/messages?before=${latest[0]!.id}`)).json as { id: number }[];
  assert.equal(older.length, 20);
  assert.equal(older.at(-1)!.id, latest[0]!.id - 1);
  const ignored = (await call(cw, 'GET', `${base}/${conversation.id}/messages?after=${bulk.first_id}`)).json as { id: number }[];
  assert.deepEqual(ignored.map((m) => m.id), latest.map((m) => m.id), 'the Client API ignores after: the latest 20');
  const after = (await call(cw, 'GET', `${convPath}/messages?after=${bulk.first_id}`, undefined, agentHeaders)).json.payload as { id: number }[];
  assert.equal(after.length, 100);
  assert.equal(after[0]!.id, bulk.first_id + 1);
  mark('four history pages', started);
  const record = (await call(cw, 'GET', `/__control/messages?conversation_id=${conversation.id}`)).json as unknown[];
  assert.ok(record.length > 10_000);

  // Control: contact-say while connected, drop, refuse.
  await call(cw, 'POST', '/__control/contact-say', { source_id: contact.source_id, conversation_id: conversation.id, content: 'from my phone' });
  await waitFor('contact-say broadcast', () => contactFrames.find((f) => f.data.content === 'from my phone'));
  const refused = await call(cw, 'POST', '/__control/refuse', { ms: 500 });
  assert.ok(refused.json.refusingForMs > 0);
  const probe = new WebSocket(wsUrl, ['actioncable-v1-json']);
  const refusedError = await new Promise<string>((resolve) => probe.once('error', (e) => resolve(e.message)).once('open', () => resolve('opened')));
  assert.match(refusedError, /503/);
  const dropped = (await call(cw, 'POST', '/__control/drop')).json;
  assert.ok(dropped.dropped >= 2, `dropped ${dropped.dropped}`);

  // The real Rails server.
  started = performance.now();
  const railsFrames: Frame[] = [];
  const railsConsumer = ActionCable.createConsumer(`${servers.urls.rails!.replace(/^http/, 'ws')}/cable`);
  const railsSub = subscribe(railsConsumer, { channel: 'RoomChannel', pubsub_token: 'smoke-stream' }, railsFrames);
  await waitFor('rails subscription', () => (railsSub.state() === 'connected' ? true : undefined));
  const railsRejected = subscribe(railsConsumer, { channel: 'RoomChannel', pubsub_token: '' }, []);
  await waitFor('rails rejection of a blank token', () => (railsRejected.state() === 'rejected' ? true : undefined));
  const posted = await fetch(`${servers.urls.rails}/broadcast`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Origin: 'http://127.0.0.1:9999' },
    body: JSON.stringify({ stream: 'smoke-stream', payload: { event: 'message.created', data: { id: 1, content: 'from rails' } } }),
  });
  assert.equal(posted.status, 200);
  assert.equal(posted.headers.get('access-control-allow-origin'), 'http://127.0.0.1:9999');
  const railsFrame = await waitFor('rails broadcast', () => railsFrames[0]);
  assert.equal(railsFrame.data.content, 'from rails');
  mark('rails subscribe + broadcast round trip', started);

  agentConsumer.disconnect();
  consumer.disconnect();
  railsConsumer.disconnect();
} finally {
  started = performance.now();
  await servers.close();
  mark('close()', started);
}

mark('total', t0);
for (const [label, ms] of timings) console.log(`${label.padEnd(42)} ${String(ms).padStart(6)} ms`);
// @rails/actioncable's SubscriptionGuarantor leaves a one-shot 500 ms timer in this client; let it pass.
await new Promise((r) => setTimeout(r, 600));
const left = [...process.getActiveResourcesInfo()];
for (const r of baseline) left.splice(left.indexOf(r), left.indexOf(r) >= 0 ? 1 : 0);
assert.deepEqual(left, [], `handles left after close(): ${left.join(', ')}`);
console.log('no handles left after close(); smoke OK');
