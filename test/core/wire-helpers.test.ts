/**
 * The shared readers for wire values (src/core/wire.ts): times a `Date` can hold, URLs of the
 * expected schemes, enum lookups among own keys, sequence numbers, well-formed ids. Each dropped
 * value is noted with the active sink.
 */
import { expect } from '@open-wc/testing';
import {
  assignDefined, checkedUrl, id, isoToMs, optArray, optNum, optStr, record, isWellFormed, optTimeMs, ownValue, secondsToMs, seqInRange, toWellFormed, uriComponent, wellFormedId, withInvalidSink,
} from '../../src/core/wire.js';

const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

describe('wire values: the shared helpers', () => {
  it('name a field apart from its parent: the path is spelled out only in the error', () => {
    expect(() => id(null, 'message', 'messageId')).to.throw('message.messageId: expected an id, got null');
    expect(() => optStr({}, 'message', 'text')).to.throw('message.text: expected a string, got object');
    expect(() => optNum('x', 'message', 'commentCount')).to.throw('message.commentCount: expected a number, got string');
    expect(() => optArray(1, 'message', 'attachments')).to.throw('message.attachments: expected an array, got number');
    expect(() => record([], 'frame')).to.throw('frame: expected an object, got array');
    const problems: string[] = [];
    expect(withInvalidSink((p) => problems.push(p), () => optTimeMs(1e300, 'message', 'createdUtc'))).to.equal(undefined);
    expect(problems[0]).to.match(/^message\.createdUtc: not a time/);
  });

  it('assignDefined copies the defined own values only', () => {
    const values = Object.create({ inherited: 1 }) as Record<string, unknown>;
    Object.assign(values, { a: 1, b: undefined, c: 0 });
    expect(assignDefined<Record<string, unknown>>({ z: 9 }, values)).to.deep.equal({ z: 9, a: 1, c: 0 });
  });

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

  it('keep sequence numbers that count on (safe whole numbers ≥ 0) and drop the rest, noted', () => {
    const problems: string[] = [];
    const got = withInvalidSink((p) => problems.push(p), () => [0, 7, Number.MAX_SAFE_INTEGER, 1e308, 2 ** 53, -1, 2.5, Number.NaN].map((n) => seqInRange(n, 's')));
    expect(got).to.deep.equal([0, 7, Number.MAX_SAFE_INTEGER, undefined, undefined, undefined, undefined, undefined]);
    expect(problems).to.deep.equal(['5 invalid values; first: s: not a sequence number (1e+308)']);
  });

  it('tell well-formed text from text with a lone surrogate, and encode either without throwing', () => {
    const lone = ['\uD83D', 'a\uDE00b', '😀\uD83D', '\uDE00😀'];
    const fine = ['', 'conv-1', '😀', 'e\u0301 👩‍👩‍👧 ب'];
    expect(lone.map(isWellFormed)).to.deep.equal([false, false, false, false]);
    expect(fine.map(isWellFormed)).to.deep.equal([true, true, true, true]);
    expect(lone.map(toWellFormed)).to.deep.equal(['\uFFFD', 'a\uFFFDb', '😀\uFFFD', '\uFFFD😀']);
    for (const t of fine) expect(toWellFormed(t)).to.equal(t);
    for (const t of lone) expect(() => encodeURIComponent(t), 'what uriComponent guards against').to.throw(URIError);
    expect(lone.map(uriComponent)).to.deep.equal(['%EF%BF%BD', 'a%EF%BF%BDb', '%F0%9F%98%80%EF%BF%BD', '%EF%BF%BD%F0%9F%98%80']);
    expect([uriComponent('a/b c'), uriComponent(12)]).to.deep.equal(['a%2Fb%20c', '12']);
  });

  it('drop an id that is not well-formed text, noted; keep one that is', () => {
    const problems: string[] = [];
    const got = withInvalidSink((p) => problems.push(p), () => [wellFormedId('😀-1', 'a.id'), wellFormedId('x\uD83D', 'b.id')]);
    expect(got).to.deep.equal(['😀-1', undefined]);
    expect(problems).to.deep.equal(['b.id: an id that is not well-formed text (a lone surrogate)']);
  });
});
