// The error catalogue: unique codes, documented in the README, and the one translation of foreign errors.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/gateway-config';
import { errorCatalogue, GraphError, InternalServerError } from '../../src/errors/graph-error';
import { toGraphError } from '../../src/errors/to-graph-error';

describe('the error catalogue', () => {
  const entries = errorCatalogue.map((ErrorClass) => new ErrorClass('message'));

  it('gives every error class its own status and code pair', () => {
    const pairs = entries.map((error) => `${error.status} ${error.code}`);
    expect(new Set(pairs).size).to.equal(pairs.length);
  });

  it('documents every code with its status in the README', () => {
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    for (const error of entries) {
      expect(readme, error.code).to.match(new RegExp(`\\|\\s*${error.status}\\s*\\|\\s*\`${error.code}\``));
    }
  });
});

describe('toGraphError', () => {
  const translate = (error: unknown) => {
    const graphError = toGraphError(error);
    return { status: graphError.status, code: graphError.code };
  };

  it('keeps a GraphError as it is', () => {
    const original = new InternalServerError('x');
    expect(toGraphError(original)).to.equal(original);
  });

  it('turns a body-parser syntax error into 400', () => {
    expect(translate(Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed' }))).to.deep.equal({ status: 400, code: 'badRequest' });
  });

  it('turns a body-parser size error into 413', () => {
    expect(translate(Object.assign(new Error('too large'), { type: 'entity.too.large' }))).to.deep.equal({ status: 413, code: 'requestEntityTooLarge' });
  });

  it('turns an odata-v4-parser syntax error into 400 with the position', () => {
    const graphError = toGraphError(new Error('Unexpected character at 17'));
    expect(graphError.status).to.equal(400);
    expect(graphError.message).to.contain('position 17');
  });

  it('turns SQLITE_BUSY into 503 with Retry-After', () => {
    const graphError = toGraphError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
    expect(graphError.status).to.equal(503);
    expect(graphError.headers['Retry-After']).to.match(/^\d+$/);
  });

  it('turns a refused PostgreSQL connection into 503', () => {
    expect(translate(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).to.deep.equal({ status: 503, code: 'serviceNotAvailable' });
  });

  it('turns a PostgreSQL connection lost mid-query (no code) into 503', () => {
    const wrapped = Object.assign(new Error('query failed'), { driverError: new Error('Connection terminated unexpectedly') });
    expect(translate(wrapped)).to.deep.equal({ status: 503, code: 'serviceNotAvailable' });
  });

  it('turns a unique violation wrapped by TypeORM into 409 on SQLite', () => {
    const wrapped = Object.assign(new Error('query failed'), { driverError: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' } });
    expect(translate(wrapped)).to.deep.equal({ status: 409, code: 'conflict' });
  });

  it('turns PostgreSQL SQLSTATE 23505 into 409', () => {
    const wrapped = Object.assign(new Error('query failed'), { driverError: { code: '23505' } });
    expect(translate(wrapped)).to.deep.equal({ status: 409, code: 'conflict' });
  });

  it('turns anything else into 500 generalException without its message', () => {
    const graphError = toGraphError(new TypeError('SELECT secret FROM table'));
    expect(graphError).to.be.instanceOf(GraphError);
    expect({ status: graphError.status, code: graphError.code }).to.deep.equal({ status: 500, code: 'generalException' });
    expect(graphError.message).to.not.contain('SELECT');
  });
});
