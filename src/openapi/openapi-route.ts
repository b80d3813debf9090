// GET/HEAD <service root>/$openapi[?version=3.1]: the OpenAPI description as JSON, built once per service root and
// version (the mount path is known only at request time), public like $metadata.
import type { NextFunction, Request, Response } from 'express';
import { BadRequestError } from '../errors/graph-error';
import { noteResource } from '../http/request-facts';
import type { ServiceModel } from '../model/service-model';
import { toCsdlJson } from '../odata/csdl-json-document';
import { serviceRootOf } from '../odata/service-urls';
import { openApiDocument, requestedVersion } from './openapi-document';

export const OPENAPI_SEGMENT = '$openapi';

export function openApiRoute(model: ServiceModel, publicUrl: string) {
  const csdlJson = toCsdlJson(model);
  const documents = new Map<string, string>();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path !== `/${OPENAPI_SEGMENT}` || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    noteResource(res, 'openapi', req.method);
    const query = new URLSearchParams(req.url.split('?')[1] ?? '');
    const version = requestedVersion(query.get('version') ?? undefined);
    if (version === undefined) return next(new BadRequestError(`version '${query.get('version')}' is not an OpenAPI version this service describes; use 3.0 or 3.1.`));
    const root = serviceRootOf(publicUrl, req);
    const key = `${version} ${root}`;
    let text = documents.get(key);
    if (text === undefined) {
      text = JSON.stringify(openApiDocument(model, csdlJson, root, version));
      documents.set(key, text);
    }
    res.status(200).setHeader('Content-Type', 'application/json;charset=utf-8');
    res.end(text);
  };
}
