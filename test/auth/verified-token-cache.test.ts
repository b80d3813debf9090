// The verified-token cache: one verification per token while it is valid, none beyond its expiry, no failures kept.
import { expect } from 'chai';
import type { JWTPayload } from 'jose';
import { CLOCK_SKEW_SECONDS } from '../../src/auth/token-verifier';
import { cacheVerifiedTokens } from '../../src/auth/verified-token-cache';

describe('cacheVerifiedTokens', () => {
  let clock = 1_000_000_000_000;
  let calls: string[] = [];
  const verifier = (payload: JWTPayload | Error) => async (token: string) => {
    calls.push(token);
    if (payload instanceof Error) throw payload;
    return payload;
  };
  beforeEach(() => { calls = []; });

  it('verifies a token once while it is valid', async () => {
    const cached = cacheVerifiedTokens(verifier({ exp: clock / 1000 + 600 }), () => clock);
    await cached('a');
    await cached('a');
    expect(calls).to.deep.equal(['a']);
  });

  it('verifies again once the token is past its expiry and the clock skew', async () => {
    const cached = cacheVerifiedTokens(verifier({ exp: clock / 1000 + 10 }), () => clock);
    await cached('b');
    clock += (10 + CLOCK_SKEW_SECONDS + 1) * 1000;
    await cached('b');
    expect(calls).to.deep.equal(['b', 'b']);
  });

  it('does not remember a rejected token', async () => {
    const cached = cacheVerifiedTokens(verifier(new Error('rejected')), () => clock);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await cached('c').then(() => undefined, (caught: Error) => caught);
      expect(error?.message).to.equal('rejected');
    }
    expect(calls).to.deep.equal(['c', 'c']);
  });

  it('reports each lookup: a hit only for a cached token still valid, a miss for a new, expired or rejected one', async () => {
    const lookups: boolean[] = [];
    const cached = cacheVerifiedTokens(verifier({ exp: clock / 1000 + 10 }), () => clock, (hit) => lookups.push(hit));
    await cached('d');
    await cached('d');
    clock += (10 + CLOCK_SKEW_SECONDS + 1) * 1000;
    await cached('d');
    await cacheVerifiedTokens(verifier(new Error('rejected')), () => clock, (hit) => lookups.push(hit))('e').catch(() => undefined);
    expect(lookups).to.deep.equal([false, true, false, false]);
    expect(calls).to.deep.equal(['d', 'd', 'e']);
  });
});
