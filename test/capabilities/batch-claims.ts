// Capabilities.BatchSupport: each member against $batch requests that use it.
import { expect } from 'chai';
import request from 'supertest';
import { EVENTS } from '../support/test-gateway';
import { capability, check, expectRefused, memberOf, type Claim, type ClaimCheck, type ClaimContext } from './claims';

const BATCH_SUPPORT = capability('BatchSupport');
const JSON_HEADERS = { 'Content-Type': 'application/json' };

interface Inner { id: string; status: number; body?: Record<string, unknown> }

const batch = (context: ClaimContext, requests: unknown[], prefer?: string) => {
  const test = request(context.app).post('/beta/$batch');
  return (prefer ? test.set('Prefer', prefer) : test).send({ requests });
};
const create = (id: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id, method: 'POST', url: '/privilegedOperationEvents', headers: JSON_HEADERS, body: { requestType: 'Assign', ...body }, ...extra,
});

function supported(on: boolean): ClaimCheck {
  return on
    ? check('Supported: a JSON batch answers each of its requests', async (context) => {
      const response = await batch(context, [{ id: 'a', method: 'GET', url: `privilegedOperationEvents('${context.alice}')` }, { id: 'b', method: 'GET', url: '/' }]);
      expect({ status: response.status, inner: (response.body.responses as Inner[]).map((inner) => inner.status) }).to.deep.equal({ status: 200, inner: [200, 200] });
    })
    : check('not Supported: POST /beta/$batch is refused', async (context) => expectRefused((await batch(context, [])).status, '$batch'));
}

function continueOnError(on: boolean): ClaimCheck {
  return check(`ContinueOnErrorSupported=${on}: Prefer: continue-on-error, then a failing request and one after it`, async (context) => {
    const response = await batch(context, [
      { id: '1', method: 'GET', url: "/privilegedOperationEvents('missing')" },
      { id: '2', method: 'GET', url: `/privilegedOperationEvents('${context.alice}')` },
    ], 'continue-on-error');
    const applied = String(response.headers['preference-applied'] ?? '').includes('continue-on-error');
    expect(applied, 'Preference-Applied: continue-on-error').to.equal(on);
    if (on) expect((response.body.responses as Inner[]).map((inner) => inner.status)).to.deep.equal([404, 200]);
  });
}

