// $skiptoken: opaque, authenticated, bound to the query; any change to it or to the query is a 400.
import { expect } from 'chai';
import { BadRequestError } from '../../src/errors/graph-error';
import { compileQuery, decodeSkipToken, encodeSkipToken, parseCollectionQuery, type SkipTokenState } from '../../src/query';
import { privilegedOperationEvents } from '../support/query-fixture';

const entitySet = privilegedOperationEvents();
const key = 'a test key that is long enough for HMAC-SHA256';
const query = parseCollectionQuery("$filter=requestType eq 'Assign'&$orderby=creationDateTime desc&$search=blue", entitySet);
const state: SkipTokenState = { position: { values: ['2020-01-02T03:04:05.123456Z', 'd0af3e1d-6d50-7d3b-caa9-1a0a070892a6'] }, returned: 40 };
const token = encodeSkipToken(state, { query, entitySet, key });

function rejection(action: () => unknown): BadRequestError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(BadRequestError);
    return error as BadRequestError;
  }
  throw new Error('expected a BadRequestError');
}

describe('$skiptoken', () => {
  it('is opaque base64url text that decodes back to the position and row count', () => {
    expect(token).to.match(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(decodeSkipToken(token, { query, entitySet, key })).to.deep.equal(state);
  });

  it('still belongs to the query when $select, $top, $skip, $count or the option spelling differ', () => {
    const same = parseCollectionQuery("%24FILTER=requestType  EQ  'Assign'&orderby=creationDateTime DESC&search=blue&$select=id&$top=5&$skip=1&$count=true", entitySet);
    expect(decodeSkipToken(token, { query: same, entitySet, key })).to.deep.equal(state);
  });

  for (const [title, other] of [
    ['another filter', "$filter=requestType eq 'Activate'&$orderby=creationDateTime desc&$search=blue"],
    ['another alias value', "$filter=requestType eq @t&@t='Activate'&$orderby=creationDateTime desc&$search=blue"],
    ['another order', "$filter=requestType eq 'Assign'&$orderby=creationDateTime&$search=blue"],
    ['another search', "$filter=requestType eq 'Assign'&$orderby=creationDateTime desc&$search=green"],
  ]) {
    it(`is refused with 400 for ${title}`, () => {
      const error = rejection(() => decodeSkipToken(token, { query: parseCollectionQuery(other, entitySet), entitySet, key }));
      expect(error.status).to.equal(400);
      expect(error.target).to.equal('$skiptoken');
    });
  }

  it('is refused with 400 under another key', () => {
    rejection(() => decodeSkipToken(token, { query, entitySet, key: `${key}!` }));
  });

  it('is refused with 400 when its payload is altered', () => {
    const [payload, mac] = token.split('.');
    const altered = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('"n":40', '"n":0')).toString('base64url');
    rejection(() => decodeSkipToken(`${altered}.${mac}`, { query, entitySet, key }));
  });

  it('is refused with 400 when any character of its signature is altered, the unused low bits of the last included', () => {
    const signature = token.length - 43;
    for (let index = signature; index < token.length; index += 1) {
      const replacement = token[index] === 'A' ? 'B' : 'A';
      rejection(() => decodeSkipToken(`${token.slice(0, index)}${replacement}${token.slice(index + 1)}`, { query, entitySet, key }));
    }
  });

  for (const garbage of ['', 'abc', '.', `${token}.x`, token.replace('.', ''), 'Start@Next_Chunk:From?=Here!', `${'x'.repeat(10)}.${'y'.repeat(43)}`]) {
    it(`is refused with 400 when malformed: '${garbage.slice(0, 30)}'`, () => {
      rejection(() => decodeSkipToken(garbage, { query, entitySet, key }));
    });
  }

  it('is refused with 400 when, though signed, it does not fit the order', () => {
    const short = encodeSkipToken({ position: { values: ['x'] }, returned: 0 }, { query, entitySet, key });
    rejection(() => decodeSkipToken(short, { query, entitySet, key }));
  });

  it('makes the keyset condition refuse with 400 a position value of the wrong type', () => {
    const compiled = compileQuery(query, entitySet, 'sqlite');
    const error = rejection(() => compiled.after({ values: ['not a timestamp', 'x'] }));
    expect(error.target).to.equal('$skiptoken');
    rejection(() => compiled.after({ values: ['2020-01-02T03:04:05Z', null] }));
  });

  it('needs a key of at least 32 bytes', () => {
    expect(() => encodeSkipToken(state, { query, entitySet, key: 'short' })).to.throw(TypeError);
  });
});
