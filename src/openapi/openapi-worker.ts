// The worker thread of openapi-texts: converts the CSDL JSON into each OpenAPI version's JSON text and exits, so the
// converter's modules and the garbage of the conversion stay out of the gateway's heap.
import { parentPort, workerData } from 'node:worker_threads';
import { openApiDocument } from './openapi-document';
import type { SecurityTable } from './openapi-security';
import { OPENAPI_VERSIONS } from './openapi-versions';

const { csdlJson, security, serviceRoot } = workerData as { csdlJson: object; security: SecurityTable; serviceRoot: string };
try {
  const texts = OPENAPI_VERSIONS.map((version) => [version, JSON.stringify(openApiDocument(security, csdlJson, serviceRoot, version))]);
  parentPort?.postMessage({ texts });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
