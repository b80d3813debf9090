#!/usr/bin/env node
// `graph-odata-gateway-openapi [--csdl FILE] [--openapi 3.0|3.1] [--service-root URL] [--out FILE]`: the OpenAPI
// document the service serves at $openapi, written from a CSDL file by the same code (src/openapi/openapi-document.ts).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULTS } from '../config/gateway-config';
import { readCsdl } from '../model/read-csdl';
import { toCsdlJson } from '../odata/csdl-json-document';
import { openApiDocument } from '../openapi/openapi-document';
import { requestedVersion } from '../openapi/openapi-versions';

const USAGE = 'usage: graph-odata-gateway-openapi [--csdl FILE] [--openapi 3.0|3.1] [--service-root URL] [--out FILE]'
  + ` (defaults: the shipped CSDL, 3.0, ${defaultRoot()}, stdout)`;

function defaultRoot(): string {
  return `http://localhost:${DEFAULTS.PORT}/beta`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      csdl: { type: 'string' }, openapi: { type: 'string' }, 'service-root': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const version = requestedVersion(values.openapi);
  if (version === undefined) throw new Error(`--openapi '${values.openapi}' is not 3.0 or 3.1\n${USAGE}`);
  const root = values['service-root'] ?? defaultRoot();
  if (!URL.canParse(root) || !/^https?:$/.test(new URL(root).protocol)) throw new Error(`--service-root '${root}' is not an http(s) URL`);
  const model = readCsdl(values.csdl ?? DEFAULTS.CSDL_FILE);
  const text = `${JSON.stringify(openApiDocument(model, toCsdlJson(model), root.replace(/\/$/, ''), version), null, 2)}\n`;
  if (values.out === undefined) process.stdout.write(text);
  else writeFileSync(values.out, text);
}

try {
  main();
} catch (error) {
  process.stderr.write(`openapi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
