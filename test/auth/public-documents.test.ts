// As on Graph, $metadata and the service document need no token even when data requests do.
import { expect } from 'chai';
import request from 'supertest';
import { createSigningKey, startIdentityProvider, type IdentityProvider } from '../support/auth-identity-provider';
import { startAuthGateway, type AuthTestGateway } from '../support/auth-gateway';
import { TENANT_ID } from '../support/auth-tokens';
import { SERVICE_ROOT } from '../support/test-gateway';

describe('public documents under bearer authentication', () => {
  let provider: IdentityProvider;
  let gateway: AuthTestGateway;
  before(async () => {
    provider = await startIdentityProvider(TENANT_ID, [await createSigningKey('public-key')]);
    gateway = await startAuthGateway(provider);
  });
  after(async () => {
    await gateway.dispose();
    await provider.close();
  });

  it('serves $metadata without a token', async () => {
    const response = await request(gateway.app).get('/beta/$metadata');
    expect(response.status).to.equal(200);
    expect(response.text).to.contain('<EntitySet Name="privilegedOperationEvents"');
  });

  it('serves the service document without a token', async () => {
    const response = await request(gateway.app).get('/beta/');
    expect(response.status).to.equal(200);
    expect(response.body['@odata.context']).to.equal(`${SERVICE_ROOT}/$metadata`);
  });

  it('does not ask the identity provider for public documents', async () => {
    await request(gateway.app).get('/beta/$metadata');
    expect(provider.jwksRequests).to.equal(0);
  });
});
