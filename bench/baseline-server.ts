// The bare baseline: node:http and better-sqlite3 serving the bench's requests with the gateway's JSON shapes and headers.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseCollectionQuery, readCollection } from './baseline-collection';
import { openBaselineStore, TIMESTAMP_COLUMNS, toStoredTimestamp, type Entity } from './baseline-store';

const port = Number(process.env.PORT);
const publicUrl = process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`;
const authorization = process.env.BENCH_AUTHORIZATION;
const store = openBaselineStore(process.env.DATABASE_FILE ?? '');
const SET_PATH = '/beta/privilegedOperationEvents';
const SET_CONTEXT = `${publicUrl}/beta/$metadata#privilegedOperationEvents`;
const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const MAX_BODY_BYTES = 65_536;

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'request-id': randomUUID(), 'OData-Version': '4.0', ...headers, ...(body === undefined ? {} : { 'Content-Type': JSON_TYPE }) });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19) } } });
}

function entityUrl(id: string): string {
  return `${publicUrl}${SET_PATH}('${encodeURIComponent(id.replace(/'/g, "''"))}')`;
}

/** The row to insert, or why the body is refused: string properties of the table only, service-computed id and time. */
function toRow(body: unknown, columns: readonly string[]): Entity | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be one JSON object.';
  const row: Entity = { id: randomUUID() };
  for (const [name, value] of Object.entries(body)) {
    if (name.includes('@') || name === 'id') continue;
    if (!columns.includes(name)) return `'${name}' is not a property of privilegedOperationEvent.`;
    if (value !== null && typeof value !== 'string') return `'${name}' must be a string.`;
    const stored = TIMESTAMP_COLUMNS.has(name) && value !== null ? toStoredTimestamp(value) : value;
    if (stored === undefined) return `'${name}' must be a UTC timestamp.`;
    row[name] = stored;
  }
  row.creationDateTime ??= toStoredTimestamp(new Date().toISOString());
  return row;
}

function create(req: IncomingMessage, res: ServerResponse): void {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(res, 415, 'unsupportedMediaType', 'Send application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => { size += chunk.length; if (size <= MAX_BODY_BYTES) chunks.push(chunk); });
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) return fail(res, 413, 'requestEntityTooLarge', 'The body is too large.');
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return fail(res, 400, 'badRequest', 'The body is not JSON.');
    }
    const row = toRow(body, store.columns);
    if (typeof row === 'string') return fail(res, 400, 'badRequest', row);
    const entity = store.insert(row);
    send(res, 201, { '@odata.context': `${SET_CONTEXT}/$entity`, ...entity }, { Location: entityUrl(String(row.id)) });
  });
}

function route(req: IncomingMessage, res: ServerResponse): void {
  if (authorization !== undefined && req.headers.authorization !== authorization) {
    return fail(res, 401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
  }
  const [path, search = ''] = (req.url ?? '/').split('?', 2);
  if (path === '/beta/' && req.method === 'GET') {
    return send(res, 200, { '@odata.context': `${publicUrl}/beta/$metadata`, value: [{ name: 'privilegedOperationEvents', kind: 'EntitySet', url: 'privilegedOperationEvents' }] });
  }
  if (path === SET_PATH && req.method === 'POST') return create(req, res);
  if (path === SET_PATH && req.method === 'GET') {
    const query = parseCollectionQuery(search);
    return query ? send(res, 200, readCollection(store, query, SET_CONTEXT)) : fail(res, 501, 'notImplemented', 'Not a bench query.');
  }
  const key = /^\/beta\/privilegedOperationEvents\('((?:[^']|'')*)'\)$/.exec(path);
  if (key && req.method === 'GET') {
    const entity = store.findByKey(decodeURIComponent(key[1]).replace(/''/g, "'"));
    return entity
      ? send(res, 200, { '@odata.context': `${SET_CONTEXT}/$entity`, ...entity })
      : fail(res, 404, 'itemNotFound', 'No privilegedOperationEvent has this id.');
  }
  fail(res, 404, 'notFound', 'The baseline serves only the bench requests.');
}

const server = createServer((req, res) => {
  try {
    route(req, res);
  } catch (error) {
    process.stderr.write(`baseline: ${(error as Error).stack}\n`);
    if (!res.headersSent) fail(res, 500, 'generalException', 'Unexpected error.');
  }
});
server.keepAliveTimeout = 5000; // as the gateway
server.listen(port, '127.0.0.1');
const stop = () => server.close(() => { store.close(); process.exit(0); });
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
