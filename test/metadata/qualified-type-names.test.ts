// Generators read type names without resolving schema aliases (SAP Cloud SDK: "Could not find entity type"), so the
// served $metadata names every type of the schema with its namespace, in XML and in JSON; terms keep their aliases.
import { expect } from 'chai';
import request from 'supertest';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

describe('$metadata type names', () => {
  let gateway: TestGateway;
  before(async () => { gateway = await startTestGateway(); });
  after(async () => { await gateway?.dispose(); });

  it('uses the namespace, never the alias, in EntityType, BaseType and Type attributes of the XML', async () => {
    const xml = (await request(gateway.app).get('/beta/$metadata').expect(200)).text;
    expect(xml).to.include('<EntitySet Name="privilegedOperationEvents" EntityType="microsoft.graph.privilegedOperationEvent">');
    expect(xml).to.include('BaseType="microsoft.graph.entity"');
    expect(xml.match(/\b(?:EntityType|BaseType|Type)="graph\.[^"]*"/g)).to.equal(null);
  });

  it('uses the namespace in $Type and $BaseType of the JSON', async () => {
    const json = (await request(gateway.app).get('/beta/$metadata?$format=json').expect(200)).text;
    expect(json).to.include('"$Type":"microsoft.graph.privilegedOperationEvent"');
    expect(json).to.include('"$BaseType":"microsoft.graph.entity"');
    expect(json.match(/"\$(?:Type|BaseType)":"graph\./g)).to.equal(null);
  });
});
