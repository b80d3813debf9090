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

/**
 * The shipped CSDL text with PATCH and DELETE allowed and ETags declared (Core.OptimisticConcurrency over every
 * property); without delta query, which does not report deletes (src/delta/README.md).
 */
export function updatableWithEntityTags(xml: string): string {
  return [
    ['<PropertyValue Property="Updatable" Bool="false"/>', '<PropertyValue Property="Updatable" Bool="true"/>'],
    ['<PropertyValue Property="Deletable" Bool="false"/>', '<PropertyValue Property="Deletable" Bool="true"/>'],
    ['<EntitySet Name="privilegedOperationEvents" EntityType="microsoft.graph.privilegedOperationEvent">',
      '<EntitySet Name="privilegedOperationEvents" EntityType="microsoft.graph.privilegedOperationEvent">\n'
      + '          <Annotation Term="Core.OptimisticConcurrency"><Collection/></Annotation>'],
  ].reduce((text, [search, replacement]) => replaceOnce(text, search, replacement), withoutChangeTracking(xml));
}

/** The XML text of the first element that starts with `opening` after `after`, up to its matching end tag. */
export function elementText(xml: string, after: string, opening: string): string {
  const start = xml.indexOf(opening, xml.indexOf(after));
  if (xml.indexOf(after) < 0 || start < 0) throw new Error(`no ${opening} after ${after} in the CSDL text`);
  const name = /^<([\w:.]+)/.exec(opening)![1];
  const tags = new RegExp(`<(/?)${name.replace('.', '\\.')}\\b[^>]*?(/?)>`, 'g');
  tags.lastIndex = start;
  let depth = 0;
  for (let match = tags.exec(xml); match; match = tags.exec(xml)) {
    if (match[2] === '/') { if (depth === 0) return xml.slice(start, tags.lastIndex); continue; }
    depth += match[1] === '/' ? -1 : 1;
    if (depth === 0) return xml.slice(start, tags.lastIndex);
  }
  throw new Error(`${opening} is not closed`);
}

/** The Permissions member of a restriction term of the shipped entity set, e.g. `InsertRestrictions`. */
export function shippedPermissions(restriction: string): string {
  return elementText(shippedCsdlXml(), `<Annotation Term="Capabilities.${restriction}">`, '<PropertyValue Property="Permissions">');
}

/** The shipped CSDL text with a deletable (still change-tracked) set: delta rounds then carry `@removed` tombstones. */
export function withDeletableSet(xml: string): string {
  return replaceOnce(xml, '<PropertyValue Property="Deletable" Bool="false"/>', '<PropertyValue Property="Deletable" Bool="true"/>');
}

/**
 * The shipped CSDL text with a set that may be updated and deleted, by the callers that may create (the Insert Permissions):
 * change tracking then reports creates, updates and deletes alike.
 */
export function withWritableSet(xml: string): string {
  const permissions = shippedPermissions('InsertRestrictions');
  const updatable = replaceOnce(xml, '<PropertyValue Property="Updatable" Bool="false"/>', `<PropertyValue Property="Updatable" Bool="true"/>\n${permissions}`);
  return replaceOnce(updatable, '<PropertyValue Property="Deletable" Bool="false"/>', `<PropertyValue Property="Deletable" Bool="true"/>\n${permissions}`);
}
