// GET/HEAD <service root>/$openapi[?version=3.1]: the OpenAPI description as JSON, public like $metadata. Both versions
// are generated at start-up (openapi-texts), with a stand-in for the mount path (known only at request time, as
// req.baseUrl), and kept only as their JSON text split at that stand-in; a request joins the pieces with its own.
import type { NextFunction, Request, Response } from 'express';
import { BadRequestError } from '../errors/graph-error';
import { noteResource } from '../http/request-facts';
import type { ServiceModel } from '../model/service-model';
import { generateOpenApiTexts } from './openapi-texts';
import { requestedVersion, type OpenApiVersion } from './openapi-versions';

export const OPENAPI_SEGMENT = '$openapi';

/** Stands for the mount path in the generated documents: a path segment of letters, which URL parsing keeps as it is. */
const MOUNT_PATH = '/gatewayMountPathStandIn';

/** One version's JSON text for any mount path; the last mount path's text is kept (a router is usually mounted once). */
interface DocumentTemplate {
  text(mountPath: string): string;
}

/** The documents of a service whose public URL is `publicUrl` (the origin and a proxy's prefix, without the mount path). */
export async function openApiDocuments(model: ServiceModel, publicUrl: string): Promise<ReadonlyMap<OpenApiVersion, DocumentTemplate>> {
  const texts = await generateOpenApiTexts(model, `${publicUrl}${MOUNT_PATH}`);
  return new Map([...texts].map(([version, text]) => [version, documentTemplate(text)] as const));
}

export function openApiRoute(documents: ReadonlyMap<OpenApiVersion, DocumentTemplate>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path !== `/${OPENAPI_SEGMENT}` || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    noteResource(res, 'openapi', req.method);
    const query = new URLSearchParams(req.url.split('?')[1] ?? '');
    const version = requestedVersion(query.get('version') ?? undefined);
    const document = version === undefined ? undefined : documents.get(version);
    if (document === undefined) return next(new BadRequestError(`version '${query.get('version')}' is not an OpenAPI version this service describes; use 3.0 or 3.1.`));
    res.status(200).setHeader('Content-Type', 'application/json;charset=utf-8');
    res.end(document.text(req.baseUrl));
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
