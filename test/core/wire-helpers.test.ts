/**
 * The shared readers for wire values (src/core/wire.ts): times a `Date` can hold, URLs of the
 * expected schemes, enum lookups among own keys. Each dropped value is noted with the active sink.
 */
import { expect } from '@open-wc/testing';
import { checkedUrl, isoToMs, optTimeMs, ownValue, secondsToMs, withInvalidSink } from '../../src/core/wire.js';

const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

describe('wire values: the shared helpers', () => {
  it('keep times a Date can hold and drop the rest, telling the sink once per run', () => {
    const problems: string[] = [];
    const got = withInvalidSink((p) => problems.push(p), () => [isoToMs(8.64e15, 't'), isoToMs(-8.64e15, 't'), isoToMs(1e308, 'a'), isoToMs(-1e20, 'b')]);
    expect(got).to.deep.equal([8.64e15, -8.64e15, undefined, undefined]);
    expect(problems).to.deep.equal(['2 invalid values; first: a: not a time a Date can hold (1e+308)']);
    withInvalidSink((p) => problems.push(p), () => secondsToMs(-1e20, 'c'));
    expect(problems[1]).to.equal('c: not a time a Date can hold (-1e+23)');
  });

  it('keep http(s) URLs only, relative ones only where allowed and on the same origin', () => {
    const kept = ['https://a.example/x.png', 'HTTP://a.example/', '/files/a.png', ' javascript:alert(1)', '//evil.example/', 'wss://a.example/'].map((u) => [
      checkedUrl(u, 'u'), checkedUrl(u, 'u', { relative: true }), checkedUrl(u, 'u', { schemes: ['ws', 'wss'] }),
    ]);
    expect(kept).to.deep.equal([
      ['https://a.example/x.png', 'https://a.example/x.png', undefined],
      ['HTTP://a.example/', 'HTTP://a.example/', undefined],
      [undefined, '/files/a.png', undefined],
      [undefined, undefined, undefined],
      [undefined, undefined, undefined],
      [undefined, undefined, 'wss://a.example/'],
    ]);
  });

  it('look enum values up among own keys only', () => {
    const table: Record<string, string> = { sent: 'sent' };
    expect(PROTO_KEYS.map((k) => ownValue(table, k))).to.deep.equal([undefined, undefined, undefined, undefined]);
    expect(ownValue(table, 'sent')).to.equal('sent');
  });

  it('note nothing without a sink; nested runs count toward the outer one; a run that throws tells nothing', () => {
    expect(optTimeMs(1e308, 't')).to.equal(undefined);
    const problems: string[] = [];
    withInvalidSink((p) => problems.push(p), () => [optTimeMs(1e308, 'a'), withInvalidSink((p) => problems.push(`inner ${p}`), () => optTimeMs(1e308, 'b'))]);
    expect(problems).to.deep.equal(['2 invalid values; first: a: not a time a Date can hold (1e+308)']);
    expect(() => withInvalidSink((p) => problems.push(p), () => { optTimeMs(1e308, 'c'); throw new Error('the frame is dropped'); })).to.throw('the frame is dropped');
    expect(problems).to.have.length(1);
    expect(optTimeMs(1e308, 'after')).to.equal(undefined); // the run ended: nothing is noted any more
    expect(problems).to.have.length(1);
  });
});
