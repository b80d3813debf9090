// The standalone server's options for createODataGateway, from the environment: each setting with an option path
// in the settings table lands there, so a new setting needs no code here.
import type { ODataGatewayOptions } from '../gateway-options';
import type { Logger } from '../log/logger';
import { loadConfig } from './gateway-config';
import { SETTINGS, type Env } from './settings';

type Json = Record<string, unknown>;

/** Throws the ConfigError of loadConfig (worded with the variables' names) before any option is built. */
export function optionsFromEnvironment(env: Env, logger?: Logger): ODataGatewayOptions {
  const config = loadConfig(env);
  const options: Json = { csdl: config.csdlFile, publicUrl: config.publicUrl, auth: {}, ...(logger ? { logger } : {}) };
  for (const setting of SETTINGS) {
    const raw = env[setting.env]?.trim();
    if (!setting.option || raw === undefined || raw === '') continue;
    const value = setting.type.kind === 'integer' ? (setting.type.off && raw.toLowerCase() === 'off' ? false : Number(raw))
      : setting.type.kind === 'list' ? raw.split(',').map((item) => item.trim()).filter((item) => item !== '') : raw;
    setAt(options, setting.option, value);
  }
  const auth = options.auth as Json;
  if (auth.tenantId === undefined) auth.development = true; // no tenant: development mode, as loadConfig read it
  setAt(options, 'database.url', (options.database as Json | undefined)?.url ?? settingDefault('DATABASE_URL'));
  return options as unknown as ODataGatewayOptions;
}

function settingDefault(env: string): string | undefined {
  return SETTINGS.find((setting) => setting.env === env)?.default;
}

function setAt(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Json;
  node[keys[keys.length - 1]] = value;
}
