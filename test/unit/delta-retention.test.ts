// Whether a round's start still sees every purged tombstone: SQLite by position order, PostgreSQL by the snapshot's xmin.
import { expect } from 'chai';
import fc from 'fast-check';
import { roundAnswerable } from '../../src/delta/delta-retention';

describe('roundAnswerable', () => {
  it('answers every round while nothing was purged', () => {
    expect([roundAnswerable('sqlite', '5', undefined), roundAnswerable('postgres', '10:12:10,11', undefined)]).to.deep.equal([true, true]);
  });

  it('SQLite: exactly when the horizon is at or below the round\'s start (positions follow commit order)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 53n }), fc.bigInt({ min: 0n, max: 2n ** 53n }), (from, horizon) => {
      expect(roundAnswerable('sqlite', String(from), String(horizon))).to.equal(horizon <= from);
    }));
  });

  it('PostgreSQL: only when the horizon is below the snapshot\'s xmin, whatever its xmax and in-progress list', () => {
    fc.assert(fc.property(fc.bigInt({ min: 3n, max: 2n ** 60n }), fc.bigInt({ min: 0n, max: 2n ** 60n }), (xmin, horizon) => {
      const snapshot = `${xmin}:${xmin + 5n}:${xmin},${xmin + 2n}`;
      expect(roundAnswerable('postgres', snapshot, String(horizon))).to.equal(horizon < xmin);
    }));
    // A purged delete that was in progress when the token was taken is not visible to it: refused.
    expect(roundAnswerable('postgres', '100:110:100,104', '104')).to.equal(false);
  });
});
