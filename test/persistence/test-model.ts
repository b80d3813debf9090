// The model the store tests use (metadata/graph-beta.xml) and variants of it made by editing the CSDL text.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { primitiveType } from '../../src/model/edm-primitive-types';
import { readCsdlText } from '../../src/model/read-csdl';
import { findEntitySet, findProperty, type EntitySet, type ServiceModel } from '../../src/model/service-model';

/** Compiled tests run from dist-test/test/persistence. */
const GRAPH_BETA_FILE = resolve(__dirname, '../../../metadata/graph-beta.xml');
const USER_MAIL = '<Property Name="userMail" Type="Edm.String"/>';

/** Replaces one piece of the CSDL text; the edit must find it, so a stale edit cannot pass unnoticed. */
export type CsdlEdit = readonly [from: string | RegExp, to: string];

export const ADD_NULLABLE_TICKET_NUMBER: CsdlEdit = [USER_MAIL, `${USER_MAIL}<Property Name="ticketNumber" Type="Edm.String"/>`];
export const ADD_REQUIRED_TICKET_NUMBER: CsdlEdit = [
  USER_MAIL, `${USER_MAIL}<Property Name="ticketNumber" Type="Edm.Int32" Nullable="false"/>`,
];
export const REMOVE_USER_NAME: CsdlEdit = ['<Property Name="userName" Type="Edm.String"/>', ''];
export const ROLE_ID_AS_INT32: CsdlEdit = ['<Property Name="roleId" Type="Edm.String"/>', '<Property Name="roleId" Type="Edm.Int32"/>'];
export const REFERENCE_KEY_REQUIRED: CsdlEdit = [
  '<Property Name="referenceKey" Type="Edm.String"/>', '<Property Name="referenceKey" Type="Edm.String" Nullable="false"/>',
];
/** The key moves from the base type's `id` to the derived type's `tenantId`. */
export const KEY_ON_TENANT_ID: readonly CsdlEdit[] = [
  [/<Key>\s*<PropertyRef Name="id"\/>\s*<\/Key>/, ''],
  [
    '<EntityType Name="privilegedOperationEvent" BaseType="microsoft.graph.entity">',
    '<EntityType Name="privilegedOperationEvent" BaseType="microsoft.graph.entity"><Key><PropertyRef Name="tenantId"/></Key>',
  ],
  ['<Property Name="tenantId" Type="Edm.String"/>', '<Property Name="tenantId" Type="Edm.String" Nullable="false"/>'],
];

export function graphBetaModel(...edits: readonly CsdlEdit[]): ServiceModel {
  let xml = readFileSync(GRAPH_BETA_FILE, 'utf8');
  for (const [from, to] of edits) {
    const applies = typeof from === 'string' ? xml.includes(from) : from.test(xml);
    if (!applies) throw new Error(`test CSDL edit does not apply: ${from}`);
    xml = xml.replace(from, to);
  }
  return readCsdlText(xml, GRAPH_BETA_FILE);
}

export function privilegedOperationEvents(model: ServiceModel): EntitySet {
  const entitySet = findEntitySet(model, 'privilegedOperationEvents');
  if (!entitySet) throw new Error('the test CSDL has no privilegedOperationEvents entity set');
  return entitySet;
}

/** Converts wire JSON the way the request path will: each value through primitiveType(type).check. */
export function toStored(entitySet: EntitySet, entity: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity).map(([name, value]) => {
    const property = findProperty(entitySet.entityType, name);
    if (!property) throw new Error(`test entity has unknown property ${name}`);
    const checked = primitiveType(property.type).check(value, property);
    if (!checked.ok) throw new Error(`test entity property ${name} ${checked.reason}`);
    return [name, checked.stored];
  }));
}

/** A nullable property of every type the Edm type table supports, named `sample` + the type's simple name. */
export function addEverySupportedType(types: readonly string[]): CsdlEdit {
  const properties = types.map((type) => `<Property Name="sample${type.slice('Edm.'.length)}" Type="${type}"${
    type === 'Edm.DateTimeOffset' ? ' Precision="7"' : ''}/>`);
  return [USER_MAIL, `${USER_MAIL}${properties.join('')}`];
}
