/**
 * An immutable map whose next version shares almost everything with the last: entries sit in
 * fixed-size chunks, and a change copies one chunk and the chunk directory instead of the whole
 * map. So one message into 100,000 conversations costs a few hundred copied pointers, not 100,000.
 * Iteration keeps insertion order, like `Map`.
 */

/** Entries per chunk: a change copies one chunk and a directory of `size / CHUNK` pointers. */
const CHUNK = 256;

type Slot<V> = readonly [string, V] | undefined;

/** Key → slot, shared by the versions of one line of history; `tip` is the slot count of its newest version. */
interface SharedIndex {
  readonly slots: Map<string, number>;
  tip: number;
}

/** An immutable `ReadonlyMap<string, V>`; `fork()` gives a writable next version, `seal()` ends its writes. */
export class PersistentMap<V> implements ReadonlyMap<string, V> {
  private constructor(
    private chunks: Slot<V>[][],
    private index: SharedIndex,
    private length: number,
    private count: number,
    /** Chunks this version may write in place; undefined when it is sealed (immutable). */
    private owned: Set<number> | undefined,
    private ownsIndex: boolean,
  ) {}

  /** An empty, sealed map. */
  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>([], { slots: new Map(), tip: 0 }, 0, 0, undefined, false);
  }

  /** A sealed map of these entries, in their order. */
  static from<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    const map = PersistentMap.empty<V>().fork();
    for (const [k, v] of entries) map.set(k, v);
    map.seal();
    return map;
  }

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    const i = this.index.slots.get(key);
    if (i === undefined || i >= this.length) return undefined;
    const slot = this.chunks[Math.floor(i / CHUNK)]![i % CHUNK];
    return slot && slot[0] === key ? slot[1] : undefined;
  }

  has(key: string): boolean {
    const i = this.index.slots.get(key);
    if (i === undefined || i >= this.length) return false;
    const slot = this.chunks[Math.floor(i / CHUNK)]![i % CHUNK];
    return slot !== undefined && slot[0] === key;
  }

  /** A writable next version; this one stays as it is. */
  fork(): PersistentMap<V> {
    // Another version already grew from this one: its slots past ours are not ours to share.
    const shared = this.index.tip === this.length;
    const index = shared ? this.index : { slots: this.liveIndex(), tip: this.length };
    return new PersistentMap<V>([...this.chunks], index, this.length, this.count, new Set(), !shared);
  }

  /** End writes: from now on this version is immutable. */
  seal(): void {
    this.owned = undefined;
  }

  /** Set a value (a writable version only); an existing key keeps its place. */
  set(key: string, value: V): this {
    const owned = this.writable();
    const i = this.index.slots.get(key);
    if (i !== undefined && i < this.length && this.chunks[Math.floor(i / CHUNK)]![i % CHUNK]?.[0] === key) {
      this.chunkFor(i, owned)[i % CHUNK] = [key, value];
      return this;
    }
    // A new key (or one deleted before): it goes at the end; older versions must keep seeing their own slot.
    if (i !== undefined) this.ownIndex();
    if (this.length !== this.index.tip) this.ownIndex();
    const at = this.length++;
    if (at % CHUNK === 0) { this.chunks.push([]); owned.add(this.chunks.length - 1); }
    this.chunkFor(at, owned)[at % CHUNK] = [key, value];
    this.index.slots.set(key, at);
    this.index.tip = this.length;
    this.count++;
    return this;
  }

  /** Remove a key (a writable version only). */
  delete(key: string): boolean {
    const owned = this.writable();
    if (!this.has(key)) return false;
    const i = this.index.slots.get(key)!;
    this.chunkFor(i, owned)[i % CHUNK] = undefined;
    this.count--;
    if (this.length - this.count > Math.max(CHUNK, this.count)) this.compact();
    return true;
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this) fn.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[string, V]> {
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const end = Math.min(CHUNK, this.length - c * CHUNK);
      for (let j = 0; j < end; j++) {
        const slot = chunk[j];
        if (slot) yield [slot[0], slot[1]];
      }
    }
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'PersistentMap';
  }

  private writable(): Set<number> {
    if (!this.owned) throw new TypeError('PersistentMap: this version is sealed');
    return this.owned;
  }

  private chunkFor(i: number, owned: Set<number>): Slot<V>[] {
    const c = Math.floor(i / CHUNK);
    if (!owned.has(c)) {
      this.chunks[c] = [...this.chunks[c]!];
      owned.add(c);
    }
    return this.chunks[c]!;
  }

  /** Key → slot of this version's live entries only. */
  private liveIndex(): Map<string, number> {
    const slots = new Map<string, number>();
    for (let i = 0; i < this.length; i++) {
      const slot = this.chunks[Math.floor(i / CHUNK)]![i % CHUNK];
      if (slot) slots.set(slot[0], i);
    }
    return slots;
  }

  private ownIndex(): void {
    if (this.ownsIndex) return;
    this.index = { slots: this.liveIndex(), tip: this.length };
    this.ownsIndex = true;
  }

  /** Drop the holes deletions left, once they outnumber the entries. */
  private compact(): void {
    const live = [...this.entries()];
    const chunks: Slot<V>[][] = [];
    const slots = new Map<string, number>();
    live.forEach(([k, v], i) => {
      if (i % CHUNK === 0) chunks.push([]);
      chunks[chunks.length - 1]![i % CHUNK] = [k, v];
      slots.set(k, i);
    });
    this.chunks = chunks;
    this.index = { slots, tip: live.length };
    this.ownsIndex = true;
    this.length = live.length;
    this.owned = new Set(chunks.keys());
  }
}
