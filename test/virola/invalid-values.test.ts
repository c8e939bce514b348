/**
 * The Virola adapter reports a wire value the codec dropped as invalid (here a time no `Date`
 * can hold) as one `decode` parley-error per value, and still applies the rest of the frame.
 */
import { expect } from '@open-wc/testing';
import type { Adapter } from '../../src/core/protocol.js';
import { createAdapter } from '../../src/core/protocols/virola/protocol.js';
import { FakeSocket, fakeFetch, testHost, type TestHost } from './fakes.js';
import { baseRoutes, connectOpen, frame, tokenOptions } from './harness.js';
import { wireMessage } from './samples.js';

describe('virola adapter: invalid wire values', () => {
  let adapter: Adapter | undefined;
  let t: TestHost;
  let ws: FakeSocket;
  beforeEach(async () => {
    FakeSocket.instances = [];
    t = testHost(tokenOptions(), fakeFetch(baseRoutes()).fetch);
    adapter = createAdapter(t.host);
    ws = await connectOpen(adapter);
  });
  afterEach(() => { adapter?.close(); adapter = undefined; });

  it('a message created at 1e308 is kept with the receive time, and the dropped time is one decode report', () => {
    ws.push(frame('TextMessagesCreated', { messages: [wireMessage(2000201, { roomId: 2, createdUtc: 1e308, lastEditedUtc: undefined, lastModifiedUtc: undefined })] }));
    const m = t.store.getState().messages.get('2')?.find((x) => x.id === '2000201');
    expect(m?.createdAt).to.equal(t.scheduler.now());
    expect(t.reports.map((r) => [r.code, r.protocol])).to.deep.equal([['decode', 'virola']]);
    expect(t.reports[0]?.message).to.contain('createdUtc').and.to.contain('not a time a Date can hold');
  });

  it('several dropped values in one frame are one report naming the first; frames after it apply', () => {
    ws.push(frame('TextMessagesCreated', { messages: [
      wireMessage(2000202, { roomId: 2, createdUtc: -1e20, lastEditedUtc: undefined, lastModifiedUtc: undefined }),
      wireMessage(2000203, { roomId: 2, lastModifiedUtc: '99999999999999999999' }),
    ] }));
    ws.push(frame('TextMessagesCreated', { messages: [wireMessage(2000204, { roomId: 2 })] }));
    expect(t.reports.map((r) => r.message)).to.deep.equal([
      'virola: invalid value dropped, the rest of the frame applied: 2 invalid values; first: message.createdUtc: not a time a Date can hold (-100000000000000000000)',
    ]);
    expect(t.store.getState().messages.get('2')?.map((m) => m.id)).to.include.members(['2000202', '2000203', '2000204']);
  });
});
