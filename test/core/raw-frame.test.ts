import { expect } from '@open-wc/testing';
import { DecodeError, keepRaw, RawFrame } from '../../src/core/wire.js';

const SECRETS = { secretKeys: new Set(['token']), label: 'frame' };

describe('wire: the raw frame kept with each event', () => {
  it('is copied and redacted only when read, once', () => {
    const frame = { id: 'm1', token: 'secret', nested: { token: 'inner', keep: [1, { token: 'x' }] } };
    const raw = keepRaw(frame, SECRETS);
    frame.id = 'changed before the first read'; // the frame is read when raw is, not copied up front
    const value = raw.value as typeof frame;
    expect(value).to.deep.equal({ id: 'changed before the first read', token: '[redacted]', nested: { token: '[redacted]', keep: [1, { token: '[redacted]' }] } });
    expect(value).to.not.equal(frame);
    frame.id = 'changed after';
    expect(raw.value, 'the same copy on every read').to.equal(value);
    expect((raw.value as typeof frame).id).to.equal('changed before the first read');
  });

  it('shows only the redacted copy: in JSON, in its keys, in a spread', () => {
    const raw = keepRaw({ token: 'secret', text: 'hi' }, SECRETS);
    expect(JSON.stringify({ raw })).to.equal('{"raw":{"token":"[redacted]","text":"hi"}}');
    expect(Object.keys(raw)).to.deep.equal([]);
    expect(JSON.stringify({ ...raw })).to.not.contain('secret');
  });

  it('refuses up front what scrubRaw refuses: a __proto__ key, nesting deeper than 64', () => {
    expect(() => keepRaw(JSON.parse('{"a":{"__proto__":{"polluted":true}}}'), SECRETS)).to.throw(DecodeError, /__proto__/);
    let deep: unknown = 'end';
    for (let i = 0; i < 70; i++) deep = [deep];
    expect(() => keepRaw(deep, SECRETS)).to.throw(DecodeError, /nested too deeply/);
    expect(keepRaw([[['fine']]], SECRETS)).to.be.instanceOf(RawFrame);
  });
});
