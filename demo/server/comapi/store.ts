/**
 * The Comapi emulation's state: one API space (`demo-space`), profiles, sessions, conversations
 * with their participants, messages and the gap-free event log (`conversationEventId`) that
 * message, delivered and read events share. Pure data plus lookups; who hears about a change is
 * decided in `events.ts`.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_JWT, mintSessionToken, verifySessionToken, type ChallengeClaims } from './jwt.js';

export const API_SPACE = 'demo-space';
/** The scripted correspondent. */
export const CLEO = { id: 'cleo', name: 'Cleo' } as const;

export type Json = Record<string, unknown>;
export type Status = 'delivered' | 'read';

export interface Part { name?: string; type?: string; data?: string; url?: string; size?: number }

export interface Profile { id: string; name: string; avatar?: string }

/** A session as `POST sessions` describes it (the SDK's ISession), with its token. */
export interface Session {
  id: string; token: string; profileId: string; deviceId: string; platform: string | null; platformVersion: string | null;
  sdkType: string | null; sdkVersion: string | null; sourceIp: string; isActive: boolean; createdOn: string; expiresOn: string;
}

/** What the client said about itself when it started the session. */
export interface DeviceInfo { deviceId: string; platform?: unknown; platformVersion?: unknown; sdkType?: unknown; sdkVersion?: unknown }

export interface Message {
  id: string;
  conversationId: string;
  from: string;
  parts: Part[];
  metadata: Json;
  sentOn: string;
  sentEventId: number;
  statusUpdates: Record<string, { status: Status; on: string }>;
}

/** One entry of a conversation's event log. */
export interface ConversationEvent {
  seq: number;
  eventId: string;
  name: 'conversationMessage.sent' | 'conversationMessage.delivered' | 'conversationMessage.read';
  createdBy: string;
  publishedOn: string;
  /** The message (sent) or the message a status is about. */
  messageId: string;
  /** For delivered / read: who, and when. */
  profileId?: string;
  timestamp?: string;
}

export interface Conversation {
  id: string;
  name: string;
  description: string;
  isPublic: boolean;
  /** profile id → role (`owner` | `participant`). */
  participants: Map<string, string>;
  events: ConversationEvent[];
  messages: Message[];
  deleted: boolean;
  createdOn: string;
  updatedOn: string;
  revision: number;
}

export const ROLES = {
  owner: { canSend: true, canAddParticipants: true, canRemoveParticipants: true },
  participant: { canSend: true, canAddParticipants: false, canRemoveParticipants: false },
};

const RANK: Record<Status, number> = { delivered: 1, read: 2 };

export class ComapiStore {
  readonly profiles = new Map<string, Profile>();
  readonly sessions = new Map<string, Session>();
  readonly conversations = new Map<string, Conversation>();
  /** authenticationId → nonce, from `sessions/start`. */
  readonly challenges = new Map<string, { nonce: string; expiresAt: number }>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.profiles.clear();
    this.sessions.clear();
    this.conversations.clear();
    this.challenges.clear();
    this.profiles.set(CLEO.id, { ...CLEO });
  }

  now(): string {
    return new Date().toISOString();
  }

  profile(id: string, name?: string): Profile {
    let p = this.profiles.get(id);
    if (!p) {
      p = { id, name: name || id };
      this.profiles.set(id, p);
    }
    return p;
  }

  /**
   * A new session for a profile whose challenge JWT was accepted: a session token JWT (see
   * jwt.ts) and the session record. `expiresOn` is a day out and the token's `exp` an hour, as
   * the SDK's own test server has them (comapi/comapi-sdk-js specs/server.js).
   */
  createSession(challenge: ChallengeClaims, device: DeviceInfo): Session {
    const created = new Date();
    const { token } = mintSessionToken(API_SPACE, challenge, created.getTime());
    const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    const session: Session = {
      id: randomUUID(), token, profileId: challenge.sub, deviceId: device.deviceId, platform: text(device.platform),
      platformVersion: text(device.platformVersion), sdkType: text(device.sdkType), sdkVersion: text(device.sdkVersion),
      sourceIp: '127.0.0.1', isActive: true, createdOn: created.toISOString(), expiresOn: new Date(created.getTime() + 24 * 3600_000).toISOString(),
    };
    this.sessions.set(session.token, session);
    return session;
  }

  /** A session for a test (control endpoint), as if the demo page had answered the challenge. */
  controlSession(profileId: string): Session {
    return this.createSession({ sub: profileId, iss: DEMO_JWT.issuer, aud: DEMO_JWT.audience }, { deviceId: 'control' });
  }

  /** The session of a token, if the token verifies (signature, `exp`, API space) and the session was not ended. */
  sessionOf(token: string | undefined): Session | undefined {
    if (!token || 'error' in verifySessionToken(token, API_SPACE)) return undefined;
    const s = this.sessions.get(token);
    return s && s.isActive && Date.parse(s.expiresOn) > Date.now() ? s : undefined;
  }

  /** End a session (`DELETE sessions/{id}`): its token is refused from now on. */
  endSession(id: string): boolean {
    for (const [token, s] of this.sessions) {
      if (s.id !== id) continue;
      this.sessions.delete(token);
      return true;
    }
    return false;
  }

  /** Live sessions per profile id. */
  sessionCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const s of this.sessions.values()) if (this.sessionOf(s.token)) counts[s.profileId] = (counts[s.profileId] ?? 0) + 1;
    return counts;
  }

  createConversation(name: string, participants: [string, string][], id: string = randomUUID()): Conversation {
    const now = this.now();
    const c: Conversation = {
      id, name, description: '', isPublic: false, participants: new Map(participants), events: [], messages: [],
      deleted: false, createdOn: now, updatedOn: now, revision: 1,
    };
    this.conversations.set(id, c);
    return c;
  }

  /** Conversations a profile takes part in (not deleted). */
  conversationsOf(profileId: string): Conversation[] {
    return [...this.conversations.values()].filter((c) => !c.deleted && c.participants.has(profileId));
  }

  latestEventId(c: Conversation): number {
    return c.events.at(-1)?.seq ?? 0;
  }

  /** Append a message and its `sent` event. */
  addMessage(c: Conversation, from: string, parts: Part[], metadata: Json = {}): { message: Message; event: ConversationEvent } {
    const sentOn = this.now();
    const message: Message = {
      id: randomUUID(), conversationId: c.id, from, parts, metadata, sentOn, sentEventId: this.latestEventId(c) + 1, statusUpdates: {},
    };
    const event: ConversationEvent = {
      seq: message.sentEventId, eventId: randomUUID(), name: 'conversationMessage.sent', createdBy: from, publishedOn: sentOn, messageId: message.id,
    };
    c.messages.push(message);
    c.events.push(event);
    c.updatedOn = sentOn;
    return { message, event };
  }

  /** Record a status; returns its event, or undefined when it would not raise the status. */
  setStatus(c: Conversation, message: Message, profileId: string, status: Status, timestamp: string): ConversationEvent | undefined {
    if (message.from === profileId) return undefined;
    const prev = message.statusUpdates[profileId];
    if (prev && RANK[prev.status] >= RANK[status]) return undefined; // read never goes back to delivered
    message.statusUpdates[profileId] = { status, on: timestamp };
    const event: ConversationEvent = {
      seq: this.latestEventId(c) + 1, eventId: randomUUID(), name: `conversationMessage.${status}`, createdBy: profileId,
      publishedOn: this.now(), messageId: message.id, profileId, timestamp,
    };
    c.events.push(event);
    return event;
  }
}
