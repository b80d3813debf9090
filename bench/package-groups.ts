// Which package a profiled script belongs to: node_modules folders grouped as the issue names them (express with its deps…).

const GROUPS: Readonly<Record<string, readonly string[]>> = {
  'express (+ router, body-parser…)': ['express', 'router', 'body-parser', 'raw-body', 'finalhandler', 'parseurl', 'on-finished', 'type-is',
    'content-type', 'iconv-lite', 'qs', 'send', 'http-errors', 'depd', 'statuses', 'mime-types', 'mime-db', 'media-typer', 'accepts',
    'negotiator', 'encodeurl', 'escape-html', 'etag', 'fresh', 'merge-descriptors', 'path-to-regexp', 'proxy-addr', 'forwarded', 'ipaddr.js',
    'range-parser', 'safe-buffer', 'setprototypeof', 'toidentifier', 'unpipe', 'bytes', 'ee-first', 'vary', 'debug', 'ms', 'is-promise',
    'content-disposition', 'cookie', 'cookie-signature', 'serve-static', 'once', 'wrappy', 'inherits', 'safer-buffer'],
  'odata-v4-server': ['odata-v4-server', 'odata-v4-metadata', 'odata-v4-service-metadata', 'odata-v4-service-document', 'odata-v4-literal'],
  'odata-v4-parser': ['odata-v4-parser'],
  typeorm: ['typeorm', 'dayjs', 'uuid', 'sql-highlight', 'app-root-path', 'ansis', 'sha.js'],
  'better-sqlite3': ['better-sqlite3', 'bindings'],
  'passport/jose': ['passport', 'passport-strategy', 'jose', 'pause'],
};
const GROUP_OF = new Map(Object.entries(GROUPS).flatMap(([group, packages]) => packages.map((name) => [name, group] as const)));

/** The package folder below the last node_modules/ of a script URL (scoped names kept whole). */
export function packageOf(url: string): string | undefined {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const [scopeOrName, name] = url.slice(at + '/node_modules/'.length).split('/');
  return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
}

/** The package group of a script URL; Node's own modules and our compiled src/ by name. */
export function categoryOfUrl(url: string): string {
  const name = packageOf(url);
  if (name !== undefined) return GROUP_OF.get(name) ?? name;
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/dist/')) return 'our code (src/)';
  return 'other';
}
