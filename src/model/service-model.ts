// The typed model read from the CSDL file: the one description every projection is derived from.

/** A CSDL JSON annotation value (OData CSDL JSON 4.01, section 14.3). */
export type AnnotationValue =
  | string
  | number
  | boolean
  | null
  | AnnotationValue[]
  | { [member: string]: AnnotationValue };

/** Annotations keyed by the namespace-qualified term name, e.g. `Org.OData.Core.V1.Computed`. */
export type Annotations = Readonly<Record<string, AnnotationValue>>;

export interface EdmProperty {
  readonly name: string;
  /** Qualified primitive type name, e.g. `Edm.String`. */
  readonly type: string;
  readonly nullable: boolean;
  readonly maxLength?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** `Core.Computed`: the service sets the value; a client value is ignored. */
  readonly computed: boolean;
  /** `Core.ComputedDefaultValue`: the client may set it; the service fills it when absent. */
  readonly computedDefaultValue: boolean;
  /** The entity type that declares the property (a base type for inherited ones). */
  readonly declaredBy: string;
  readonly annotations: Annotations;
}

export interface EntityType {
  readonly name: string;
  readonly namespace: string;
  /** `namespace.name` */
  readonly qualifiedName: string;
  readonly abstract: boolean;
  readonly baseType?: string;
  /** Key property names, inherited keys included. */
  readonly key: readonly string[];
  /** Declared and inherited properties, base type first, in document order. */
  readonly properties: readonly EdmProperty[];
  readonly annotations: Annotations;
}

/** What the Capabilities annotations on an entity set allow (defaults per the vocabulary). */
export interface EntitySetCapabilities {
  readonly insertable: boolean;
  readonly nonInsertableProperties: readonly string[];
  readonly updatable: boolean;
  readonly deletable: boolean;
  readonly readable: boolean;
}

/** One column of a declared index: a property of the entity type and its order. */
export interface IndexColumn {
  readonly property: string;
  readonly descending: boolean;
}

/** An index the entity set's table should have (`Gateway.Storage.V1.Indexes`), as declared: the key not appended. */
export interface EntitySetIndex {
  readonly columns: readonly IndexColumn[];
}

/** The four data operations each restriction term speaks of: Read, Insert, Update, DeleteRestrictions. */
export type DataOperation = 'read' | 'create' | 'update' | 'delete';
export const DATA_OPERATIONS: readonly DataOperation[] = ['read', 'create', 'update', 'delete'];

/** Whose permissions a scheme's scopes are: app roles of app-only tokens, or delegated scopes of a signed-in user. */
export type SchemeKind = 'application' | 'delegated';

/** One `Authorization.Authorizations` entry of the container: an OAuth 2.0 flow against Azure AD. */
export interface AuthorizationScheme {
  readonly name: string;
  /** The record's type, e.g. `OAuth2ClientCredentials`. */
  readonly flow: string;
  readonly kind: SchemeKind;
  /** The scopes (app roles for client credentials) the scheme declares. */
  readonly scopes: readonly string[];
}

/** A directory role a delegated scope requires (`Gateway.Authorization.V1.RequiredDirectoryRoles`). */
export interface DirectoryRole {
  /** Lower-case role template id, as Azure AD's `wids` claim carries it. */
  readonly roleTemplateId: string;
  readonly displayName: string;
}

/** One `Capabilities.ScopeType` record of a permission. */
export interface PermissionScope {
  readonly scope: string;
  /** The user must hold one of these; empty: no directory role needed. */
  readonly directoryRoles: readonly DirectoryRole[];
  /** `Gateway.Authorization.V1.ConfiguredApplicationsOnly`: only the configured application ids may use it. */
  readonly configuredApplicationsOnly: boolean;
}

/** One `Capabilities.PermissionType` record: a scheme and the scopes any one of which grants the operation. */
export interface Permission {
  readonly scheme: AuthorizationScheme;
  readonly scopes: readonly PermissionScope[];
}

export interface EntitySet {
  readonly name: string;
  readonly entityType: EntityType;
  readonly capabilities: EntitySetCapabilities;
  /** The Permissions of each restriction term; an operation without any is refused to every caller. */
  readonly permissions?: Readonly<Record<DataOperation, readonly Permission[]>>;
  readonly annotations: Annotations;
  /** Declared indexes (optional so that hand-made models need not list them). */
  readonly indexes?: readonly EntitySetIndex[];
  /** `Capabilities.ChangeTracking` Supported with a bound `delta` function: delta query (src/delta). */
  readonly changeTracking?: ChangeTracking;
}

/** What delta query on an entity set allows, from its ChangeTracking annotation and its bound delta function. */
export interface ChangeTracking {
  /** FilterableProperties: the only properties `$filter` may name in a delta request. */
  readonly filterableProperties: readonly string[];
  /** The bound function's namespace-qualified name, e.g. `microsoft.graph.delta`. */
  readonly functionName: string;
}

/** A bound function of the schema (CSDL 4.01, 12.2); the service implements `delta` only. */
export interface BoundFunction {
  readonly name: string;
  /** `namespace.name` */
  readonly qualifiedName: string;
  /** The binding parameter: its name and its type, a collection of this entity type. */
  readonly bindingParameter: { readonly name: string; readonly entityType: string };
  /** Namespace-qualified entity type of the returned collection. */
  readonly returnType: string;
}

export interface VocabularyReference {
  readonly uri: string;
  readonly namespace: string;
  readonly alias?: string;
}

export interface ServiceModel {
  /** Absolute path of the CSDL file the model was read from. */
  readonly file: string;
  /** The file's own bytes, served as the `$metadata` XML document. */
  readonly xml: string;
  readonly version: string;
  readonly references: readonly VocabularyReference[];
  readonly schemaNamespace: string;
  readonly schemaAlias?: string;
  /** Annotations on the Schema element itself (optional so that hand-made models need not list them). */
  readonly schemaAnnotations?: Annotations;
  readonly entityTypes: readonly EntityType[];
  /** Bound functions (optional so that hand-made models need not list them). */
  readonly functions?: readonly BoundFunction[];
  readonly containerName: string;
  readonly containerAnnotations: Annotations;
  /** The container's `Authorization.Authorizations` (optional so that hand-made models need not list them). */
  readonly authorizations?: readonly AuthorizationScheme[];
  readonly entitySets: readonly EntitySet[];
}

export const CORE = 'Org.OData.Core.V1';
export const CAPABILITIES = 'Org.OData.Capabilities.V1';
/** The gateway's own vocabulary, metadata/vocabularies/Gateway.Storage.V1.xml. */
export const STORAGE = 'Gateway.Storage.V1';
export const AUTHORIZATION = 'Org.OData.Authorization.V1';
/** The gateway's authorization vocabulary, metadata/vocabularies/Gateway.Authorization.V1.xml. */
export const GATEWAY_AUTHORIZATION = 'Gateway.Authorization.V1';

export function findEntitySet(model: ServiceModel, name: string): EntitySet | undefined {
  return model.entitySets.find((set) => set.name === name);
}

export function findProperty(type: EntityType, name: string): EdmProperty | undefined {
  return type.properties.find((property) => property.name === name);
}
