// POST /beta/$batch with Content-Type multipart/mixed (OData 4.0 Protocol 11.7): each part answered exactly as the
// request alone, change sets all or nothing with Content-ID and $<Content-ID>, processing order and continue-on-error,
// and every malformed body one Graph error that writes nothing.
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import request from 'supertest';
import { expectGraphError, expectRefusedWithoutWrite, withoutVolatile } from '../support/graph-assertions';
import { batchBody, httpPart, isChangeSet, jsonOf, multipartBody, rawParser, readAnswer, sendMultipart, type AnswerPart, type BatchPart, type HttpAnswer } from '../support/multipart-batch';
import { EVENTS, SEED_EVENT, SERVICE_ROOT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const CONTINUE = { Prefer: 'odata.continue-on-error' };
const create = (contentId: string, body: unknown = SEED_EVENT) => ({
  method: 'POST', url: 'privilegedOperationEvents', headers: JSON_HEADERS, body: JSON.stringify(body), contentId,
});

/** The headers that differ between any two responses (ids, dates). */
function stableHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)])
    .filter(([name]) => !['request-id', 'client-request-id', 'date', 'etag', 'x-powered-by', 'connection', 'keep-alive', 'vary'].includes(name)));
}
const stableText = (text: string) => text.replace(/"innerError":\{[^}]*\}/g, '"innerError":{}').replace(/\$deltatoken=[^"]*/g, '$deltatoken=');

for (const engine of TEST_ENGINES) describe(`POST /beta/$batch as multipart/mixed on ${engine}`, () => {
  let gateway: TestGateway;
  let seededId: string;
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip(), env: { MAX_BATCH_BODY_BYTES: '16384', MAX_BODY_BYTES: '2048' } });
    seededId = (await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201)).body.id;
  });
  after(async () => { await gateway?.dispose(); });

  const send = async (parts: readonly BatchPart[], headers: Record<string, string> = {}) => {
    const response = await sendMultipart(gateway.app, batchBody(parts), headers);
    expect(response.status, response.body.toString()).to.equal(200);
    expect(response.headers['content-type']).to.match(/^multipart\/mixed; boundary=batchresponse_[0-9a-f-]{36}$/);
    return { response, parts: readAnswer(response.headers['content-type'], response.body) };
  };
  const single = (part: AnswerPart | undefined): HttpAnswer => {
    if (part === undefined || isChangeSet(part)) throw new Error('expected an application/http part');
    return part;
  };

  it('answers each request part exactly as the same request alone: status line, headers, Content-Length, body', async () => {
    const cases = [
      { method: 'GET', url: `privilegedOperationEvents('${seededId}')` },
      { method: 'GET', url: `/privilegedOperationEvents('${seededId}')?$select=userId,roleName` },
      { method: 'GET', url: `${SERVICE_ROOT}/privilegedOperationEvents?$orderby=userName&$select=userName`, headers: { Prefer: 'odata.maxpagesize=1' } },
      { method: 'GET', url: '/beta/privilegedOperationEvents/$count' },
      { method: 'GET', url: "privilegedOperationEvents('no-such-event')" },
      { method: 'GET', url: 'privilegedOperationEvents?$filter=userName%20eq' },
      { method: 'DELETE', url: `privilegedOperationEvents('${seededId}')` },
      { method: 'POST', url: 'privilegedOperationEvents', headers: JSON_HEADERS, body: JSON.stringify({ ...SEED_EVENT, nope: 1 }) },
      { method: 'POST', url: 'privilegedOperationEvents', headers: { 'Content-Type': 'text/plain' }, body: 'hello' },
      { method: 'GET', url: '$metadata' },
      { method: 'GET', url: '/' },
      { method: 'GET', url: 'nothingHere' },
    ];
    const alone = await Promise.all(cases.map(async (inner) => {
      const path = inner.url.startsWith('http') ? inner.url.slice(SERVICE_ROOT.length - 5) : inner.url.startsWith('/beta') ? inner.url : `/beta/${inner.url.replace(/^\//, '')}`;
      // An inner response is never compressed (it is bytes inside the batch answer): alone, ask for none either.
      let test = request(gateway.app)[inner.method.toLowerCase() as 'get'](path).set('Accept-Encoding', 'identity');
      for (const [name, value] of Object.entries(inner.headers ?? {})) test = test.set(name, value);
      return (inner.body === undefined ? test : test.send(inner.body)).buffer(true).parse(rawParser as never);
    }));
    const rows = await gateway.countEvents();
    const { parts } = await send(cases.map((inner, index) => ({ ...inner, contentId: `c${index}` })), CONTINUE);
    expect(parts).to.have.length(cases.length);
    cases.forEach((sent, index) => {
      const got = single(parts[index]);
      const expected = alone[index]!;
      const label = `${sent.method} ${sent.url}`;
      expect(got.contentId, label).to.equal(`c${index}`);
      expect(got.status, label).to.equal(expected.status);
      expect(stableHeaders(got.headers), label).to.deep.equal(stableHeaders(expected.headers));
      // Compression (and so Vary) is the outer answer's: an inner response is never compressed on its own.
      expect(Object.keys(got.headers).map((name) => name.toLowerCase()), label).to.not.include('vary');
      expect(stableText(got.body.toString('utf8')), label).to.equal(stableText((expected.body as Buffer).toString('utf8')));
      if (got.status >= 400) expect(jsonOf(got).error, label).to.have.nested.property('innerError.request-id', got.headers['request-id']);
    });
    expect(await gateway.countEvents(), 'every write in it was refused').to.equal(rows);
  });

  it('applies a change set of creates as one unit: a nested multipart answer, Content-ID echoed, the entities stored', async () => {
    const rows = await gateway.countEvents();
    const { parts } = await send([
      { changeSet: [create('first', { ...SEED_EVENT, userName: 'one' }), create('second', { ...SEED_EVENT, userName: 'two' })] },
      { method: 'GET', url: 'privilegedOperationEvents/$count' },
    ]);
    const changeSet = parts[0] as { changeSet: HttpAnswer[] };
    expect(changeSet.changeSet.map((answer) => [answer.contentId, answer.status])).to.deep.equal([['first', 201], ['second', 201]]);
    const created = changeSet.changeSet.map(jsonOf);
    expect(changeSet.changeSet[0]!.headers.location).to.equal(`${SERVICE_ROOT}/privilegedOperationEvents('${String(created[0]!.id)}')`);
    expect(withoutVolatile(created[1]!)).to.include({ userName: 'two', '@odata.context': `${SERVICE_ROOT}/$metadata#privilegedOperationEvents/$entity` });
    expect(single(parts[1]).body.toString(), 'the count ran after the change set').to.equal(String(rows + 2));
    expect(await gateway.countEvents()).to.equal(rows + 2);
  });

  it('rolls a change set back when one of its requests fails, answering that request\'s error alone for the change set', async () => {
    const rows = await gateway.countEvents();
    const { parts } = await send([{ changeSet: [create('1'), create('2', { userId: 42 }), create('3')] }]);
    expect(parts).to.have.length(1);
    const answer = single(parts[0]);
    expect([answer.contentId, answer.status, (jsonOf(answer).error as { code: string }).code]).to.deep.equal(['2', 400, 'badRequest']);
    expect(await gateway.countEvents(), 'the create before the failing one was rolled back').to.equal(rows);
  });

  it('resolves $<Content-ID> to the entity created earlier in the same change set', async () => {
    const rows = await gateway.countEvents();
    const { parts } = await send([{ changeSet: [create('new'), { method: 'PATCH', url: '$new', headers: JSON_HEADERS, body: '{"userName":"x"}', contentId: 'patch' }] }]);
    const answer = single(parts[0]);
    // This service allows no PATCH (405): the reference resolved to the entity's URL (unresolved, `$new` is a 404 path).
    expect([answer.contentId, answer.status, (jsonOf(answer).error as { code: string }).code]).to.deep.equal(['patch', 405, 'methodNotAllowed']);
    expect(await gateway.countEvents(), 'the create was rolled back with its change set').to.equal(rows);
  });

  it('resolves $<Content-ID> of a request in an earlier change set (ReferencesAcrossChangeSetsSupported), and of one that created nothing to a 400', async () => {
    const { parts } = await send([
      { changeSet: [create('made', { ...SEED_EVENT, userName: 'across' })] },
      { method: 'GET', url: '$made/userName', contentId: 'read' },
      { method: 'GET', url: 'privilegedOperationEvents/$count', contentId: 'count' },
      { changeSet: [{ method: 'PATCH', url: '$count', headers: JSON_HEADERS, body: '{}', contentId: 'p' }] },
    ], CONTINUE);
    const read = single(parts[1]);
    expect([read.contentId, read.status, jsonOf(read).value]).to.deep.equal(['read', 200, 'across']);
    expect([single(parts[3]).contentId, single(parts[3]).status], 'a reference to a request that created no entity').to.deep.equal(['p', 400]);
  });

  it('stops at the first failing part unless continue-on-error is asked for', async () => {
    const parts: BatchPart[] = [{ method: 'GET', url: "privilegedOperationEvents('missing')" }, { method: 'GET', url: 'privilegedOperationEvents/$count' }];
    const stopped = await send(parts);
    expect(stopped.parts.map((part) => single(part).status)).to.deep.equal([404]);
    expect(stopped.response.headers['preference-applied']).to.equal(undefined);
    const continued = await send(parts, { Prefer: 'continue-on-error' });
    expect(continued.parts.map((part) => single(part).status)).to.deep.equal([404, 200]);
    expect(continued.response.headers['preference-applied']).to.equal('continue-on-error');
    expect((await send(parts, { Prefer: 'continue-on-error=false' })).parts).to.have.length(1);
  });

  it('takes preamble, epilogue, a quoted boundary, a bodiless part without its empty line, and an explicit Content-Length', async () => {
    const get = Buffer.from('Content-Type: application/http\r\n\r\nGET privilegedOperationEvents/$count HTTP/1.1\r\nAccept: text/plain');
    const post = Buffer.concat([Buffer.from('Content-Type: application/http\r\nContent-ID: x\r\n\r\nPOST privilegedOperationEvents HTTP/1.1\r\n'
      + `Content-Type: application/json\r\nContent-Length: ${JSON.stringify(SEED_EVENT).length}\r\n\r\n`), Buffer.from(`${JSON.stringify(SEED_EVENT)}\r\n\r\n`)]);
    const body = Buffer.concat([Buffer.from('a preamble\r\n'), multipartBody("b (odd):'?", [get, post]), Buffer.from('an epilogue')]);
    const response = await request(gateway.app).post('/beta/$batch').set('Content-Type', 'multipart/mixed; boundary="b (odd):\'?"')
      .buffer(true).parse(rawParser as never).send(body);
    expect(response.status, String(response.body)).to.equal(200);
    expect(readAnswer(response.headers['content-type'], response.body).map((part) => single(part).status)).to.deep.equal([200, 201]);
  });

  it('refuses a malformed batch whole with one Graph 400, writing nothing', async () => {
    const cs = (...members: Buffer[]) => Buffer.concat([Buffer.from('Content-Type: multipart/mixed; boundary=cs\r\n\r\n'), multipartBody('cs', members)]);
    const ok = httpPart(create('ok'));
    const bodies: Record<string, Buffer> = {
      'a change set inside a change set': multipartBody('batch_b1', [cs(httpPart(create('1')), Buffer.concat([Buffer.from('Content-Type: multipart/mixed; boundary=in\r\n\r\n'), multipartBody('in', [httpPart(create('2'))])]))]),
      'a $batch inside': batchBody([create('1'), { method: 'POST', url: '$batch', headers: { 'Content-Type': 'multipart/mixed; boundary=x' }, body: '--x--' }]),
      'a GET in a change set': batchBody([{ changeSet: [create('1'), { method: 'GET', url: 'privilegedOperationEvents', contentId: '2' }] }]),
      'no final delimiter': multipartBody('batch_b1', [ok]).subarray(0, -16),
      'only a preamble': Buffer.from('nothing here\r\n'),
      'no parts': Buffer.from('--batch_b1--\r\n'),
      'an empty change set': multipartBody('batch_b1', [ok, Buffer.from('Content-Type: multipart/mixed; boundary=cs\r\n\r\n--cs--\r\n')]),
      'a part that is not application/http': multipartBody('batch_b1', [ok, Buffer.from('Content-Type: text/plain\r\n\r\nGET / HTTP/1.1\r\n\r\n')]),
      'a part without Content-Type': multipartBody('batch_b1', [ok, Buffer.from('Content-ID: 9\r\n\r\nGET / HTTP/1.1\r\n\r\n')]),
      'base64 transfer encoding': multipartBody('batch_b1', [ok, Buffer.from('Content-Type: application/http\r\nContent-Transfer-Encoding: base64\r\n\r\nR0VUIC8=')]),
      'a bad request line': batchBody([create('1'), { method: 'GET', url: 'a b' }]),
      'no request line': multipartBody('batch_b1', [ok, Buffer.from('Content-Type: application/http\r\n\r\n\r\n')]),
      'an unknown method': batchBody([create('1'), { method: 'TRACE', url: 'privilegedOperationEvents' }]),
      'a lower-case method': batchBody([create('1'), { method: 'get', url: 'privilegedOperationEvents' }]),
      'a URL on another host': batchBody([create('1'), { method: 'GET', url: 'https://elsewhere.example/beta/privilegedOperationEvents' }]),
      'a URL above the service root': batchBody([create('1'), { method: 'GET', url: '/beta/../healthz' }]),
      'a Host outside the service': batchBody([create('1'), { method: 'GET', url: '/beta/privilegedOperationEvents', headers: { Host: 'elsewhere.example' } }]),
      'duplicate Content-IDs': batchBody([create('1'), { changeSet: [create('1')] }]),
      'a change-set request without Content-ID': batchBody([{ changeSet: [{ ...create('1'), contentId: undefined }] }]),
      'a Content-ID that is not a request id': batchBody([create('a b')]),
      'a reference to a later request': batchBody([{ changeSet: [{ ...create('2'), url: '$1' }] }, { changeSet: [create('1')] }]),
      'an Authorization header in a part': batchBody([{ ...create('1'), headers: { ...JSON_HEADERS, Authorization: 'Bearer x' } }]),
      'chunked transfer coding in a part': batchBody([{ ...create('1'), headers: { ...JSON_HEADERS, 'Transfer-Encoding': 'chunked' } }]),
      'a Content-Length past the part': batchBody([{ ...create('1'), headers: { ...JSON_HEADERS, 'Content-Length': '9999' } }]),
      'malformed part headers': multipartBody('batch_b1', [ok, Buffer.from('Content Type: application/http\r\n\r\nGET / HTTP/1.1\r\n\r\n')]),
      'more than 20 requests': batchBody([{ changeSet: Array.from({ length: 15 }, (_, index) => create(`c${index}`)) }, ...Array.from({ length: 6 }, () => ({ method: 'GET', url: '/' }))]),
    };
    for (const [name, body] of Object.entries(bodies)) {
      const error = await expectRefusedWithoutWrite(gateway, () => sendMultipart(gateway.app, body).then((response) => {
        response.body = JSON.parse((response.body as Buffer).toString() || '{}');
        return response;
      })).catch((failure: Error) => { throw new Error(`${name}: ${failure.message}`); });
      expect(error.message, name).to.be.a('string').and.have.length.above(10);
    }
    const boundaries = ['multipart/mixed', 'multipart/mixed; boundary=', `multipart/mixed; boundary=${'x'.repeat(71)}`];
    for (const type of boundaries) {
      const response = await request(gateway.app).post('/beta/$batch').set('Content-Type', type).send(batchBody([create('1')]).toString());
      expectGraphError(response, 400, 'badRequest');
    }
  });

  it('reads a part whose body has a Content-Encoding as the request alone would: inflated, or 400 when it is not what it says', async () => {
    const rows = await gateway.countEvents();
    const gzipped = { ...JSON_HEADERS, 'Content-Encoding': 'gzip' };
    const { parts } = await send([
      { method: 'POST', url: 'privilegedOperationEvents', headers: gzipped, body: gzipSync(Buffer.from(JSON.stringify({ ...SEED_EVENT, userName: 'Zipped' }))), contentId: 'zipped' },
      { method: 'POST', url: 'privilegedOperationEvents', headers: gzipped, body: JSON.stringify(SEED_EVENT), contentId: 'plain' },
    ], CONTINUE);
    const [zipped, plain] = [single(parts[0]), single(parts[1])];
    expect(zipped.status, zipped.body.toString()).to.equal(201);
    expect(jsonOf(zipped).userName).to.equal('Zipped');
    expect(plain.status).to.equal(400);
    expect((jsonOf(plain).error as { message: string }).message).to.match(/Content-Encoding/);
    expect(await gateway.countEvents()).to.equal(rows + 1);
  });

  it('holds the body to MAX_BATCH_BODY_BYTES (413) and answers 406 when multipart is not acceptable', async () => {
    const large = batchBody([create('1', { ...SEED_EVENT, userName: 'x'.repeat(17000) })]);
    const tooLarge = await sendMultipart(gateway.app, large);
    expect(tooLarge.status).to.equal(413);
    const json = await sendMultipart(gateway.app, batchBody([create('1')]), { Accept: 'application/json' });
    expect(json.status).to.equal(406);
    expect((await sendMultipart(gateway.app, batchBody([{ method: 'GET', url: '/' }]), { Accept: 'multipart/mixed' })).status).to.equal(200);
  });
});