function referencesInBodies(on: boolean): ClaimCheck {
  return check(`ReferencesInRequestBodiesSupported=${on}: a "$1" in a later body`, async (context) => {
    const response = await batch(context, [create('1', { userName: 'referenced' }), create('2', { userName: '$1' }, { dependsOn: ['1'] })]);
    const [first, second] = response.body.responses as Inner[];
    expect([first!.status, second!.status]).to.deep.equal([201, 201]);
    const stored = (await request(context.app).get(`${EVENTS}('${String(second!.body!.id)}')`)).body.userName;
    if (on) expect(stored).to.match(/privilegedOperationEvents\('/);
    else expect(stored, 'stored as sent, not replaced by the URL of request 1').to.equal('$1');
  });
}

/** Change sets are atomicity groups in a JSON batch: `$1` of a request in a committed group, used in another group. */
function acrossChangeSets(on: boolean): ClaimCheck {
  return check(`ReferencesAcrossChangeSetsSupported=${on}: $1 of a request in atomicity group g1, read from group g2`, async (context) => {
    const response = await batch(context, [
      create('1', { userName: 'across groups' }, { atomicityGroup: 'g1' }),
      { id: '2', method: 'GET', url: '$1', atomicityGroup: 'g2', dependsOn: ['g1', '1'] },
    ]);
    if (!on) {
      if (response.status === 200) expect((response.body.responses as Inner[])[1]!.status, 'the reference across groups').to.be.within(400, 499);
      else expectRefused(response.status, 'references across atomicity groups');
      return;
    }
    expect(response.status).to.equal(200);
    const [created, read] = response.body.responses as Inner[];
    expect([created!.status, read!.status]).to.deep.equal([201, 200]);
    expect(read!.body!.id, 'the entity request 1 created').to.equal(created!.body!.id);
  });
}

function etagReferences(on: boolean): ClaimCheck {
  return check(`EtagReferencesSupported=${on}: If-None-Match: $1 on a later request`, async (context) => {
    const url = `/privilegedOperationEvents('${context.alice}')`;
    const alone = await request(context.app).get(`/beta${url}`).set('If-None-Match', '$1');
    const response = await batch(context, [{ id: '1', method: 'GET', url }, { id: '2', method: 'GET', url, headers: { 'If-None-Match': '$1' }, dependsOn: ['1'] }]);
    const second = (response.body.responses as Inner[])[1]!;
    if (on) expect(second.status).to.equal(304);
    else expect(second.status, 'as the literal header alone').to.equal(alone.status);
  });
}

function dependencyConditions(on: boolean): ClaimCheck {
  return check(`RequestDependencyConditionsSupported=${on}: a request with an "if" member`, async (context) => {
    const response = await batch(context, [{ id: '1', method: 'GET', url: '/' }, { id: '2', method: 'GET', url: '/', dependsOn: ['1'], if: '$1/Success' }]);
    if (on) expect(response.status).to.equal(200);
    else expectRefused(response.status, 'the if member');
  });
}

const FORMATS: Readonly<Record<string, (context: ClaimContext) => Promise<number>>> = {
  'application/json': async (context) => (await batch(context, [{ id: '1', method: 'GET', url: '/' }])).status,
  // Served means a multipart answer holding the read's own 200 (not merely a 200 for the batch).
  'multipart/mixed': async ({ app }) => {
    const response = await request(app).post('/beta/$batch').set('Content-Type', 'multipart/mixed;boundary=b')
      .send('--b\r\nContent-Type: application/http\r\n\r\nGET privilegedOperationEvents HTTP/1.1\r\n\r\n--b--\r\n')
      .buffer(true).parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => { text += chunk.toString('latin1'); });
        res.on('end', () => done(null, text));
      });
    const served = /^multipart\/mixed; boundary=/.test(String(response.headers['content-type'])) && /\r\n\r\nHTTP\/1\.1 200 OK\r\n/.test(String(response.body));
    return response.status === 200 && !served ? 500 : response.status;
  },
};

function formats(listed: readonly string[]): ClaimCheck[] {
  return Object.entries(FORMATS).map(([format, send]) => check(`SupportedFormats ${listed.includes(format) ? 'lists' : 'leaves out'} ${format}`, async (context) => {
    const status = await send(context);
    if (listed.includes(format)) expect(status).to.equal(200);
    else expect(status).to.equal(415);
  }));
}

export const batchSupport: Claim = {
  term: BATCH_SUPPORT, target: 'EntityContainer', writes: true,
  members: ['Supported', 'ContinueOnErrorSupported', 'ReferencesInRequestBodiesSupported', 'ReferencesAcrossChangeSetsSupported',
    'EtagReferencesSupported', 'RequestDependencyConditionsSupported', 'SupportedFormats'],
  checks: (value) => {
    const on = (member: string) => memberOf(BATCH_SUPPORT, value, member) === true;
    if (!on('Supported')) return [supported(false)];
    const listed = memberOf(BATCH_SUPPORT, value, 'SupportedFormats');
    return [
      supported(true), continueOnError(on('ContinueOnErrorSupported')), referencesInBodies(on('ReferencesInRequestBodiesSupported')),
      acrossChangeSets(on('ReferencesAcrossChangeSetsSupported')), etagReferences(on('EtagReferencesSupported')),
      dependencyConditions(on('RequestDependencyConditionsSupported')),
      ...formats(Array.isArray(listed) ? listed.map(String) : []),
    ];
  },
};
