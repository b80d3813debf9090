// A local OpenID discovery + JWKS server on 127.0.0.1 for the auth tests: it can rotate its keys or stop answering.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export interface IdentityProvider {
  readonly discoveryUrl: string;
  /** The keys the JWKS publishes now. */
  published: SigningKey[];
  /** 200 unless a test makes the endpoint fail. */
  discoveryStatus: number;
  jwksStatus: number;
  /** How many times the JWKS was fetched. */
  readonly jwksRequests: number;
  close(): Promise<void>;
}

/** Paths as Azure AD has them: /{tenant}/v2.0/.well-known/openid-configuration and /{tenant}/discovery/v2.0/keys. */
export async function startIdentityProvider(tenantId: string, published: SigningKey[]): Promise<IdentityProvider> {
  let jwksRequests = 0;
  const server = createServer((req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.url === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
      answer(provider.discoveryStatus, {
        issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
        jwks_uri: `${origin}/${tenantId}/discovery/v2.0/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    } else if (req.url === `/${tenantId}/discovery/v2.0/keys`) {
      jwksRequests += 1;
      answer(provider.jwksStatus, { keys: provider.published.map((key) => key.publicJwk) });
    } else {
      answer(404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const provider: IdentityProvider = {
    discoveryUrl: `http://127.0.0.1:${port}/${tenantId}/v2.0/.well-known/openid-configuration`,
    published, discoveryStatus: 200, jwksStatus: 200,
    get jwksRequests() { return jwksRequests; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  return provider;
}
