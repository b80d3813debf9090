// GET/HEAD <service root>/$openapi[?version=3.1]: the OpenAPI description as JSON, public like $metadata. Both versions
// are generated at start-up, with a stand-in for the mount path (known only at request time, as req.baseUrl), and kept
// only as their JSON text split at that stand-in; a request joins the pieces with its own mount path.
import type { NextFunction, Request, Response } from 'express';
import { BadRequestError } from '../errors/graph-error';
import { noteResource } from '../http/request-facts';
import type { ServiceModel } from '../model/service-model';
import { toCsdlJson } from '../odata/csdl-json-document';
import { openApiDocument, requestedVersion, type OpenApiVersion } from './openapi-document';

export const OPENAPI_SEGMENT = '$openapi';

/** Stands for the mount path in the generated documents: a path segment of letters, which URL parsing keeps as it is. */
const MOUNT_PATH = '/gatewayMountPathStandIn';

const OPENAPI_VERSIONS: readonly OpenApiVersion[] = ['3.0', '3.1'];

/** One version's JSON text for any mount path; the last mount path's text is kept (a router is usually mounted once). */
interface DocumentTemplate {
  text(mountPath: string): string;
}

export function openApiRoute(model: ServiceModel, publicUrl: string) {
  const csdlJson = toCsdlJson(model);
  const templates = new Map(OPENAPI_VERSIONS.map((version) => [version, documentTemplate(
    JSON.stringify(openApiDocument(model, csdlJson, `${publicUrl}${MOUNT_PATH}`, version)),
  )] as const));
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path !== `/${OPENAPI_SEGMENT}` || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    noteResource(res, 'openapi', req.method);
    const query = new URLSearchParams(req.url.split('?')[1] ?? '');
    const version = requestedVersion(query.get('version') ?? undefined);
    if (version === undefined) return next(new BadRequestError(`version '${query.get('version')}' is not an OpenAPI version this service describes; use 3.0 or 3.1.`));
    res.status(200).setHeader('Content-Type', 'application/json;charset=utf-8');
    res.end(templates.get(version)!.text(req.baseUrl));
  };
}

function documentTemplate(json: string): DocumentTemplate {
  const pieces = json.split(MOUNT_PATH);
  let last = { mountPath: '', text: pieces.join('') };
  return {
    text(mountPath) {
      if (mountPath !== last.mountPath) last = { mountPath, text: pieces.join(JSON.stringify(mountPath).slice(1, -1)) };
      return last.text;
    },
  };
}
