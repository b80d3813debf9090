// Validates a live answer against an OpenAPI document: the operation must describe its status (exactly, or its
// 4XX/5XX class), its media type, its body (ajv: draft 2020-12 for OpenAPI 3.1, draft-07 with `nullable` for 3.0)
// and the Graph headers it carries; headers the document marks required must be there.
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface LiveAnswer {
  readonly method: string;
  /** The path template of the document, e.g. `/privilegedOperationEvents/{id}`. */
  readonly path: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Graph's headers: a response that carries one must be described as sending it. */
const GRAPH_HEADERS = ['request-id', 'client-request-id', 'location', 'odata-entityid', 'etag', 'preference-applied'];

const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export function responseValidator(document: Json): (answer: LiveAnswer) => string[] {
  const ajv = document.openapi.startsWith('3.1') ? new Ajv2020({ strict: false, allErrors: true }) : new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
  const compiled = new Map<string, ValidateFunction>();
  const resolve = (response: Json, at: string): [Json, string] => {
    if (typeof response.$ref !== 'string') return [response, at];
    const path = response.$ref.slice(2).split('/');
    return [path.reduce((node: Json, key: string) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')], document), response.$ref.slice(1)];
  };
  return (answer) => {
    const operation = document.paths[answer.path]?.[answer.method] as Json | undefined;
    if (operation === undefined) return [`${answer.method} ${answer.path} is not in the document`];
    const key = [String(answer.status), `${String(answer.status)[0]}XX`, 'default'].find((candidate) => operation.responses[candidate] !== undefined);
    if (key === undefined) return [`${answer.method} ${answer.path} does not describe status ${answer.status}`];
    const [response, at] = resolve(operation.responses[key], `/${pointer('paths', answer.path, answer.method, 'responses', key)}`);
    const problems: string[] = [];
    const declared = Object.keys(response.headers ?? {}).map((name) => name.toLowerCase());
    for (const name of GRAPH_HEADERS) if (answer.headers[name] !== undefined && !declared.includes(name)) problems.push(`header ${name} is sent but not described`);
    for (const [name, header] of Object.entries(response.headers ?? {}) as [string, Json][]) {
      const resolved = header.$ref ? resolve(header, '')[0] : header;
      if (resolved.required && answer.headers[name.toLowerCase()] === undefined) problems.push(`required header ${name} is missing`);
    }
    const mediaType = (answer.headers['content-type'] ?? '').split(';')[0];
    if (response.content === undefined) {
      if (answer.body !== undefined && answer.body !== '') problems.push(`a body was sent where ${key} describes none`);
      return problems;
    }
    if (response.content[mediaType] === undefined) return [...problems, `media type '${mediaType}' is not described for ${key}`];
    const schemaAt = `openapi.json#${at}/${pointer('content', mediaType, 'schema')}`;
    let validate = compiled.get(schemaAt);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: schemaAt });
      compiled.set(schemaAt, validate);
    }
    if (!validate(answer.body)) problems.push(...(validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message} (${error.schemaPath})`));
    return problems;
  };
}
