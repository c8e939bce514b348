/**
 * The cache namespace names the user, not the token: a refreshed token keeps it, another user
 * never shares it, and without a user id the token's hash is all that keeps two users apart.
 */
import { expect } from '@open-wc/testing';
import { cacheKey } from '../../src/core/cache.js';

const base = { protocol: 'comapi', url: 'https://api.example.com', options: { apiSpaceId: 'space-1' } };

describe('cacheKey', () => {
  it('is the same for the same user with another token', () => {
    expect(cacheKey({ ...base, userId: 'ada', token: 'jwt-1' })).to.equal(cacheKey({ ...base, userId: 'ada', token: 'jwt-2' }));
  });

  it('differs for another user, server, protocol or option', () => {
    const ada = cacheKey({ ...base, userId: 'ada', token: 'jwt-1' });
    expect(cacheKey({ ...base, userId: 'bob', token: 'jwt-1' })).not.to.equal(ada);
    expect(cacheKey({ ...base, url: 'https://other.example.com', userId: 'ada' })).not.to.equal(ada);
    expect(cacheKey({ ...base, protocol: 'imkit', userId: 'ada' })).not.to.equal(ada);
    expect(cacheKey({ ...base, options: { apiSpaceId: 'space-2' }, userId: 'ada' })).not.to.equal(ada);
  });

  it('without a user id, tells tokens apart (the token is then the only identity)', () => {
    expect(cacheKey({ ...base, token: 'guest-a' })).not.to.equal(cacheKey({ ...base, token: 'guest-b' }));
    expect(cacheKey({ ...base, token: 'guest-a' })).to.equal(cacheKey({ ...base, token: 'guest-a' }));
  });

  it('never contains the token', () => {
    const key = cacheKey({ ...base, userId: 'ada', token: 'jwt-very-secret' });
    expect(key).not.to.contain('jwt-very-secret');
    expect(cacheKey({ ...base, token: 'guest-token-secret' })).not.to.contain('guest-token-secret');
  });
});
