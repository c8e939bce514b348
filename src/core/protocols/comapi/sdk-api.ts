/**
 * The Comapi REST API through a page's Foundation SDK (`sdk.services.appMessaging`), so the
 * widget works in the SDK's one session: the SDK adds its session token, and renews the session
 * through its own challenge on a 401 (its AuthenticatedRestClient retries up to 3 times).
 *
 * | call | SDK method (@comapi/sdk-js-foundation 1.3.0) | request it makes |
 * |---|---|---|
 * | conversations | `getConversations(1, profileId)` | `GET …/conversations?scope=participant&profileId=` |
 * | one conversation | `getConversation(cid)` | `GET …/conversations/{cid}` |
 * | messages | `getMessages(cid, limit, from?)` | `GET …/messages?limit=[&from=]`, orphaned statuses folded in, and others' messages marked delivered |
 * | events | `getConversationEvents(cid, from, limit)` | `GET …/events?from=&limit=` |
 * | send | `sendMessageToConversation(cid, {metadata, parts})` | `POST …/messages` |
 * | typing | `sendIsTyping` / `sendIsTypingOff` | `POST` / `DELETE …/typing` (the SDK throttles each to once per 10 s) |
 * | status | `sendMessageStatusUpdates(cid, updates)` | `POST …/messages/statusupdates` |
 *
 * The SDK's calls cannot be cancelled: an aborted call rejects at once and its late answer is
 * dropped. Its failures (`{statusCode, response}`; status 0 when no answer came) become
 * HttpError / NetworkError, as those of `rest.ts`.
 */
import { messageOf } from '../../errors.js';
import { HttpError, NetworkError } from '../../http.js';
import { ConnectError } from '../../connection-terms.js';
import { abortable } from '../../runtime/abortable.js';
import { optSequence } from '../../runtime/sequencer.js';
import { isRecord, optNum, record } from '../../wire.js';
import type { SdkAppMessaging } from './options.js';
import type { ComapiApi } from './rest.js';

/** The SDK's `ConversationScope.participant`. */
const SCOPE_PARTICIPANT = 1;

/** An SDK failure as the typed error `rest.ts` would throw. */
export function sdkFailure(err: unknown, what: string): Error {
  if (err instanceof Error) return err;
  if (isRecord(err) && typeof err.statusCode === 'number') {
    const status = err.statusCode;
    const body = err.response;
    const detail = isRecord(body) && typeof body.error === 'string' ? body.error : typeof body === 'string' ? body : '';
    if (status === 0) return new NetworkError(`comapi SDK: ${what}: no answer`);
    return new HttpError(status, `comapi SDK: ${what}: HTTP ${status}${detail ? ` ${detail}` : ''}`, body);
  }
  const message = isRecord(err) && typeof err.message === 'string' ? err.message : messageOf(err);
  return new Error(`comapi SDK: ${what}: ${message}`);
}

/** An SDK call, rejected at once when `signal` aborts; its failure as `sdkFailure` says. */
export function sdkCall<T>(run: () => Promise<T>, what: string, signal?: AbortSignal): Promise<T> {
  return abortable(run, signal, () => new ConnectError('client-closed', `comapi: ${what} aborted`)).catch((err: unknown) => {
    throw sdkFailure(err, what);
  });
}

/** True for the SDK pager's refusal of a page that does not follow its last one. */
function isContinuationRefusal(err: unknown): boolean {
  return err instanceof Error && /continuation token/i.test(err.message);
}

/**
 * `ComapiApi` over a page's SDK; `appMessaging` is read at each call (in 1.3.0 reading it enables
 * the socket, so it is first read once the session exists). The session calls are the SDK's own
 * business and refuse here.
 */
export function sdkApi(appMessaging: () => SdkAppMessaging): ComapiApi {
  /**
   * A messages page at or before event `from`. The SDK's pager takes only the page that follows
   * the one it gave last for that conversation; any other `from` is walked to from the latest.
   */
  async function messagesPage(cid: string, limit: number, from: number | undefined, signal?: AbortSignal): Promise<unknown> {
    const get = (token?: number): Promise<unknown> => sdkCall(() => appMessaging().getMessages(cid, limit, token), `messages of ${cid}`, signal);
    if (from === undefined) return get();
    try {
      return await get(from);
    } catch (err) {
      if (!isContinuationRefusal(err)) throw err;
    }
    let page = record(await get(), 'messages');
    for (;;) {
      const earliest = optSequence(page.earliestEventId, 'messages.earliestEventId');
      const next = optNum(page.continuationToken, 'messages.continuationToken');
      if (earliest === undefined || earliest <= from || next === undefined || next <= 0) return page;
      page = record(await get(next), 'messages');
    }
  }

  const sessionCall = (): Promise<never> => Promise.reject(new Error('comapi: the SDK keeps the session'));
  return {
    startSession: sessionCall,
    createSession: sessionCall,
    listConversations: (profileId, signal) => sdkCall(() => appMessaging().getConversations(SCOPE_PARTICIPANT, profileId), 'conversations', signal),
    getConversation: (cid, signal) => sdkCall(() => appMessaging().getConversation(cid), `conversation ${cid}`, signal),
    createConversation: (details, signal) => sdkCall(() => appMessaging().createConversation(details), `creating ${details.id}`, signal),
    listMessages: messagesPage,
    listEvents: (cid, from, limit, signal) => sdkCall(() => appMessaging().getConversationEvents(cid, from, limit), `events of ${cid}`, signal),
    sendMessage: (cid, body, signal) => sdkCall(() => appMessaging().sendMessageToConversation(cid, body), `sending to ${cid}`, signal),
    async setTyping(cid, on, signal) {
      await sdkCall(() => (on ? appMessaging().sendIsTyping(cid) : appMessaging().sendIsTypingOff(cid)), `typing in ${cid}`, signal);
    },
    async sendStatusUpdates(cid, updates, signal) {
      await sdkCall(() => appMessaging().sendMessageStatusUpdates(cid, updates), `status updates in ${cid}`, signal);
    },
  };
}
