// The hostile-input report's body and nesting classes, on both engines: the answer each must get, nothing stored when refused.
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import request from 'supertest';
import { expectGraphError, expectRefusedWithoutWrite } from '../support/graph-assertions';
import { EVENTS, SEED_EVENT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

for (const engine of TEST_ENGINES) describe(`hostile bodies and nesting on ${engine}`, () => {
  let gateway: TestGateway;
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip() });
  });
  after(async () => { await gateway?.dispose(); });

  const postBytes = (bytes: Buffer, headers: Record<string, string> = {}) => request(gateway.app).post(EVENTS)
    .set({ 'Content-Type': 'application/json', ...headers }).serialize((body: unknown) => body as string).send(bytes);
  const list = (query: string) => request(gateway.app).get(`${EVENTS}?${query}`);
  const filter = (expression: string) => list(`$filter=${encodeURIComponent(expression)}`);
  /** The request is refused with 400 and a Graph error body, and no row is written. */
  const expectRefused = (send: () => Promise<request.Response>) => expectRefusedWithoutWrite(gateway, send);

  describe('request bodies', () => {
    it('refuses Content-Encoding: gzip with bytes that are not gzip', async () => {
      const error = await expectRefused(() => postBytes(Buffer.from(JSON.stringify(SEED_EVENT)), { 'Content-Encoding': 'gzip' }));
      expect(error.message).to.match(/Content-Encoding/);
    });
    it('accepts a real gzip body', async () => {
      await postBytes(gzipSync(Buffer.from(JSON.stringify(SEED_EVENT))), { 'Content-Encoding': 'gzip' }).expect(201);
    });
    it('refuses a body that is only a byte-order mark', async () => {
      await expectRefused(() => postBytes(Buffer.from([0xef, 0xbb, 0xbf])));
    });
    it('accepts a byte-order mark before the JSON object', async () => {
      await postBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(SEED_EVENT))])).expect(201);
    });
    for (const [label, bytes] of [['C3 28 FF FE', [0xc3, 0x28, 0xff, 0xfe]], ['overlong C0 AF', [0xc0, 0xaf]], ['surrogate ED A0 80', [0xed, 0xa0, 0x80]],
      ['overlong E0 80 AF', [0xe0, 0x80, 0xaf]], ['beyond U+10FFFF F4 90 80 80', [0xf4, 0x90, 0x80, 0x80]], ['truncated E2 82', [0xe2, 0x82]]] as const) {
      it(`refuses invalid UTF-8 (${label}) inside a string instead of storing U+FFFD`, async () => {
        const body = Buffer.concat([Buffer.from('{"userName":"a'), Buffer.from(bytes), Buffer.from('"}')]);
        const error = await expectRefused(() => postBytes(body));
        expect(error.message).to.match(/UTF-8 \(at byte 14\)/);
      });
    }
    it('refuses a charset other than UTF-8 with 415', async () => {
      expectGraphError(await postBytes(Buffer.from('{}'), { 'Content-Type': 'application/json; charset=latin1' }), 415, 'unsupportedMediaType');
    });
  });

  describe('recursion is bounded with a 400', () => {
    it('refuses a long chain of parameter aliases', async () => {
      const chain = Array.from({ length: 400 }, (_, index) => `@a${index}=@a${index + 1}`).join('&');
      const error = await expectRefused(() => list(`$filter=@a0&${chain}&@a400=true`));
      expect(error.message).to.match(/at most 16 levels/);
    });
    it('refuses aliases whose uses double at every level', async () => {
      const chain = Array.from({ length: 14 }, (_, index) => `@a${index}=${encodeURIComponent(`@a${index + 1} and @a${index + 1}`)}`).join('&');
      const error = await expectRefused(() => list(`$filter=@a0&${chain}&@a14=true`));
      expect(error.message).to.match(/at most 1000 times/);
    });
    it('accepts a chain of 15 aliases', async () => {
      const chain = Array.from({ length: 15 }, (_, index) => `@a${index}=@a${index + 1}`).join('&');
      await list(`$filter=@a0&${chain}&@a15=true`).expect(200);
    });
    for (const [label, expression] of [
      ['parentheses', `${'('.repeat(1000)}true${')'.repeat(1000)}`], ['not', `${'not '.repeat(1000)}true`],
      ['negations', `userId eq ${'-'.repeat(1000)}1`], ['function calls', `${'tolower('.repeat(800)}userId${')'.repeat(800)} eq 'x'`],
      ['in lists', `userId in ${'['.repeat(1000)}'x'${']'.repeat(1000)}`]]) {
      it(`refuses deeply nested ${label} with 400 (or 501 for an operator the service does not implement)`, async () => {
        const response = await filter(expression);
        expect(response.status, JSON.stringify(response.body)).to.be.oneOf([400, 501]);
        expect(response.body.error.code).to.be.oneOf(['badRequest', 'notImplemented']);
        const ordered = await list(`$orderby=${encodeURIComponent(expression)}`);
        expect(ordered.status).to.be.oneOf([400, 501]);
      });
    }
  });
});
