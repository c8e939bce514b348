/**
 * Whether the other side of the open conversation is there, from the presence the backend sends
 * (Chatwoot's `presence.update`: the online agents for a visitor, the online contacts for an agent).
 * Unknown until a complete list arrived: a header never guesses "Away" from silence.
 */
import type { ActorRole } from './model.js';
import type { ChatState } from './state.js';

/** `online`: someone on the other side is there; `away`: nobody is; undefined: the backend has not said. */
export type Availability = 'online' | 'away' | undefined;

/** The presence scope a member's status is listed in. */
const SCOPE_OF: Partial<Record<ActorRole, string>> = { agent: 'agents', customer: 'contacts', guest: 'contacts' };

/** A presence that counts as there (Chatwoot's `busy` agent is online, just busy). */
const isThere = (state: string | undefined): boolean => state === 'online' || state === 'busy';

/**
 * The open conversation's counterpart: its members other than me whose scope has a complete list
 * (online when any of them is); with none known, the agents as a whole (a visitor before anyone
 * was assigned): online when any agent is.
 */
export function counterpartAvailability(state: ChatState): Availability {
  const known = state.presenceKnown;
  const conversation = state.activeConversation ? state.conversations.get(state.activeConversation) : undefined;
  const others = (conversation?.members ?? []).filter((m) => m.role !== 'self' && m.id !== state.selfId);
  const listed = others.flatMap((m) => {
    const scope = SCOPE_OF[m.role];
    return scope && known.includes(scope) ? [`${scope}:${m.id}`] : [];
  });
  if (listed.length) return listed.some((key) => isThere(state.presence.get(key))) ? 'online' : 'away';
  if (!known.includes('agents') || others.some((m) => SCOPE_OF[m.role] === 'contacts')) return undefined;
  for (const [key, value] of state.presence) if (key.startsWith('agents:') && isThere(value)) return 'online';
  return 'away';
}
