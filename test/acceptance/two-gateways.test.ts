// Two gateways in one process share no state: each serves its own CSDL, store and odata-v4-server class.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import request from 'supertest';
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
