// What a claim check is, and how a claimed value is read: the annotation, else the Capabilities vocabulary's default.
import { expect } from 'chai';
import type { Express } from 'express';
import type { AnnotationValue, EntitySet, ServiceModel } from '../../src/model/service-model';
import { readSharedOdataFile } from '../support/shared-odata-dir';

export type ClaimTarget = 'EntityContainer' | 'EntitySet';

/** A gateway whose entity set holds the two fixture events, Alice's and Bob's (see claim-fixture.ts). */
export interface ClaimContext {
  readonly app: Express;
  /** The model the gateway was built from. */
  readonly model: ServiceModel;
  readonly entitySet: EntitySet;
  readonly alice: string;
  readonly bob: string;
  /** Present on the gateway with the real bearer policy (claims marked `guarded`). */
  readonly guarded?: {
    /** A signed token of the local identity provider for these claims. */
    sign(claims: import('jose').JWTPayload): Promise<string>;
    /** A new entity in the set, its key. */
    fresh(): Promise<string>;
  };
}

export interface ClaimCheck {
  readonly title: string;
  /** Rejects when the service does not behave as claimed. */
  readonly run: (context: ClaimContext) => Promise<unknown>;
}

/** One annotation term and the behaviour each value of it promises. */
export interface Claim {
  /** Namespace-qualified, e.g. `Org.OData.Capabilities.V1.TopSupported`. */
  readonly term: string;
  readonly target: ClaimTarget;
  /** Record members the checks read, nested ones as paths (`Permissions/Scopes/Scope`); any other member has no check. */
  readonly members?: readonly string[];
  /** Members that are descriptions for people (no behaviour to check). */
  readonly prose?: readonly string[];
  /** The checks create or change entities, so they get a gateway of their own. */
  readonly writes?: boolean;
  /** The checks send real tokens, so they run on a gateway with the bearer policy (and may write). */
  readonly guarded?: boolean;
  /** The checks for the claimed value (undefined: the term is not applied). */
  checks(value: AnnotationValue | undefined): ClaimCheck[];
}

export const CAPABILITIES = 'Org.OData.Capabilities.V1';
export const capability = (name: string) => `${CAPABILITIES}.${name}`;

type Definition = Readonly<Record<string, unknown>>;
/** Where the term definitions come from: the OASIS vocabulary in ../shared/odata (suites check it is there first). */
export const CAPABILITIES_VOCABULARY = 'vocabularies/Org.OData.Capabilities.V1.json';
let definitions: Record<string, Definition> | undefined;

/** A term or type of the Capabilities vocabulary by its simple name, the file read on first use. */
function definition(name: string): Definition | undefined {
  definitions ??= JSON.parse(readSharedOdataFile(CAPABILITIES_VOCABULARY))[CAPABILITIES] as Record<string, Definition>;
  return definitions[name];
}

/** The annotation as the model read it, on the container or on the entity set. */
export function annotationOf(model: ServiceModel, claim: Pick<Claim, 'term' | 'target'>): AnnotationValue | undefined {
  const annotations = claim.target === 'EntityContainer' ? model.containerAnnotations : model.entitySets[0].annotations;
  return annotations[claim.term];
}

const simpleName = (qualified: string) => qualified.slice(qualified.lastIndexOf('.') + 1);

/** A Core.Tag term's value: applied without a value or not applied, it takes the term's $DefaultValue. */
export function tagOf(term: string, value: AnnotationValue | undefined): boolean {
  return typeof value === 'boolean' ? value : definition(simpleName(term))?.$DefaultValue === true;
}

/** A member of a record-valued term: the annotated value, else the $DefaultValue its complex type declares. */
export function memberOf(term: string, value: AnnotationValue | undefined, member: string): AnnotationValue | undefined {
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  if (member in record) return record[member];
  let type: Definition | undefined = definition(simpleName(String(definition(simpleName(term))?.$Type)));
  while (type) {
    const property = type[member] as Definition | undefined;
    if (property) return property.$DefaultValue as AnnotationValue | undefined;
    type = typeof type.$BaseType === 'string' ? definition(simpleName(type.$BaseType)) : undefined;
  }
  throw new Error(`${member} is not a member of the type of ${term}`);
}

export function pathsOf(value: AnnotationValue | undefined): string[] {
  return Array.isArray(value) ? value.map((item) => String((item as { $PropertyPath?: string }).$PropertyPath)) : [];
}

export function check(title: string, run: (context: ClaimContext) => Promise<unknown>): ClaimCheck {
  return { title, run };
}

/** A refusal: 4xx or 501 (OData 4.01 Part 1, 9.3.1), never a 2xx that pretends, never any other 5xx. */
export function expectRefused(status: number, what: string): void {
  expect(status === 501 || (status >= 400 && status < 500), `${what} answered ${status}`).to.equal(true);
}
