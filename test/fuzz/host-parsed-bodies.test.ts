// Generated bodies sent to the gateway directly and through a host's express.json(): wherever the host's parser let a
// request through, the gateway answers exactly as it does when it reads the body itself (status and error code).
import { expect } from 'chai';
import express from 'express';
import { rmSync } from 'node:fs';
import request from 'supertest';
import type { ODataGateway } from '../../src/gateway-options';
import { embeddedGateway } from '../support/embedded-gateway';
import { temporaryDirectory } from '../support/test-gateway';
import { createRandom, malformedBody } from './malformed-requests';

const ROUNDS = 400;

describe('bodies the host parsed, generated', function () {
  this.timeout(120_000);
  const directory = temporaryDirectory();
  let gateway: ODataGateway;
  before(async () => { gateway = await embeddedGateway(directory, { maxBodyBytes: 65536 }); });
  after(async () => {
    await gateway?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it(`answers ${ROUNDS} seeded bodies behind express.json() as it answers them itself`, async () => {
    const direct = express().use('/beta', gateway.router);
    const parsed = express().use(express.json({ limit: '1mb' })).use('/beta', gateway.router)
      .use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => { res.status(400).end(); });
    const random = createRandom(20261201);
    const differences: string[] = [];
    let throughHostParser = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const body = malformedBody(random);
      const send = (app: express.Express) => request(app).post('/beta/privilegedOperationEvents').set('Content-Type', body.contentType).send(body.payload);
      const [own, host] = [await send(direct), await send(parsed)];
      // The host parser's own refusals (its JSON or charset errors) are the host's answers, not the gateway's.
      if (host.headers['request-id'] === undefined) continue;
      throughHostParser += 1;
      const outcome = (response: request.Response) => `${response.status} ${response.body?.error?.code ?? ''}`;
      if (outcome(own) !== outcome(host)) differences.push(`round ${round} (${body.label}): itself ${outcome(own)}, behind the host ${outcome(host)}`);
    }
    expect(differences).to.deep.equal([]);
    expect(throughHostParser, 'most generated bodies pass the host parser').to.be.greaterThan(ROUNDS / 2);
  });
});
