// The control information the service puts in collection answers that the converter leaves out: `@odata.context` on
// every collection and delta page, `@odata.nextLink` while more entities match (server-driven paging, always on), and
// `@odata.deltaLink` on a delta round's last page.
import type { OpenApiJson } from './openapi-json';

const link = (description: string) => ({ type: 'string', format: 'uri', description });

export function addCollectionLinks(document: OpenApiJson, collectionPaths: readonly string[], deltaPaths: readonly string[]): void {
  const paths = (document.paths ?? {}) as Record<string, Record<string, OpenApiJson>>;
  for (const path of [...collectionPaths, ...deltaPaths]) {
    const schema = (paths[path]?.get?.responses as Record<string, OpenApiJson> | undefined)?.['200']?.content as Record<string, { schema?: OpenApiJson }> | undefined;
    const properties = schema?.['application/json']?.schema?.properties as OpenApiJson | undefined;
    if (properties === undefined) continue;
    properties['@odata.context'] = link('The context URL ($metadata#…).');
    properties['@odata.nextLink'] = link('The next page, while more entities match (its $skiptoken is opaque).');
    if (deltaPaths.includes(path)) properties['@odata.deltaLink'] = link('On the last page of a delta round: where the next round starts.');
  }
}
