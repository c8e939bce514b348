/**
 * Commands over REST. A send answers `{id, eventId}`: the confirmed message, with the client
 * reference, sequence number and what was sent. Read marks cover every message of the others up
 * to the one the user saw.
 */
import type { CommandOf } from '../../commands.js';
import type { ChatEvent } from '../../events.js';
import type { Actor, Attachment, Message } from '../../model.js';
import type { CommandMap } from '../../runtime/declaration.js';
import { othersUpTo } from '../../runtime/receipts.js';
import { randomId } from '../../runtime/device-id.js';
import { assignDefined, withInvalidSink } from '../../wire.js';
import { CLIENT_REF_KEY } from './decode-message.js';
import { readSendAnswer, readUpload } from './decode-rest.js';
import { withSession, type ComapiState, type Run } from './identity.js';
import type { ComapiConfig } from './options.js';
import type { OutPart } from './rest.js';
import { loadMessages } from './sync.js';
import { readConversation } from './decode-rest.js';

/** A typing "on" is repeated at most this often (the SDK's throttle). */
export const TYPING_REPEAT_MS = 10_000;

function partsOf(text: string, files: readonly Attachment[]): OutPart[] {
  const body: OutPart[] = text ? [{ name: 'body', type: 'text/plain', data: text, size: new TextEncoder().encode(text).length }] : [];
  return [...body, ...files.filter((a) => a.url).map((a) => assignDefined<OutPart>({}, { name: a.name || undefined, type: a.mime || undefined, url: a.url, size: a.size }))];
}

/** Upload each file in turn (progress by bytes over all of them); what the message's parts then name. */
async function uploadAll(c: CommandOf<'send'>, run: Run, signal: AbortSignal): Promise<Attachment[]> {
  const files = c.files ?? [];
  const upload = run.state.api.uploadContent;
  if (!files.length || !upload) return [];
  const total = files.reduce((n, f) => n + f.size, 0) || 1;
  const out: Attachment[] = [];
  let done = 0;
  for (const f of files) {
    const got = readUpload(await upload(f, (part) => c.progress?.((done + part * f.size) / total), signal));
    done += f.size;
    out.push(assignDefined<Attachment>({ url: got.url }, { name: got.name ?? f.name, mime: got.type ?? (f.type || undefined), size: got.size ?? f.size,
      kind: (got.type ?? f.type).startsWith('image/') ? 'image' : 'file' }));
  }
  return out;
}

async function send(c: CommandOf<'send'>, run: Run, signal: AbortSignal): Promise<ChatEvent[]> {
  const attachments = [...(c.attachments ?? []).filter((a) => a.url), ...await uploadAll(c, run, signal)];
  const sent = readSendAnswer(await run.state.api.sendMessage(c.conversationId, { metadata: { [CLIENT_REF_KEY]: c.clientRef }, parts: partsOf(c.text, attachments) }, signal));
  // The answer has no time: the live echo's (when it came first) stands, else now is the best guess.
  const echoed = run.view.held(c.conversationId).find((m) => m.id === sent.id);
  const message = assignDefined<Message>({
    id: sent.id, conversationId: c.conversationId, kind: c.text ? 'text' : 'file', text: c.text, markup: 'plain',
    attachments, sender: assignDefined<Actor>({ id: run.state.selfId ?? '', role: 'self' }, { name: run.view.selfName || undefined }),
    createdAt: echoed?.createdAt ?? run.scheduler.now(), clientRef: c.clientRef, status: 'sent',
  }, { seq: sent.eventId });
  return [{ type: 'message.created', conversationId: c.conversationId, message, wireName: 'rest:send' }];
}

async function typing(c: CommandOf<'typing'>, run: Run, signal: AbortSignal): Promise<ChatEvent[]> {
  const { typingSent } = run.state;
  const now = run.scheduler.now();
  if (c.on) {
    const last = typingSent.get(c.conversationId);
    if (last !== undefined && now - last < TYPING_REPEAT_MS) return [];
    typingSent.set(c.conversationId, now);
  } else {
    typingSent.delete(c.conversationId);
  }
  await withSession(run.state.session, (s) => run.state.api.setTyping(c.conversationId, c.on, s), signal);
  return [];
}

function loadOlder(c: CommandOf<'loadOlder'>, run: Run, signal: AbortSignal): Promise<ChatEvent[]> {
  const cid = c.conversationId;
  const before = c.beforeMessageId ? run.view.held(cid).find((m) => m.id === c.beforeMessageId)?.seq : undefined;
  const known = [before, run.state.earliest.get(cid)].filter((n): n is number => n !== undefined);
  const oldest = known.length ? Math.min(...known) : undefined;
  if (oldest === undefined) return loadMessages(run, cid, undefined, signal);
  if (oldest <= 1) return Promise.resolve([]);
  return loadMessages(run, cid, oldest - 1, signal);
}

/** Comapi's commands, each with one session renewal. */
export const comapiCommands: CommandMap<ComapiConfig, ComapiState> = {
  send: (c, run, signal) => withSession(run.state.session, (s) => send(c, run, s), signal),
  typing,
  async markRead(c, run) {
    // Those I marked read already are left out by the sender.
    await run.state.receipts.read(c.conversationId, othersUpTo(run.view.held(c.conversationId), c.messageId, c.at).map((m) => m.id));
    return [];
  },
  async markDelivered(c, run) {
    run.state.receipts.delivered(c.conversationId, c.messageIds);
    run.state.receipts.flush();
    return [];
  },
  /**
   * Any profile may create a conversation (`appMessaging.createConversation`): the id is the
   * client's, a new GUID as the SDK's ConversationBuilder makes, with its default roles; the
   * creator is its owner, alone in it until others are added.
   */
  createConversation: (c, run, signal) => withSession(run.state.session, async (s) => {
    const all = { canSend: true, canAddParticipants: true, canRemoveParticipants: true };
    const details = { id: randomId(), name: c.title ?? '', roles: { owner: all, participant: all }, isPublic: false };
    const answer = await run.state.api.createConversation(details, s);
    const w = withInvalidSink(run.invalid, () => readConversation(answer));
    return [{ type: 'conversation.created', conversation: w.conversation, wireName: 'rest:conversation' }];
  }, signal),
  loadOlder: (c, run, signal) => withSession(run.state.session, (s) => loadOlder(c, run, s), signal),
  openConversation: (c, run, signal) => withSession(run.state.session, (s) => loadMessages(run, c.conversationId, undefined, s), signal),
};
