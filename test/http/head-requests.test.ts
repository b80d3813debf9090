// HEAD answers carry the same status and headers as GET, Content-Length included, and no body (RFC 9110, 9.3.2).
import { expect } from 'chai';
import request from 'supertest';
import { EVENTS, SEED_EVENT, startTestGateway, type TestGateway } from '../support/test-gateway';

/** Headers that legitimately differ between two answers (dates inside bodies are not headers). */
const PER_REQUEST = new Set(['request-id', 'date', 'connection', 'keep-alive']);

function sameHeaders(get: request.Response, head: request.Response): void {
  const names = (response: request.Response) => Object.keys(response.headers).filter((name) => !PER_REQUEST.has(name)).sort();
  expect(names(head)).to.deep.equal(names(get));
  for (const name of names(get)) expect(head.headers[name], name).to.equal(get.headers[name]);
}

describe('HEAD requests', () => {
  let gateway: TestGateway;
  let id: string;

  before(async () => {
    gateway = await startTestGateway();
    const created = await request(gateway.app).post(EVENTS).send(SEED_EVENT);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    id = created.body.id as string;
  });
  after(() => gateway.dispose());

  for (const [name, path] of [
    ['the service document', '/beta/'],
    ['$metadata', '/beta/$metadata'],
    ['a collection', `${EVENTS}?$top=5`],
    ['an entity', '(entity)'],
    ['/healthz (outside the service root)', '/healthz'],
    ['a missing entity (404)', `${EVENTS}('00000000-0000-0000-0000-000000000000')`],
  ] as const) {
    it(`${name}: same status, Content-Length and headers as GET, no body`, async () => {
      const url = path === '(entity)' ? `${EVENTS}('${id}')` : path;
      const get = await request(gateway.app).get(url).set('client-request-id', 'c-1').set('Accept-Encoding', 'identity');
      const head = await request(gateway.app).head(url).set('client-request-id', 'c-1').set('Accept-Encoding', 'identity');
      expect(head.status).to.equal(get.status);
      expect(get.headers['content-length'], 'GET Content-Length').to.match(/^\d+$/);
      expect(Number(get.headers['content-length'])).to.equal(Buffer.byteLength(get.text));
      sameHeaders(get, head);
      expect(head.text ?? '').to.equal('');
    });
  }
});
