// CORS for browser apps (the `cors` package): only the configured origins; preflights for the methods the CSDL allows
// and the headers Graph clients send; the response headers a Graph client reads exposed. No origin: no middleware.
import cors from 'cors';
import type { RequestHandler } from 'express';
import type { ServiceModel } from '../model/service-model';

/** What Graph SDKs and Kiota send besides the CORS-safelisted headers. */
export const CORS_ALLOWED_HEADERS: readonly string[] = [
  'Authorization', 'Content-Type', 'Accept', 'client-request-id', 'Prefer', 'ConsistencyLevel', 'If-Match', 'If-None-Match',
  'OData-Version', 'OData-MaxVersion', 'return-client-request-id', 'SdkVersion', 'x-ms-client-request-id',
];

/** The response headers a browser script may read (the CORS-safelisted ones, e.g. Content-Type, need no entry). */
export const CORS_EXPOSED_HEADERS: readonly string[] = [
  'request-id', 'client-request-id', 'Location', 'OData-EntityId', 'ETag', 'Preference-Applied', 'OData-Version', 'Retry-After',
  'WWW-Authenticate', 'Allow',
];

/** How long a browser may cache a preflight answer (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** No allowed origin: no middleware (undefined). */
export function corsPolicy(allowedOrigins: readonly string[], model: ServiceModel): RequestHandler | undefined {
  if (allowedOrigins.length === 0) return undefined;
  return cors({
    origin: allowedOrigins.includes('*') ? '*' : [...allowedOrigins],
    methods: serviceMethods(model),
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
}

/** Every method some resource of the service answers (the 405 check still applies per resource). */
export function serviceMethods(model: ServiceModel): string[] {
  const methods = new Set(['GET', 'HEAD']);
  for (const { capabilities } of model.entitySets) {
    if (capabilities.insertable) methods.add('POST');
    if (capabilities.updatable) methods.add('PATCH');
    if (capabilities.deletable) methods.add('DELETE');
  }
  return [...methods];
}

/** An origin as a browser sends it (`https://app.contoso.com`, `http://localhost:3000`) or `*`; else a problem. */
export function checkOrigin(origin: string): string | undefined {
  if (origin === '*') return undefined;
  try {
    const url = new URL(origin);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin) return undefined;
  } catch { /* reported below */ }
  return `CORS_ALLOWED_ORIGINS '${origin}' must be an origin such as https://app.contoso.com (scheme, host and port only, no path or trailing slash) or *`;
}
