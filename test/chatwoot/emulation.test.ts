/**
 * The Chatwoot emulation (demo/server/chatwoot) does what real Chatwoot does, where a lenient
 * demo would hide a bug: silence on a token RoomChannel cannot find, the Client API's thin shapes,
 * a message PATCH that changes the status only, and an agent's read that nobody hears about.
 * Each case names its upstream source in demo/server/README.md (Chatwoot).
 */
import { expect } from '@open-wc/testing';
import { control, servers } from '../helpers/servers.js';
import { until } from './fakes.js';

type Json = Record<string, unknown>;
const INBOX = `${servers.chatwoot}/public/api/v1/inboxes/demo-inbox`;
const AGENT_HEADERS = { 'Content-Type': 'application/json', api_access_token: 'demo-agent-token' };

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) as unknown : undefined };
}

async function visitor(name: string): Promise<{ source_id: string; pubsub_token: string; cid: number; base: string }> {
  const contact = (await call('POST', `${INBOX}/contacts`, { name })).json as { source_id: string; pubsub_token: string };
  const conversation = (await call('POST', `${INBOX}/contacts/${contact.source_id}/conversations`, {})).json as { id: number };
  return { ...contact, cid: conversation.id, base: `${INBOX}/contacts/${contact.source_id}/conversations/${conversation.id}` };
}

/** A raw ActionCable client: every frame but pings, parsed. */
class RawCable {
  readonly frames: Json[] = [];
  private readonly ws = new WebSocket(`${servers.chatwoot.replace(/^http/, 'ws')}/cable`, ['actioncable-v1-json']);
  constructor() {
    this.ws.onmessage = (e) => {
      const f = JSON.parse(String(e.data)) as Json;
      if (f.type !== 'ping') this.frames.push(f);
    };
  }
  async subscribe(params: Json): Promise<string> {
    await until(() => this.frames.some((f) => f.type === 'welcome'), 'welcome', 5000);
    const identifier = JSON.stringify({ channel: 'RoomChannel', ...params });
    this.ws.send(JSON.stringify({ command: 'subscribe', identifier }));
    return identifier;
  }
  types(): unknown[] { return this.frames.map((f) => f.type ?? (f.message as Json | undefined)?.event); }
  events(name: string): Json[] {
    return this.frames.flatMap((f) => ((f.message as Json | undefined)?.event === name ? [(f.message as Json).data as Json] : []));
  }
  close(): void { this.ws.close(); }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the Chatwoot emulation is as strict as Chatwoot', function () {
  this.timeout(20000);
  before(async () => {
    await control('reset', {});
    await control('agent', { enabled: false });
  });
  after(async () => { await control('agent', { enabled: true }); });

  it('RoomChannel: an unknown token, an agent token without its user or account, a contact token with a user id get neither confirm nor reject', async () => {
    const who = await visitor('Silent Visitor');
    const cases: Json[] = [
      { pubsub_token: 'no-such-token' },
      { pubsub_token: '' },
      { pubsub_token: 'demo-agent-token' },
      { pubsub_token: 'demo-agent-token', account_id: 1, user_id: 2 },
      { pubsub_token: 'demo-agent-token', account_id: 2, user_id: 1 },
      { pubsub_token: who.pubsub_token, account_id: 1, user_id: 1 },
    ];
    const cables = cases.map(() => new RawCable());
    await Promise.all(cables.map((c, i) => c.subscribe(cases[i]!)));
    const good = new RawCable();
    await good.subscribe({ pubsub_token: who.pubsub_token });
    const agent = new RawCable();
    await agent.subscribe({ pubsub_token: 'demo-agent-token', account_id: 1, user_id: 1 });
    await until(() => good.types().includes('confirm_subscription') && agent.types().includes('confirm_subscription'), 'the good ones confirmed', 5000);
    await sleep(500);
    // As in Rails, stream_from ran before the raise: broadcasts to a real token still flow (the
    // agent's presence here), but the subscription is never confirmed, and nothing rejects it.
    for (const [i, c] of cables.entries()) {
      expect(c.types().filter((t) => t !== 'presence.update'), JSON.stringify(cases[i])).to.deep.equal(['welcome']);
    }
    for (const c of [...cables, good, agent]) c.close();
  });

