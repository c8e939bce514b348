/**
 * The Chatwoot ("OneChat") adapter: REST (Client API for a contact, Application API for an agent)
 * plus one ActionCable `RoomChannel` subscription for live events. Options: see `options.ts`.
 *
 * The core owns reconnects: when the cable drops, the adapter tears its consumer down and calls
 * `host.closed(reason)`; ActionCable never reconnects by itself here.
 */
import type { Command } from '../../commands.js';
import { ParleyError, messageOf } from '../../errors.js';
import type { ChatEvent } from '../../events.js';
import { ConnectError, type Adapter, type AdapterHost } from '../../protocol.js';
import { invalidValueText, isRecord } from '../../wire.js';
import { initialSync, reconnectSync, type BackfillDeps } from './backfill.js';
import { CableLink } from './cable.js';
import type { DecodeContext } from './decode-shared.js';
import { executeCommand } from './execute.js';
import { connectErrorOf, contactKey, resolveAgent, resolveContact, type SelfIdentity } from './identity.js';
import { readConfig, roleOf, type ChatwootConfig } from './options.js';
import { PeerReadMarks } from './read-marks.js';
import { redact } from './redact.js';
import { agentApi, contactApi, type ChatwootApi } from './rest.js';
import { decodeInto, decodeReport } from './stream.js';

const CONTACT_COMMANDS: Command['type'][] = ['send', 'typing', 'markRead', 'loadOlder', 'openConversation', 'createConversation'];
/**
 * No `edit`: Chatwoot has no route that changes a message's text (the Application API's
 * `PATCH …/messages/{id}` updates the status of a message in an API inbox, nothing else).
 */
const AGENT_COMMANDS: Command['type'][] = ['send', 'delete', 'typing', 'markRead', 'loadOlder', 'openConversation'];

/**
 * Why a connect never completes, for the core's deadline: Chatwoot's RoomChannel raises on a token
 * it cannot find and then answers nothing at all (no confirm, no reject).
 */
export const TIMEOUT_HINT = 'Chatwoot\'s RoomChannel never confirmed the subscription; the likely cause is an unknown or stale '
  + 'pubsub token, or a wrong account id or user id (Chatwoot answers those with silence, not a rejection)';

/**
 * Create the Chatwoot adapter (the registry's `chatwoot` and `onechat`). A contact may send,
 * type, mark read, page history and start a conversation; an agent may also delete.
 */
