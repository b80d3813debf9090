// The CSDL file drives everything: an added property appears in $metadata, the table and validation.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, SEED_EVENT, startTestGateway, temporaryDirectory, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

describe('a CSDL with an extra property', () => {
  const directory = temporaryDirectory();
  let gateway: TestGateway;
  before(async () => {
    const csdlFile = writeVariantCsdl(directory, (xml) => xml.replace(
      '<Property Name="userName" Type="Edm.String"/>',
      '<Property Name="userName" Type="Edm.String"/>\n        <Property Name="riskScore" Type="Edm.Int32"/>',
    ));
    gateway = await startTestGateway({ directory, env: { CSDL_FILE: csdlFile } });
  });
  after(async () => {
    await gateway.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('declares the property in $metadata XML and JSON', async () => {
    expect((await request(gateway.app).get('/beta/$metadata')).text).to.contain('<Property Name="riskScore" Type="Edm.Int32"/>');
    const json = (await request(gateway.app).get('/beta/$metadata?$format=json')).body;
    expect(json['microsoft.graph'].privilegedOperationEvent.riskScore).to.deep.equal({ $Type: 'Edm.Int32', $Nullable: true });
  });

  it('stores and returns the property', async () => {
    const created = (await request(gateway.app).post(EVENTS).send({ ...SEED_EVENT, riskScore: 7 }).expect(201)).body;
    expect(created.riskScore).to.equal(7);
    expect((await request(gateway.app).get(`${EVENTS}('${created.id}')`)).body.riskScore).to.equal(7);
  });

  it('validates the property with its Edm type', async () => {
    const error = expectGraphError(await request(gateway.app).post(EVENTS).send({ ...SEED_EVENT, riskScore: 'high' }), 400, 'badRequest');
    expect(error.target).to.equal('riskScore');
  });
});
