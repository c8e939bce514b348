/**
 * Fetched messages of mine carry no client ref on backends whose history answers drop it (Spaces'
 * REST items have no `loopbackMetadata`). When one is exactly what an unconfirmed send already
 * handed over would have put on the wire, it gets that send's clientRef, so the store confirms
 * the optimistic message instead of showing the text twice (oldest match first; each send claimed
 * once). A send not yet handed over is never claimed: that text came from another device.
 */
import type { ChatEvent } from '../events.js';
import type { StoreView } from '../store-view.js';

/** `events` with my reference-less fetched messages given the clientRef of the send they confirm; `sameText(mine, theirs)` compares a composed text with a fetched one. */
export function claimOwnSends(events: ChatEvent[], view: StoreView, sameText: (mine: string, theirs: string) => boolean): ChatEvent[] {
  const used = new Set<string>();
  return events.map((e) => {
    if (e.type !== 'message.created' || e.message.sender?.role !== 'self' || e.message.clientRef) return e;
    const local = view.confirmableSend(e.message, sameText, used);
    if (!local?.clientRef) return e;
    used.add(local.clientRef);
    return { ...e, message: { ...e.message, clientRef: local.clientRef } };
  });
}
