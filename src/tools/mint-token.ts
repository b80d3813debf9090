#!/usr/bin/env node
// `graph-odata-gateway-token --as access-reviews|reader` (in a clone `npm run -s token -- --as …`): prints a
// development-mode access token on stdout, signed with ./data/dev-signing-key.json of the working directory.
import { parseArgs } from 'node:util';
import { DEVELOPMENT_CALLERS, mintDevelopmentToken, type DevelopmentCaller } from '../auth/development-token';
import { loadConfig } from '../config/gateway-config';

const USAGE = `usage: graph-odata-gateway-token --as ${DEVELOPMENT_CALLERS.join('|')} (in a clone: npm run -s token -- --as …)`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { as: { type: 'string' } }, strict: true });
  const caller = values.as;
  if (!DEVELOPMENT_CALLERS.includes(caller as DevelopmentCaller)) throw new Error(USAGE);
  const { auth } = loadConfig();
  if (auth.mode !== 'development') {
    throw new Error('AUTH_TENANT_ID is set: tokens for a tenant come from Azure AD, this command mints development tokens only');
  }
  process.stdout.write(`${await mintDevelopmentToken(auth, caller as DevelopmentCaller)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
