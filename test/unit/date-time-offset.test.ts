// Edm.DateTimeOffset values: parsed to UTC within the precision, stored sortable, read back with significant digits.
import { expect } from 'chai';
import { fromStoredTimestamp, parseDateTimeOffset, toSortableTimestamp } from '../../src/model/date-time-offset';

describe('DateTimeOffset values', () => {
  for (const [stored, wire] of [
    ['2017-06-25T07:00:00.000000Z', '2017-06-25T07:00:00Z'],
    ['2017-06-25T07:00:10.000000Z', '2017-06-25T07:00:10Z'],
    ['2017-06-25T07:00:00.123000Z', '2017-06-25T07:00:00.123Z'],
    ['2017-06-25T07:00:10.000100Z', '2017-06-25T07:00:10.0001Z'],
    ['2017-06-25T07:00:00Z', '2017-06-25T07:00:00Z'],
    ['2017-06-25 09:00:00.5+02', '2017-06-25T07:00:00.5Z'],
  ]) {
    it(`reads stored ${stored} back as ${wire}`, () => {
      expect(fromStoredTimestamp(stored)).to.equal(wire);
    });
  }

  it('stores a value converted to UTC with fixed-width fractional digits, so text order is time order', () => {
    const parsed = parseDateTimeOffset('2017-06-25T09:00:00.5+02:00', 6);
    expect(typeof parsed === 'string' ? parsed : toSortableTimestamp(parsed, 6)).to.equal('2017-06-25T07:00:00.500000Z');
  });

  it('refuses more significant fractional digits than the precision', () => {
    expect(parseDateTimeOffset('2017-06-25T07:00:00.1234567Z', 6)).to.be.a('string').and.match(/Precision=6/);
  });
});
