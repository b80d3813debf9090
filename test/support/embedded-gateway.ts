// An embedded gateway as a host builds it, through createODataGateway, with the open test policy (no tokens).
import { join } from 'node:path';
import { openAccess } from '../../src/auth/access-policy';
import type { ODataGateway, ODataGatewayOptions } from '../../src/gateway-options';
import { createLogger } from '../../src/log/logger';
import { createODataGateway } from '../../src/odata-gateway';
import { DEFAULTS } from '../../src/config/gateway-config';

export const HOST_ORIGIN = 'https://api.contoso.test';

/** The shipped CSDL on a fresh SQLite file in `directory`; `options` override any of it. */
export function embeddedGateway(directory: string, options: Partial<ODataGatewayOptions> = {}): Promise<ODataGateway> {
  return createODataGateway({
    csdl: DEFAULTS.CSDL_FILE, database: `sqlite:${join(directory, `${Math.random().toString(36).slice(2)}.sqlite`)}`,
    auth: { development: true }, publicUrl: HOST_ORIGIN, logger: createLogger('silent'), ...options,
  }, { access: openAccess });
}
