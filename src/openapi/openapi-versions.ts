// The OpenAPI versions $openapi describes the service in, and how a request names one.

export type OpenApiVersion = '3.0' | '3.1';

export const OPENAPI_VERSIONS: readonly OpenApiVersion[] = ['3.0', '3.1'];

/** `?version=` of a request: `3.0` (default) or `3.1`; undefined for anything else. */
export function requestedVersion(query: string | undefined): OpenApiVersion | undefined {
  if (query === undefined || query === '' || query === '3.0' || query === '3.0.2') return '3.0';
  if (query === '3.1' || query === '3.1.0') return '3.1';
  return undefined;
}
