import { expect } from '@open-wc/testing';
import { ConnectError } from '../../src/core/protocol.js';
import { readConfig } from '../../src/core/protocols/comapi/options.js';
import { redactText as redact } from '../../src/core/errors.js';
import { FakeSdk } from './fakes.js';

const challenge = async (): Promise<string> => 'jwt';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).to.be.instanceOf(ConnectError);
    expect((err as ConnectError).reason).to.equal('config-error');
    return (err as Error).message;
  }
  throw new Error('expected a config error');
}

describe('comapi options', () => {
  it('REST base and socket base from url (http→ws, https→wss), or socketUrl; defaults', () => {
    expect(readConfig({ url: 'https://api.comapi.com/', token: 't', userId: 'me', options: { apiSpaceId: 's' } })).to.deep.equal({
      apiSpaceId: 's', restBase: 'https://api.comapi.com', socketBase: 'wss://api.comapi.com',
      echoMs: 60_000, typingTtlMs: 15_000, pageSize: 50, token: 't', profileId: 'me',
    });
    const c = readConfig({ url: 'http://127.0.0.1:3304/x?y=1', options: { apiSpaceId: 's', authChallenge: challenge, socketUrl: 'https://ws.example.com/', profileId: 'p', echoMs: '30000' } });
    expect([c.restBase, c.socketBase, c.profileId, c.echoMs, c.authChallenge === challenge]).to.deep.equal(['http://127.0.0.1:3304/x', 'wss://ws.example.com', 'p', 30_000, true]);
    const sdk = new FakeSdk();
    expect(readConfig({ url: 'https://api.comapi.com', token: 't', options: { apiSpaceId: 's', sdk } }).sdk).to.equal(sdk);
  });

  it('refuses what cannot work, saying which option', () => {
    expect(refusal(() => readConfig({ url: 'https://a', token: 't', options: {} }))).to.contain('apiSpaceId');
    expect(refusal(() => readConfig({ url: '', token: 't', options: { apiSpaceId: 's' } }))).to.contain('"url"');
    expect(refusal(() => readConfig({ url: 'ftp://a', token: 't', options: { apiSpaceId: 's' } }))).to.contain('"url" must be an http(s) URL');
    expect(refusal(() => readConfig({ url: 'https://a', token: 't', options: { apiSpaceId: 's', socketUrl: 'ftp://b' } }))).to.contain('option "socketUrl" must be');
    expect(readConfig({ url: 'wss://a.test/r/', token: 't', userId: 'me', options: { apiSpaceId: 's' } })).to.deep.include({ restBase: 'https://a.test/r', socketBase: 'wss://a.test/r' });
    expect(refusal(() => readConfig({ url: 'https://a', options: { apiSpaceId: 's' } }))).to.contain('authChallenge');
    expect(refusal(() => readConfig({ url: 'https://a', options: { apiSpaceId: 's', authChallenge: 'jwt' } }))).to.contain('authChallenge');
    expect(refusal(() => readConfig({ url: 'https://a', token: 't', options: { apiSpaceId: 's', sdk: { on() {} } } }))).to.contain('"sdk"');
    expect(refusal(() => readConfig({ url: 'https://a', token: 't', options: { apiSpaceId: 's', echoMs: 10 } }))).to.contain('option "echoMs" must be a whole number ≥ 1000');
    expect(refusal(() => readConfig({ url: 'https://a', token: 't', options: { apiSpaceId: 's', pageSize: 2.5 } }))).to.contain('pageSize');
  });

  it('redact cuts tokens from queries, JSON fields, bearer headers and any given secret', () => {
    expect(redact('GET wss://x/socket?token=abc.def&v=1 {"token":"s3cr3t","authenticationToken":"j.w.t"} Bearer xyz.123 and my-secret', ['my-secret']))
      .to.equal('GET wss://x/socket?token=[redacted]&v=1 {"token":"[redacted]","authenticationToken":"[redacted]"} Bearer [redacted] and [redacted]');
  });
});
