// The worker thread of openapi-texts: converts the model (a structured clone of the gateway's: plain data) into each
// OpenAPI version's JSON text and exits, so the converter's modules and the garbage of the conversion stay out of the
// gateway's heap.
import { parentPort, workerData } from 'node:worker_threads';
import type { ServiceModel } from '../model/service-model';
import { toCsdlJson } from '../odata/csdl-json-document';
import { openApiDocument } from './openapi-document';
import { OPENAPI_VERSIONS } from './openapi-versions';

const { model, serviceRoot } = workerData as { model: ServiceModel; serviceRoot: string };
try {
  const csdlJson = toCsdlJson(model);
  const texts = OPENAPI_VERSIONS.map((version) => [version, JSON.stringify(openApiDocument(model, csdlJson, serviceRoot, version))]);
  parentPort?.postMessage({ texts });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
