// The OpenAPI documents, generated once at start-up on a short-lived worker thread (openapi-worker): the converter and
// the conversion's garbage would otherwise stay in the gateway's old generation (≈4 MB of resident memory at rest).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ServiceModel } from '../model/service-model';
import type { OpenApiVersion } from './openapi-versions';

type Outcome = { readonly texts: Array<[OpenApiVersion, string]> } | { readonly error: string };

/**
 * Each version's document as JSON text for `serviceRoot`; rejects with the converter's complaint. The model goes to the
 * worker as a structured clone (it is plain data: objects, arrays, Maps, strings), the same model the CLI converts.
 */
export function generateOpenApiTexts(model: ServiceModel, serviceRoot: string): Promise<ReadonlyMap<OpenApiVersion, string>> {
  const worker = new Worker(join(__dirname, 'openapi-worker.js'), { workerData: { model, serviceRoot } });
  return new Promise((resolve, reject) => {
    worker.once('message', (outcome: Outcome) => {
      if ('error' in outcome) reject(new Error(outcome.error));
      else resolve(new Map(outcome.texts));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the OpenAPI worker exited with ${code} before answering`)));
  });
}
