/**
 * What one Spaces connection keeps across reconnects, and the shapes its steps share: the
 * credential, who I am, the session's subscriptions and where each space's catch-up stands.
 */
import type { ChatEvent } from '../../events.js';
import type { ProtocolRun, ProtocolServices } from '../../runtime/declaration.js';
import { PendingReplies } from '../../runtime/replies.js';
import { KeyedThrottle } from '../../runtime/throttle.js';
import type { SpacesConfig } from './options.js';
import { spacesApi, type SpacesApi } from './rest.js';

/** The credential in use. */
export interface Credential {
  token: string;
  /** Signed in as a guest by this widget (may be re-issued when refused). */
  guest: boolean;
  /** Obtained during this connect: a refusal then means the server rejects it, not that it expired. */
  fresh: boolean;
}

/** Me. */
export interface SelfIdentity {
  selfId: string;
  name?: string;
  avatarUrl?: string;
}

/** Where a space's catch-up stands. */
export interface CatchUpProgress {
  /** The `after` of the next page. */
  after: number;
  /**
   * The oldest message held when it started: removed items created after it become tombstones,
   * changed items created before it are left to paging back (see `ItemOptions`).
   */
  tombstonesAfter: number;
  pages: number;
}

/** Which spaces of this session are subscribed, refused, or still unanswered. */
export class SubscriptionRound {
  private readonly awaiting: string[] = [];
  /** Spaces subscribed in this session. */
  readonly live = new Set<string>();
  /** Spaces refused in this session, with the reason. */
  readonly refused = new Map<string, string>();
  /** Spaces subscribed again after a "subscription required" (once per session). */
  readonly retried = new Set<string>();
  /** While the handshake waits: told of each answer. */
  answered?: () => void;
  /** Until the handshake is done: refusals are reported together, once every space answered. */
  opening = true;

  /** Start waiting for the answer about `spaceId`. */
  expect(spaceId: string): void {
    if (!this.awaiting.includes(spaceId)) this.awaiting.push(spaceId);
  }

  /**
   * Record an answer. One that names no space answers the oldest request (the server answers in
   * order). Returns the space it was about, or undefined when nothing waited for it.
   */
  answer(spaceId: string | undefined, ok: boolean, reason = 'refused'): string | undefined {
    const i = spaceId === undefined ? 0 : this.awaiting.indexOf(spaceId);
    const id = i >= 0 ? this.awaiting[i] : undefined;
    if (id === undefined) {
      // Not awaited (a late or repeated answer): still keep the session's view right.
      if (spaceId !== undefined && ok) { this.live.add(spaceId); this.refused.delete(spaceId); }
      return undefined;
    }
    this.awaiting.splice(i, 1);
    if (ok) {
      this.live.add(id);
      this.refused.delete(id);
    } else {
      this.live.delete(id);
      this.refused.set(id, reason);
    }
    this.answered?.();
    return id;
  }

  /** Whether every expected answer arrived. */
  get settled(): boolean {
    return this.awaiting.length === 0;
  }
}

/** What Spaces keeps for one adapter, across reconnects. */
export interface SpacesState {
  readonly api: SpacesApi;
  /** Every space to subscribe to: the options' ones, and those opened or created since. */
  readonly spaces: Set<string>;
  /** Spaces this guest joined already. */
  readonly joined: Set<string>;
  /** Sends waiting for their echo (clientRef → the send command's promise). */
  readonly sends: PendingReplies<ChatEvent[]>;
  /** markread calls, at most one per space per `markReadIntervalMs`. */
  readonly reads: KeyedThrottle;
  /** Space → newest server time of the REST answers a finished sync handed to the store (see sync.ts). */
  readonly cursors: Map<string, number>;
  /** Space → where an unfinished catch-up stands (the next one goes on from there). */
  readonly unfinished: Map<string, CatchUpProgress>;
  /** The subscriptions of the current socket session. */
  round: SubscriptionRound;
  credential?: Credential;
  self?: SelfIdentity;
}

/** One Spaces connection's run. */
export type SpacesRun = ProtocolRun<SpacesConfig, SpacesState>;

/** A new adapter's state: nothing signed in, subscribed or caught up yet. */
export function stateOf(config: SpacesConfig, services: ProtocolServices): SpacesState {
  const state: SpacesState = {
    api: spacesApi(services.fetch, config.apiUrl, () => state.credential && `${config.tokenType === 'oauth' ? 'bearer' : 'jwt'} ${state.credential.token}`),
    spaces: new Set(config.spaces),
    joined: new Set(),
    sends: new PendingReplies(services.scheduler, config.sendTimeoutMs),
    reads: new KeyedThrottle(services.scheduler, config.markReadIntervalMs),
    cursors: new Map(),
    unfinished: new Map(),
    round: new SubscriptionRound(),
  };
  return state;
}