  it('Client API: thin public messages and conversations; the send answer has no echo_id, the cable frame has it; `after` is ignored', async () => {
    const who = await visitor('Thin Visitor');
    const cable = new RawCable();
    await cable.subscribe({ pubsub_token: who.pubsub_token });
    await until(() => cable.types().includes('confirm_subscription'), 'confirmed', 5000);
    const sent = (await call('POST', `${who.base}/messages`, { content: 'hello', echo_id: 'e-1' })).json as Json;
    expect(Object.keys(sent).sort()).to.deep.equal(['content', 'content_attributes', 'content_type', 'conversation_id', 'created_at', 'id', 'message_type', 'sender']);
    await until(() => cable.events('message.created').length > 0, 'the frame', 5000);
    expect(cable.events('message.created')[0]).to.include({ id: sent.id, echo_id: 'e-1', status: 'sent' });
    // conversation.created went to the contact's stream too (contact_inbox_tokens): before we subscribed here.
    const list = (await call('GET', `${who.base}/messages`)).json as Json[];
    expect(list.map((m) => Object.keys(m).sort())).to.deep.equal([Object.keys(sent).sort()]);
    expect((await call('GET', `${who.base}/messages?after=${String(sent.id)}`)).json, '`after` is not a Client API cursor').to.deep.equal(list);
    const conversations = (await call('GET', `${INBOX}/contacts/${who.source_id}/conversations`)).json as Json[];
    expect(Object.keys(conversations[0]!).sort()).to.deep.equal(['agent_last_seen_at', 'contact', 'contact_last_seen_at', 'id', 'inbox_id', 'messages', 'status', 'uuid']);
    expect((conversations[0]!.contact as Json).pubsub_token).to.equal(undefined);
    cable.close();
  });

  it('Client API: a contact can neither change a message\'s text nor delete it', async () => {
    const who = await visitor('Regretful Visitor');
    const sent = (await call('POST', `${who.base}/messages`, { content: 'as sent' })).json as Json;
    expect((await call('PATCH', `${who.base}/messages/${String(sent.id)}`, { content: 'changed' })).status).to.not.equal(200);
    expect((await call('DELETE', `${who.base}/messages/${String(sent.id)}`)).status).to.not.equal(200);
    const list = (await call('GET', `${who.base}/messages`)).json as Json[];
    expect(list.map((m) => [m.content, (m.content_attributes as Json | undefined)?.deleted])).to.deep.equal([['as sent', undefined]]);
  });

  it('the agent\'s PATCH on a message changes its status only; an agent\'s read is announced to nobody and throttled', async () => {
    const who = await visitor('Patch Visitor');
    const contactCable = new RawCable();
    await contactCable.subscribe({ pubsub_token: who.pubsub_token });
    await until(() => contactCable.types().includes('confirm_subscription'), 'confirmed', 5000);
    const reply = (await control<Json>('agent-say', { conversation_id: who.cid, content: 'as written' }));
    const A = `${servers.chatwoot}/api/v1/accounts/1/conversations/${who.cid}`;
    const patched = (await call('PATCH', `${A}/messages/${String(reply.id)}`, { content: 'rewritten', status: 'delivered' }, AGENT_HEADERS)).json as Json;
    expect(patched).to.include({ content: 'as written', status: 'delivered' });
    await until(() => contactCable.events('message.updated').some((m) => m.status === 'delivered'), 'the status frame', 5000);
    expect(contactCable.events('message.updated').every((m) => m.content === 'as written')).to.equal(true);

    await call('POST', `${who.base}/messages`, { content: 'are you there?' });
    const before = contactCable.frames.length;
    expect((await call('POST', `${A}/update_last_seen`, {}, AGENT_HEADERS)).status).to.equal(200);
    const seen = async () => (await control<{ conversations: { id: number; agent_last_seen_at: number }[] }>('state')).conversations.find((c) => c.id === who.cid)!.agent_last_seen_at;
    const first = await seen();
    expect(first).to.be.greaterThan(0);
    await sleep(1100);
    await call('POST', `${A}/update_last_seen`, {}, AGENT_HEADERS); // nothing unread since: within the hour, not written
    expect(await seen()).to.equal(first);
    await sleep(300);
    expect(contactCable.frames.slice(before), 'no frame for an agent\'s read').to.deep.equal([]);
    const messages = (await control<Json[]>(`messages?conversation_id=${who.cid}`));
    expect(messages.find((m) => m.content === 'are you there?')).to.include({ status: 'sent' });
    contactCable.close();
  });
});
