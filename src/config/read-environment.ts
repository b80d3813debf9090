// Readers of single environment values, each adding its problem to the list instead of throwing.
import { isAbsolute, resolve } from 'node:path';
import type { DatabaseConfig } from '../persistence/database-config';

export type Env = Readonly<Record<string, string | undefined>>;

export function integer(name: string, raw: string, min: number, max: number, problems: string[]): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) problems.push(`${name} '${raw}' must be an integer from ${min} to ${max}`);
  return value;
}

/** `sqlite:<file>` or `postgres://…`, with the PostgreSQL pool settings of the environment. */
export function readDatabaseUrl(raw: string, env: Env, problems: string[]): DatabaseConfig {
  const schema = env.DATABASE_SCHEMA;
  const optional = (name: string, min: number, max: number) =>
    (env[name] ? integer(name, env[name]!, min, max, problems) : undefined);
  const pool = Object.fromEntries(Object.entries({
    poolSize: optional('DATABASE_POOL_SIZE', 1, 1000),
    connectTimeoutMs: optional('DATABASE_CONNECT_TIMEOUT_MS', 100, 600_000),
    statementTimeoutMs: optional('DATABASE_STATEMENT_TIMEOUT_MS', 100, 3_600_000),
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
