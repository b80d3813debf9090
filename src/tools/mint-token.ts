#!/usr/bin/env node
// `graph-odata-gateway-token --as access-reviews|reader | --role R | --all-roles | --scope S [--wids W] | --list`
// (in a clone `npm run -s token -- …`): a development-mode access token on stdout, signed with
// ./data/dev-signing-key.json of the working directory.
import { parseArgs } from 'node:util';
import { DEVELOPMENT_CALLERS, mintDevelopmentToken, type DevelopmentCaller } from '../auth/development-token';
import { permissionTable } from '../auth/permission-table';
import { loadConfig } from '../config/gateway-config';
import { readCsdl } from '../model/read-csdl';

const USAGE = `usage: graph-odata-gateway-token [--as ${DEVELOPMENT_CALLERS.join('|')}] [--role APP_ROLE]… [--all-roles] | [--scope SCOPE]… [--wids ROLE]… | --list (in a clone: npm run -s token -- …)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      as: { type: 'string' }, role: { type: 'string', multiple: true }, scope: { type: 'string', multiple: true },
      wids: { type: 'string', multiple: true }, list: { type: 'boolean' }, 'all-roles': { type: 'boolean' },
    },
    strict: true,
  });
  const config = loadConfig();
  const model = readCsdl(config.csdlFile);
  if (values.list) {
    process.stdout.write(`${permissionTable(model)}\n`);
    return;
  }
  if (values.as !== undefined && !DEVELOPMENT_CALLERS.includes(values.as as DevelopmentCaller)) throw new Error(USAGE);
  if (values.as === undefined && !values.role && !values.scope && !values.wids && !values['all-roles']) throw new Error(USAGE);
  if (config.auth.mode !== 'development') {
    throw new Error('AUTH_TENANT_ID is set: tokens for a tenant come from Azure AD, this command mints development tokens only');
  }
  const token = await mintDevelopmentToken(config.auth, model, {
    as: values.as as DevelopmentCaller | undefined, roles: values.role, allRoles: values['all-roles'], scopes: values.scope, wids: values.wids,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
