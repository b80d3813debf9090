// The OData service under the service root, as one request handler: resolves the resource path, checks the method,
// authorizes, reads the body, runs the operation; any error goes to next(error).
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataOperation } from '../auth/access-policy';
import { MethodNotAllowedError } from '../errors/graph-error';
import { negotiateJson, negotiateMetadataFormat } from '../http/content-negotiation';
import { sendJson } from '../http/graph-response';
import { jsonBody } from '../http/json-body';
import { noteCaller, noteResource } from '../http/request-facts';
import { createEntity } from './create-entity';
import { toCsdlJson } from './csdl-json-document';
import { createEntityTagger } from './entity-tag';
import { createODataServerAdapter } from './odata-server-adapter';
import type { ODataService, ODataServiceOptions } from './odata-service';
import { createPayloadValidator } from './payload-validator';
import { CollectionQueryCache } from './collection-query-cache';
import { countCollection, readCollection } from './read-collection';
import { deleteEntity, updateEntity } from './modify-entity';
import { readEntity } from './read-entity';
import { readProperty } from './read-property';
import { readDelta } from './read-delta';
import { tracksChanges } from './track-changes';
import { resolveResourcePath, type ResourcePath } from './resource-path';
import { contextUrl, serviceRootOf } from './service-urls';
import { readVocabularyDocuments } from './vocabulary-documents';
import { logWrite } from './write-log';

export function createODataHandler(options: ODataServiceOptions): RequestHandler {
  const { model, store } = options;
  const adapter = createODataServerAdapter(model, { create: (entitySet, values) => store.insert(entitySet, values) });
  const service: ODataService = {
    ...options,
    adapter,
    validators: new Map(model.entitySets.map((set) => [set.name, createPayloadValidator(set)])),
    taggers: new Map(model.entitySets.flatMap((set) => {
      const tagger = createEntityTagger(set);
      return tagger ? [[set.name, tagger] as const] : [];
    })),
    queries: new CollectionQueryCache(),
    skipTokenKey: options.paging.skipTokenSecret
      ?? createHash('sha256').update('skiptoken-key\n').update(model.xml).digest(),
  };
  const metadataJson = JSON.stringify(toCsdlJson(model));
  const readBody = jsonBody(options.maxBodyBytes);
  const vocabularies = readVocabularyDocuments(model);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (serveVocabulary(req, res, vocabularies)) return;
      const resource = resolveResourcePath(model, req.path);
      noteResource(res, resource.kind, req.method, 'entitySet' in resource ? resource.entitySet.name : undefined,
        resource.kind === 'property' ? resource.property : undefined);
      checkMethod(req.method, allowedMethods(resource));
      const operation = dataOperation(resource, req.method);
      // Authenticate before reading the body, so an anonymous caller learns nothing but 401.
      if (operation && 'entitySet' in resource) {
        const grant = await options.access.authorize(req, operation, resource.entitySet);
        noteCaller(res, grant.callerAppId);
        logWrite(res, { operation, entitySet: resource.entitySet, key: 'key' in resource ? resource.key : undefined }, grant, options.logger);
      }
      await new Promise<void>((resolve, reject) => readBody(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
      await dispatch(service, resource, req, res, metadataJson);
    } catch (error) {
      next(error);
    }
  };
}

/** A vocabulary that $metadata references by a relative Uri: public, like $metadata itself. */
function serveVocabulary(req: Request, res: Response, vocabularies: ReadonlyMap<string, string>): boolean {
  const vocabulary = req.method === 'GET' ? vocabularies.get(req.path.slice(1)) : undefined;
  if (vocabulary === undefined) return false;
  noteResource(res, 'vocabulary', req.method);
  res.status(200).setHeader('Content-Type', 'application/xml;charset=utf-8');
  res.end(vocabulary);
  return true;
}

/** The data operation a request performs; the service document and $metadata are public, as on Graph. */
function dataOperation(resource: ResourcePath, method: string): DataOperation | undefined {
  if (resource.kind === 'serviceDocument' || resource.kind === 'metadata') return undefined;
  return WRITE_OPERATIONS[method] ?? 'read';
}

const WRITE_OPERATIONS: Readonly<Record<string, DataOperation>> = { POST: 'create', PATCH: 'update', PUT: 'update', DELETE: 'delete' };

async function dispatch(service: ODataService, resource: ResourcePath, req: Request, res: Response, metadataJson: string) {
  switch (resource.kind) {
    case 'serviceDocument':
      sendJson(res, 200, {
        '@odata.context': contextUrl.serviceDocument(serviceRootOf(service.publicUrl, req)), ...service.adapter.serviceDocument,
      }, negotiateJson(req));
      return;
    case 'metadata':
      sendMetadata(req, res, service.model.xml, metadataJson);
      return;
    case 'entity':
      if (req.method === 'PATCH') await updateEntity(service, resource.entitySet, resource.key, req, res);
      else if (req.method === 'DELETE') await deleteEntity(service, resource.entitySet, resource.key, req, res);
      else await readEntity(service, resource.entitySet, resource.key, req, res);
      return;
    case 'collection':
      if (req.method === 'POST') {
        await createEntity(service, resource.entitySet, req, res);
        return;
      }
      if (tracksChanges(resource.entitySet, req)) await readDelta(service, resource.entitySet, req, res, true);
      else await readCollection(service, resource.entitySet, req, res);
      return;
    case 'delta':
      await readDelta(service, resource.entitySet, req, res);
      return;
    case 'count':
      await countCollection(service, resource.entitySet, req, res);
      return;
    case 'property':
      await readProperty(service, resource.entitySet, resource.key, resource.property, resource.raw, req, res);
      return;
  }
}

function sendMetadata(req: Request, res: Response, xml: string, json: string): void {
  const format = negotiateMetadataFormat(req);
  res.status(200).setHeader('Content-Type', format === 'xml' ? 'application/xml;charset=utf-8' : 'application/json;charset=utf-8');
  res.end(format === 'xml' ? xml : json);
}

/** The methods each resource answers, from the Capabilities annotations of its entity set. */
function allowedMethods(resource: ResourcePath): string[] {
  const read = ['GET', 'HEAD'];
  switch (resource.kind) {
    case 'collection':
      return resource.entitySet.capabilities.insertable ? [...read, 'POST'] : read;
    case 'entity': {
      const { updatable, deletable } = resource.entitySet.capabilities;
      return [...read, ...(updatable ? ['PATCH'] : []), ...(deletable ? ['DELETE'] : [])];
    }
    default:
      return read;
  }
}

function checkMethod(method: string, allowed: readonly string[]): void {
  if (!allowed.includes(method)) {
    throw new MethodNotAllowedError(`${method} is not allowed on this resource; allowed: ${allowed.join(', ')}.`, {
      headers: { Allow: allowed.join(', ') },
    });
  }
}
