// Under a CSDL with PATCH, DELETE and ETags, the answers of conditional requests validate against the $openapi
// that CSDL gives (ajv, test/support/openapi-response-validator.ts): 428 without If-Match, 412 with a stale tag,
// 200 and 204 for PATCH, 304 for If-None-Match, 204 for DELETE, each with the headers the document describes.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { updatableWithEntityTags } from '../metadata/csdl-variants';
import { responseValidator, type LiveAnswer } from '../support/openapi-response-validator';
import { EVENTS, SEED_EVENT, startTestGateway, temporaryDirectory, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

const ENTITY = '/privilegedOperationEvents/{id}';

for (const version of ['3.0', '3.1']) describe(`conditional requests against the $openapi ${version} of a CSDL with ETags`, () => {
  const directory = temporaryDirectory();
  let gateway: TestGateway;
  let validate: (answer: LiveAnswer) => string[];
  before(async () => {
    gateway = await startTestGateway({ env: { CSDL_FILE: writeVariantCsdl(directory, updatableWithEntityTags) } });
    validate = responseValidator((await request(gateway.app).get(`/beta/$openapi?version=${version}`).expect(200)).body);
  });
  after(async () => {
    await gateway.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  const answer = (method: string, path: string, response: request.Response): LiveAnswer => ({
    method, path, status: response.status, headers: response.headers as Record<string, string>, body: response.text === '' ? undefined : response.body,
  });

  it('every answer of create, conditional read, PATCH and DELETE is the one the document describes', async () => {
    const created = await request(gateway.app).post(EVENTS).set('client-request-id', 'conditional-1').send(SEED_EVENT);
    const url = `${EVENTS}('${created.body.id}')`;
    const tag = created.headers.etag as string;
    const answers = [
      answer('post', '/privilegedOperationEvents', created),
      answer('get', ENTITY, await request(gateway.app).get(url).set('If-None-Match', tag)),
      answer('patch', ENTITY, await request(gateway.app).patch(url).send({ roleName: 'Reader' })),
      answer('patch', ENTITY, await request(gateway.app).patch(url).set('If-Match', '"stale"').send({ roleName: 'Reader' })),
      answer('patch', ENTITY, await request(gateway.app).patch(url).set('If-Match', tag).set('Prefer', 'return=representation').send({ roleName: 'Reader' })),
    ];
    const current = answers[4].headers.etag;
    answers.push(answer('patch', ENTITY, await request(gateway.app).patch(url).set('If-Match', current).send({ roleName: 'Owner' })));
    answers.push(answer('get', ENTITY, await request(gateway.app).get(url)));
    answers.push(answer('delete', ENTITY, await request(gateway.app).delete(url).set('If-Match', '*')));
    expect(answers.map((each) => each.status)).to.deep.equal([201, 304, 428, 412, 200, 204, 200, 204]);
    for (const each of answers) expect(validate(each), `${each.method} ${each.path} ${each.status}`).to.deep.equal([]);
    expect(answers[0].headers).to.include.keys('etag', 'location', 'client-request-id');
  });
});
