// Two gateways in one process share no state: each serves its own CSDL, store and odata-v4-server class.
import { expect } from 'chai';
import express, { type Express } from 'express';
import { rmSync } from 'node:fs';
import request from 'supertest';
import type { ODataGateway } from '../../src/gateway-options';
import { embeddedGateway, HOST_ORIGIN } from '../support/embedded-gateway';
import { EVENTS, SEED_EVENT, startTestGateway, temporaryDirectory, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

describe('two gateways in one process', () => {
  const directory = temporaryDirectory();
  let shipped: TestGateway;
  let variant: TestGateway;
  before(async () => {
    const csdlFile = writeVariantCsdl(directory, (xml) => xml.replace(
      '<Property Name="userName" Type="Edm.String"/>', '<Property Name="userName" Type="Edm.String"/>\n        <Property Name="riskScore" Type="Edm.Int32"/>'));
    [shipped, variant] = await Promise.all([startTestGateway(), startTestGateway({ directory, env: { CSDL_FILE: csdlFile } })]);
  });
  after(async () => {
    await Promise.all([shipped?.dispose(), variant?.dispose()]);
    rmSync(directory, { recursive: true, force: true });
  });

  it('validates creates against each gateway\'s own model', async () => {
    await request(shipped.app).post(EVENTS).send({ ...SEED_EVENT, riskScore: 3 }).expect(400);
    await request(variant.app).post(EVENTS).send({ ...SEED_EVENT, riskScore: 3 }).expect(201);
  });

  it('serves each gateway\'s own $metadata', async () => {
    expect((await request(shipped.app).get('/beta/$metadata')).text).to.not.contain('riskScore');
    expect((await request(variant.app).get('/beta/$metadata')).text).to.contain('riskScore');
  });

  it('stores in each gateway\'s own database', async () => {
    const before = await shipped.countEvents();
    await request(variant.app).post(EVENTS).send(SEED_EVENT).expect(201);
    expect(await shipped.countEvents()).to.equal(before);
  });
});

describe('two gateways with different CSDLs mounted in one host', () => {
  const directory = temporaryDirectory();
  let shipped: ODataGateway;
  let variant: ODataGateway;
  let app: Express;
  before(async () => {
    const csdl = writeVariantCsdl(directory, (xml) => xml.replace(
      '<Property Name="userName" Type="Edm.String"/>', '<Property Name="userName" Type="Edm.String"/>\n        <Property Name="riskScore" Type="Edm.Int32"/>'));
    [shipped, variant] = await Promise.all([embeddedGateway(directory), embeddedGateway(directory, { csdl })]);
    app = express().use(express.json()).use('/tenant-a/beta', shipped.router).use('/tenant-b/beta', variant.router);
  });
  after(async () => {
    await Promise.all([shipped?.close(), variant?.close()]);
    rmSync(directory, { recursive: true, force: true });
  });

  it('validates each create against the model of the gateway at that path', async () => {
    await request(app).post('/tenant-a/beta/privilegedOperationEvents').send({ ...SEED_EVENT, riskScore: 3 }).expect(400);
    const created = await request(app).post('/tenant-b/beta/privilegedOperationEvents').send({ ...SEED_EVENT, riskScore: 3 }).expect(201);
    expect(created.body.riskScore).to.equal(3);
  });

  it('builds each gateway\'s URLs from its own mount path', async () => {
    const created = await request(app).post('/tenant-a/beta/privilegedOperationEvents').send(SEED_EVENT).expect(201);
    expect(created.headers.location).to.equal(`${HOST_ORIGIN}/tenant-a/beta/privilegedOperationEvents('${created.body.id}')`);
    expect((await request(app).get('/tenant-b/beta/').expect(200)).body['@odata.context']).to.equal(`${HOST_ORIGIN}/tenant-b/beta/$metadata`);
  });

  it('keeps each gateway\'s entities in its own store', async () => {
    const created = await request(app).post('/tenant-b/beta/privilegedOperationEvents').send(SEED_EVENT).expect(201);
    await request(app).get(`/tenant-b/beta/privilegedOperationEvents('${created.body.id}')`).expect(200);
    await request(app).get(`/tenant-a/beta/privilegedOperationEvents('${created.body.id}')`).expect(404);
    expect((await request(app).get('/tenant-a/beta/$metadata')).text).to.not.contain('riskScore');
    expect((await request(app).get('/tenant-b/beta/$metadata')).text).to.contain('riskScore');
  });
});
