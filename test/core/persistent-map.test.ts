import { expect } from '@open-wc/testing';
import { PersistentMap } from '../../src/core/persistent-map.js';

/** A small deterministic random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2 ** 31; return s / 2 ** 31; };
}

describe('PersistentMap', () => {
  it('behaves like a Map, in insertion order, while every earlier version stays exactly as it was', () => {
    const next = random(7);
    let map = PersistentMap.empty<number>();
    let model = new Map<string, number>();
    const versions: [PersistentMap<number>, [string, number][]][] = [];
    for (let step = 0; step < 400; step++) {
      const draft = map.fork();
      for (let op = 0; op < 1 + Math.floor(next() * 40); op++) {
        const key = `k${Math.floor(next() * 700)}`;
        if (next() < 0.3) expect(draft.delete(key), `delete ${key}`).to.equal(model.delete(key));
        else { const v = step * 1000 + op; draft.set(key, v); model.set(key, v); }
      }
      draft.seal();
      map = draft;
      model = new Map(model);
      versions.push([map, [...model]]);
      expect([...map], `step ${step}`).to.deep.equal([...model]);
      expect(map.size).to.equal(model.size);
    }
    for (const [version, entries] of versions) {
      expect([...version]).to.deep.equal(entries);
      for (const [k, v] of entries) expect(version.get(k)).to.equal(v);
      expect(version.has('k-none')).to.equal(false);
    }
  });

  it('two versions grown from the same one do not see each other', () => {
    const base = PersistentMap.from([['a', 1], ['b', 2]]);
    const left = base.fork();
    const right = base.fork();
    left.set('c', 3);
    right.set('d', 4);
    right.delete('a');
    left.set('a', 10);
    right.set('a', 20); // re-added: it moves to the end
    expect([...base]).to.deep.equal([['a', 1], ['b', 2]]);
    expect([...left]).to.deep.equal([['a', 10], ['b', 2], ['c', 3]]);
    expect([...right]).to.deep.equal([['b', 2], ['d', 4], ['a', 20]]);
    expect(left.has('d') || right.has('c')).to.equal(false);
  });

  it('a sealed version refuses writes', () => {
    const map = PersistentMap.from([['a', 1]]);
    expect(() => map.set('b', 2)).to.throw(TypeError);
    expect(() => map.delete('a')).to.throw(TypeError);
    expect(map.get('a')).to.equal(1);
  });
});
