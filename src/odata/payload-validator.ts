// Checks a request body against the entity type, derived from the model at start-up; reports every problem at once.
import { randomUUID } from 'node:crypto';
import { BadRequestError, type GraphErrorDetail } from '../errors/graph-error';
import { primitiveType, type EdmPrimitiveType } from '../model/edm-primitive-types';
import type { EdmProperty, EntitySet } from '../model/service-model';

export type StoredValues = Record<string, unknown>;

export interface PayloadValidator {
  /** The values to insert (stored forms), computed values filled in; throws BadRequestError listing every problem. */
  forCreate(body: unknown): StoredValues;
  /** The values a PATCH changes (stored forms): only the properties sent, computed ones ignored. */
  forUpdate(body: unknown): StoredValues;
}

interface PreparedProperty {
  readonly property: EdmProperty;
  readonly type: EdmPrimitiveType;
  /** Core.Computed or not insertable: a client value is ignored on create (NonInsertableProperties do not limit PATCH). */
  readonly ignored: boolean;
  /** The service's value when the client sends none (computed key, ComputedDefaultValue). */
  readonly serviceValue?: () => unknown;
}

export function createPayloadValidator(entitySet: EntitySet): PayloadValidator {
  const entityType = entitySet.entityType;
  const prepared = new Map(entityType.properties.map((property) => {
    const type = primitiveType(property.type);
    const ignored = property.computed || entitySet.capabilities.nonInsertableProperties.includes(property.name);
    return [property.name, { property, type, ignored, serviceValue: serviceValueOf(property, entityType.key, type) }];
  }));
  // PATCH: computed properties are ignored (not even listed), NonInsertableProperties do not apply.
  const updatable = [...prepared.values()].filter((entry) => !entry.property.computed).map((entry) => ({ ...entry, ignored: false }));
  const check = (body: unknown, entries: (fields: Record<string, unknown>) => Iterable<PreparedProperty>): StoredValues => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new BadRequestError(`The request body must be one JSON object (a ${entityType.name}).`);
    }
    const fields = body as Record<string, unknown>;
    const details: GraphErrorDetail[] = [];
    for (const name of Object.keys(fields)) {
      if (!prepared.has(name) && !isAnnotation(name)) {
        details.push({ code: 'unknownProperty', target: name, message: `'${name}' is not a property of ${entityType.name}.` });
      }
    }
    const values: StoredValues = {};
    for (const entry of entries(fields)) {
      const problem = checkProperty(entry, fields[entry.property.name], values);
      if (problem) details.push(problem);
    }
    if (details.length > 0) throw invalidPayload(details);
    return values;
  };
  return {
    forCreate: (body) => check(body, () => prepared.values()),
    // OData 4.01 Part 1, 11.4.3: properties absent from a PATCH keep their values; computed ones cannot be changed.
    forUpdate: (body) => check(body, (fields) => updatable.filter((entry) => entry.property.name in fields)),
  };
}

function checkProperty(entry: PreparedProperty, value: unknown, values: StoredValues): GraphErrorDetail | undefined {
  const { property, type } = entry;
  if (entry.ignored || value === undefined || (value === null && entry.serviceValue)) {
    // OData CSDL Core.Computed: a value the client sends for a computed property is ignored.
    values[property.name] = entry.serviceValue ? entry.serviceValue() : null;
    return undefined;
  }
  if (value === null) {
    if (property.nullable) {
      values[property.name] = null;
      return undefined;
    }
    return { code: 'invalidValue', target: property.name, message: `'${property.name}' must not be null.` };
  }
  const checked = type.check(value, property);
  if (!checked.ok) return { code: 'invalidValue', target: property.name, message: `'${property.name}' ${checked.reason}.` };
  values[property.name] = checked.stored;
  return undefined;
}

function invalidPayload(details: readonly GraphErrorDetail[]): BadRequestError {
  const message = details.length === 1 ? details[0].message : `The request body has ${details.length} problems; see details.`;
  return new BadRequestError(message, { target: details.length === 1 ? details[0].target : undefined, details });
}

/** Instance annotations (`@odata.type`, `prop@odata.type`) carry control information, not values. */
function isAnnotation(name: string): boolean {
  return name.includes('@');
}

function serviceValueOf(property: EdmProperty, key: readonly string[], type: EdmPrimitiveType): (() => unknown) | undefined {
  if (key.includes(property.name) && property.computed) {
    // Unique across processes and hosts without coordination: a random (version 4) UUID.
    return () => randomUUID();
  }
  if (property.computedDefaultValue || (property.computed && !property.nullable)) {
    if (property.type !== 'Edm.DateTimeOffset') {
      throw new Error(`property '${property.name}': the service has no default value for ${property.type}`);
    }
    const precision = Math.min(property.precision ?? 0, 3);
    return () => {
      // The clock has millisecond resolution; keep no more digits than the property's Precision allows.
      const now = new Date().toISOString();
      const checked = type.check(`${now.slice(0, precision === 0 ? 19 : 20 + precision)}Z`, property);
      if (!checked.ok) throw new Error(`current time rejected: ${checked.reason}`);
      return checked.stored;
    };
  }
  return undefined;
}