export function createAdapter(host: AdapterHost): Adapter {
  let cfg: ChatwootConfig | undefined;
  let configError: ConnectError | undefined;
  try {
    cfg = readConfig(host.options);
  } catch (err) {
    configError = err instanceof ConnectError ? err : new ConnectError('config-error', messageOf(err));
  }
  const role = roleOf(host.options);
  const capabilities: ReadonlySet<Command['type']> = new Set(role === 'agent' ? AGENT_COMMANDS : CONTACT_COMMANDS);
  let api: ChatwootApi | undefined;
  let self: SelfIdentity | undefined;
  let link: CableLink | undefined;
  let presenceTimer: number | undefined;
  let abortConnect: ((err: ConnectError) => void) | undefined;
  const readMarks = new PeerReadMarks();

  const secrets = (): (string | undefined)[] => [cfg?.token, cfg?.pubsubToken, cfg?.sourceId, self?.pubsubToken, self?.contact?.sourceId];
  const hide = (err: ConnectError): ConnectError => {
    const text = redact(err.message, secrets());
    return text === err.message ? err : new ConnectError(err.reason, text);
  };
  const invalid = (problem: string): void => host.report(new ParleyError('decode', redact(invalidValueText('chatwoot', problem), secrets()), { protocol: 'chatwoot' }));
  const ctx = (): DecodeContext => (self ? { role, selfId: self.selfId, now: host.scheduler.now(), invalid } : { role, now: host.scheduler.now(), invalid });
  const deps = (): BackfillDeps => {
    if (!api) throw new Error('chatwoot: not connected yet');
    return { api, ctx, report: (e) => host.report(e), secrets };
  };

  /** Identifier params in the documented key order: channel, pubsub_token, then account_id and user_id for an agent. */
  const params = (): Record<string, unknown> => {
    const p: Record<string, unknown> = { channel: 'RoomChannel', pubsub_token: self?.pubsubToken ?? '' };
    if (role === 'agent') {
      const uid = self?.userId ?? '';
      p.account_id = cfg?.accountId;
      p.user_id = /^\d+$/.test(uid) ? Number(uid) : uid;
    }
    return p;
  };

  const presence = (): void => { link?.perform('update_presence'); };
  const stopPresence = (): void => {
    if (presenceTimer !== undefined) host.scheduler.clearInterval(presenceTimer);
    presenceTimer = undefined;
  };

  function close(): void {
    stopPresence();
    const current = link;
    link = undefined;
    current?.close();
    const abort = abortConnect;
    abortConnect = undefined;
    abort?.(new ConnectError('client-closed', 'chatwoot: closed while connecting'));
  }

  /** `contact.merged`: take the new pubsub token, keep it, and resubscribe with it. */
  function merged(selfId: string, data: unknown): void {
    const token = isRecord(data) && isRecord(data.data) && typeof data.data.pubsub_token === 'string' ? data.data.pubsub_token : undefined;
    if (!self || !cfg) return;
    if (!token) {
      host.report(new ParleyError('decode', 'chatwoot: contact.merged without a pubsub_token; keeping the old subscription', { protocol: 'chatwoot' }));
      return;
    }
    const contact = self.contact && { ...self.contact, pubsubToken: token, contactId: selfId };
    self = { ...self, selfId, pubsubToken: token, contact };
    if (contact && !cfg.sourceId) {
      host.storage.set(contactKey(cfg), contact).catch((err: unknown) => {
        host.report(new ParleyError('persist', `chatwoot: storing the merged contact failed: ${messageOf(err)}`, { protocol: 'chatwoot', cause: err }));
      });
    }
    link?.resubscribe(params());
  }

  /** A channel message: decode, follow up (presence snapshots, merges), emit; a bad one is reported. */
  function receive(data: unknown): void {
    decodeInto({ message: data }, ctx(), {
      emit: (events) => {
        const out: ChatEvent[] = [];
        for (const e of events) {
          // `presence.update` lists everyone online: the store marks whoever it lacks offline.
          out.push(e.type === 'presence.changed' ? { ...e, complete: true } : e);
          if (e.type === 'identity.changed' && e.wireName === 'contact.merged') merged(e.selfId, data);
        }
        host.emit(readMarks.apply(out));
      },
      report: (e) => host.report(e),
    }, secrets());
  }

  /** After a resubscription (identity changed): fetch what may have been missed. */
  async function catchUp(current: CableLink): Promise<void> {
    try {
      const events = await reconnectSync(deps(), host.view, new AbortController().signal);
      if (link === current) host.emit(readMarks.apply(events).map((e) => ({ ...e, origin: 'backfill' as const })));
    } catch (err) {
      if (link === current) host.report(new ParleyError('command', redact(`chatwoot: catching up after a resubscription failed: ${messageOf(err)}`, secrets()), { protocol: 'chatwoot', cause: err }));
    }
  }

  function openLink(c: ChatwootConfig, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let pending = true;
      const settle = (err?: ConnectError): void => {
        if (!pending) return;
        pending = false;
        abortConnect = undefined;
        signal.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      };
      const onAbort = (): void => {
        settle(new ConnectError('client-closed', 'chatwoot: connect aborted'));
        close();
      };
      abortConnect = settle;
      signal.addEventListener('abort', onAbort, { once: true });
      const mine: CableLink = new CableLink({
        url: c.cableUrl,
        params: params(),
        scheduler: host.scheduler,
        staleMs: c.staleMs,
        callbacks: {
          connected: () => {
            if (link !== mine) return;
            const resubscribed = !pending;
            presence();
            presenceTimer ??= host.scheduler.setInterval(presence, c.presenceMs);
            settle();
            if (resubscribed) void catchUp(mine);
          },
          rejected: () => {
            if (link !== mine) return;
            const wasPending = pending;
            settle(new ConnectError('subscription-rejected', 'chatwoot: RoomChannel refused the subscription'));
            close();
            if (!wasPending) host.closed('subscription-rejected');
          },
          received: (data) => { if (link === mine) receive(data); },
          badFrame: (error, frame) => { if (link === mine) host.report(decodeReport(error, frame, secrets())); },
          ended: (reason, detail) => {
            if (link !== mine) return;
            link = undefined;
            stopPresence();
            if (pending) settle(new ConnectError(reason, `chatwoot: ${detail}`));
            else host.closed(reason, detail);
          },
        },
      });
      link = mine;
      if (signal.aborted) {
        onAbort();
        return;
      }
      try {
        mine.open();
      } catch (err) {
        settle(new ConnectError('network-error', `chatwoot: cannot open the cable: ${messageOf(err)}`));
        close();
      }
    });
  }

  async function resolveSelf(c: ChatwootConfig, signal: AbortSignal): Promise<SelfIdentity> {
    if (c.role === 'agent') {
      const a = agentApi(host.fetch, c.baseUrl, c.token ?? '', c.accountId ?? 0);
      api = a;
      return resolveAgent(c, a, signal);
    }
    const a = contactApi(host.fetch, c.baseUrl, c.inboxIdentifier ?? '');
    api = a;
    return resolveContact({ cfg: c, api: a, storage: host.storage, report: (e) => host.report(e), signal });
  }

  return {
    capabilities,
    timeoutHint: TIMEOUT_HINT,

    async connect(signal) {
      if (!cfg) throw configError ?? new ConnectError('config-error', 'chatwoot: bad options');
      const c = cfg;
      close();
      if (!self) {
        try {
          self = await resolveSelf(c, signal);
        } catch (err) {
          throw hide(connectErrorOf(err, 'connecting'));
        }
      }
      if (signal.aborted) throw new ConnectError('client-closed', 'chatwoot: connect aborted');
      host.emit([self.name ? { type: 'identity.changed', selfId: self.selfId, name: self.name } : { type: 'identity.changed', selfId: self.selfId }]);
      await openLink(c, signal);
    },

    async sync(kind, signal) {
      try {
        return readMarks.apply(kind === 'initial'
          ? await initialSync(deps(), cfg?.conversation, signal)
          : await reconnectSync(deps(), host.view, signal));
      } catch (err) {
        throw hide(connectErrorOf(err, `${kind} sync`));
      }
    },

    async execute(command, signal) {
      if (!capabilities.has(command.type)) throw new Error(`chatwoot: "${command.type}" is not supported for a ${role}`);
      return readMarks.apply(await executeCommand(command, deps(), signal));
    },

    close,
  };
}
