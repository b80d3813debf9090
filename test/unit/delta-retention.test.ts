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

  it('PostgreSQL: yes below xmin, no from xmax on, and in between the in-progress xids at or below the horizon decide', () => {
    fc.assert(fc.property(fc.bigInt({ min: 3n, max: 2n ** 60n }), fc.bigInt({ min: 0n, max: 2n ** 60n }), (xmin, horizon) => {
      const xip = [xmin, xmin + 2n];
      const verdict = roundAnswerable('postgres', `${xmin}:${xmin + 5n}:${xip.join(',')}`, String(horizon));
      const expected = horizon < xmin ? true : horizon >= xmin + 5n ? false : xip.filter((xid) => xid <= horizon).map(String);
      expect(verdict).to.deep.equal(expected);
    }));
    // Between xmin and xmax with no in-progress xid at or below the horizon: every purged delete was visible.
    expect(roundAnswerable('postgres', '100:110:105', '103')).to.equal(true);
  });
});
