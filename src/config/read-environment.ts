// Readers of single settings that need more than a range check, each adding its problem to the list instead of throwing.
import { isAbsolute, resolve } from 'node:path';
import type { DatabaseConfig } from '../persistence/database-config';
import { optionalIntegerSetting, rawSetting, type Env } from './settings';

export type { Env } from './settings';

/** `sqlite:<file>` or `postgres://…`, with the PostgreSQL pool settings. */
export function readDatabaseUrl(env: Env, problems: string[]): DatabaseConfig {
  const raw = rawSetting(env, 'DATABASE_URL') ?? '';
  const schema = rawSetting(env, 'DATABASE_SCHEMA');
  const pool = Object.fromEntries(Object.entries({
    poolSize: optionalIntegerSetting(env, 'DATABASE_POOL_SIZE', problems),
    connectTimeoutMs: optionalIntegerSetting(env, 'DATABASE_CONNECT_TIMEOUT_MS', problems),
    statementTimeoutMs: optionalIntegerSetting(env, 'DATABASE_STATEMENT_TIMEOUT_MS', problems),
  }).filter(([, value]) => value !== undefined));
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') problems.push(`DATABASE_URL '${raw}' names no file`);
    return { engine: 'sqlite', file: isAbsolute(path) ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      problems.push('DATABASE_URL is not a valid postgres:// URL');
    }
    return { engine: 'postgres', url: raw, ...(schema ? { schema } : {}), ...pool };
  }
  problems.push(`DATABASE_URL must start with sqlite: or postgres:// (got '${raw.split(':')[0]}:…')`);
  return { engine: 'sqlite', file: '' };
}

/** An absolute http(s) URL without credentials, query or fragment; kept without its trailing slash. */
export function readPublicUrl(text: string, problems: string[]): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`PUBLIC_URL '${text}' is not an absolute URL`);
    return text;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`PUBLIC_URL '${text}' must be http or https`);
  if (url.search || url.hash || url.username || url.password) problems.push(`PUBLIC_URL '${text}' must not have credentials, a query or a fragment`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
