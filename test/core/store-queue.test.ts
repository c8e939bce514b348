import { expect } from '@open-wc/testing';
import type { ChatState } from '../../src/core/store.js';
import type { Message } from '../../src/core/model.js';
import { ADA, T0, created, ids, manualStore, pending, updated } from '../helpers/events.js';

describe('store: events queued for the next frame', () => {
  it('applies a frame\'s queued events in one update at the frame, in the order they came', () => {
    const { store, frames } = manualStore();
    const heard: ChatState[] = [];
    const arrived: string[] = [];
    store.subscribe((s) => heard.push(s));
    store.onMessage((m) => arrived.push(m.id));
    const before = store.getState();
    for (let i = 1; i <= 30; i++) store.queue([created({ id: String(i), at: T0 + i, sender: ADA }, 'live')]);
    store.queue([updated({ id: '7', text: 'edited', version: 2 })]);
    expect(arrived, 'nothing is applied before the frame').to.deep.equal([]);
    expect(frames.requested).to.equal(1);
    frames.run();
    expect(heard).to.have.length(1);
    expect(arrived).to.have.length(30);
    const list = heard[0]!.messages.get('c1')!;
    expect(list.map((m) => m.id)).to.deep.equal(Array.from({ length: 30 }, (_, i) => String(i + 1)));
    expect(list[6]!.text).to.equal('edited');
    expect(before.messages.get('c1'), 'the earlier state is untouched').to.equal(undefined);
  });

  it('any read applies them first: no reader ever sees the store without them', () => {
    const { store } = manualStore();
    store.queue([created({ id: '1', at: T0, sender: ADA }, 'live')]);
    expect(store.findMessage('c1', '1')?.id).to.equal('1');
    store.queue([created({ id: '2', at: T0 + 1, sender: ADA }, 'live')]);
    expect(ids(store)).to.deep.equal(['1', '2']);
  });

  it('an event applied now, or a local change, comes after the events queued before it', () => {
    const { store } = manualStore();
    store.queue([created({ id: '1', at: T0, text: 'first', sender: ADA }, 'live')]);
    store.apply([updated({ id: '1', text: 'second', version: 5 })]);
    expect(store.findMessage('c1', '1')?.text).to.equal('second');
    store.queue([created({ id: '2', at: T0 + 1, sender: ADA }, 'live')]);
    const mine = store.addPending(pending('r1', 'hi', T0 + 2));
    expect(ids(store)).to.deep.equal(['1', '2', mine.id]);
  });

  it('a reset forgets what was queued for the old backend', () => {
    const { store, frames } = manualStore();
    store.queue([created({ id: '1', at: T0, sender: ADA }, 'live')]);
    store.reset();
    frames.run();
    expect(ids(store)).to.deep.equal([]);
  });

  it('arrivals are heard once, when applied (not confirmations, not replays)', () => {
    const { store, frames } = manualStore();
    const arrived: Message[] = [];
    store.onMessage((m) => arrived.push(m));
    store.queue([created({ id: '1', at: T0, sender: ADA }, 'live'), created({ id: '1', at: T0, sender: ADA }, 'live')]);
    frames.run();
    frames.run();
    expect(arrived.map((m) => m.id)).to.deep.equal(['1']);
  });
});
