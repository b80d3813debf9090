// The shipped CSDL file, and variants of its text for tests that need a changed CSDL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsdl, readCsdlText } from '../../src/model/read-csdl';
import type { ServiceModel } from '../../src/model/service-model';
import { REPO_ROOT } from '../support/shared-odata-dir';

export const SHIPPED_CSDL_FILE = join(REPO_ROOT, 'metadata', 'graph-beta.xml');

export function shippedCsdlXml(): string {
  return readFileSync(SHIPPED_CSDL_FILE, 'utf8');
}

export function readShippedModel(): ServiceModel {
  return readCsdl(SHIPPED_CSDL_FILE);
}

/** Replaces text that occurs exactly once, so that a variant can never silently equal the shipped file. */
export function replaceOnce(xml: string, search: string, replacement: string): string {
  const count = xml.split(search).length - 1;
  if (count !== 1) throw new Error(`expected '${search}' once in the CSDL text, found it ${count} times`);
  return xml.replace(search, () => replacement);
}

/** A model read from a variant of the shipped file's text. */
export function readVariantModel(...replacements: readonly (readonly [string, string])[]): ServiceModel {
  const xml = replacements.reduce((text, [search, replacement]) => replaceOnce(text, search, replacement), shippedCsdlXml());
  return readCsdlText(xml, join(REPO_ROOT, 'metadata', 'variant.xml'));
}

const DELTA_FUNCTION = `
      <!-- Graph's delta query: the entities of the set, then only what was created since the deltaLink was issued. -->
      <Function Name="delta" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(microsoft.graph.privilegedOperationEvent)" Nullable="false"/>
        <ReturnType Type="Collection(microsoft.graph.privilegedOperationEvent)" Nullable="false"/>
      </Function>`;
const TRACKED = '<PropertyValue Property="Supported" Bool="true"/>\n              <PropertyValue Property="FilterableProperties">';

/** Replacements (for readVariantModel) that turn delta query off: ChangeTracking Supported=false, no bound delta function. */
export const NO_CHANGE_TRACKING: readonly (readonly [string, string])[] = [
  [DELTA_FUNCTION, ''], [TRACKED, TRACKED.replace('true', 'false')],
];

/** The shipped CSDL text without delta query. */
export function withoutChangeTracking(xml: string): string {
  return NO_CHANGE_TRACKING.reduce((text, [search, replacement]) => replaceOnce(text, search, replacement), xml);
}
