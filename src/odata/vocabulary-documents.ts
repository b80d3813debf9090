// Vocabularies the CSDL references by a relative URI are served beside $metadata, read once at start-up.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CsdlError } from '../model/csdl-error';
import type { ServiceModel } from '../model/service-model';

/** Relative URI (as written in edmx:Reference, resolved against `$metadata`) → the vocabulary document's bytes. */
export function readVocabularyDocuments(model: ServiceModel): ReadonlyMap<string, string> {
  const documents = new Map<string, string>();
  for (const reference of model.references) {
    // OData CSDL 3.3: the Uri may be relative to the document that references it.
    if (/^[a-z][a-z0-9+.-]*:/i.test(reference.uri) || documents.has(reference.uri)) continue;
    if (reference.uri.startsWith('/') || reference.uri.split('/').includes('..')) {
      throw new CsdlError(model.file, `edmx:Reference '${reference.uri}'`, 'a relative Uri must stay below the CSDL file');
    }
    try {
      documents.set(reference.uri, readFileSync(resolve(dirname(model.file), reference.uri), 'utf8'));
    } catch {
      throw new CsdlError(model.file, `edmx:Reference '${reference.uri}'`, 'names no readable file beside the CSDL');
    }
  }
  return documents;
}
