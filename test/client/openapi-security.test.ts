// The OASIS odata-openapi converter on the served $metadata (CSDL JSON) carries the security schemes the CSDL declares.
import { expect } from 'chai';
import { csdl2openapi } from 'odata-openapi';
import request from 'supertest';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

interface OAuthFlow { readonly tokenUrl?: string; readonly authorizationUrl?: string; readonly scopes: Record<string, string> }
interface SecurityScheme { readonly type: string; readonly flows: Record<string, OAuthFlow> }

describe('OpenAPI from the served $metadata (odata-openapi)', () => {
  let gateway: TestGateway;
  let schemes: Record<string, SecurityScheme>;
  let messages: string[];
  before(async () => {
    gateway = await startTestGateway();
    const metadata = await request(gateway.app).get('/beta/$metadata?$format=json').expect(200);
    messages = [];
    const openapi = csdl2openapi(metadata.body, { messages }) as { components: { securitySchemes?: Record<string, SecurityScheme> } };
    schemes = openapi.components.securitySchemes ?? {};
  });
  after(async () => { await gateway.dispose(); });

  it('converts without messages', () => {
    expect(messages).to.deep.equal([]);
  });

  it('declares the client credentials flow with the app roles as scopes', () => {
    expect(schemes.azureAdApplication).to.deep.include({ type: 'oauth2' });
    expect(schemes.azureAdApplication!.flows.clientCredentials).to.deep.include({
      tokenUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
    });
    expect(Object.keys(schemes.azureAdApplication!.flows.clientCredentials!.scopes)).to.deep.equal([
      'PrivilegedOperationEvent.Create', 'PrivilegedOperationEvent.Read.All',
    ]);
  });

  it('declares the authorization code flow with the delegated scope', () => {
    const flow = schemes.azureAdDelegated!.flows.authorizationCode!;
    expect(flow.authorizationUrl).to.equal('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize');
    expect(Object.keys(flow.scopes)).to.deep.equal(['Directory.AccessAsUser.All']);
  });

  it('names exactly the schemes the model read from the CSDL', () => {
    expect(Object.keys(schemes)).to.deep.equal(gateway.model.authorizations?.map((scheme) => scheme.name));
  });
});
