// readCsdl refuses a CSDL file the service cannot serve truthfully, with a CsdlError naming the file, element and reason.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsdlError } from '../../src/model/csdl-error';
import { readCsdl } from '../../src/model/read-csdl';
import { replaceOnce, shippedCsdlXml } from './csdl-variants';

interface Refusal {
  readonly what: string;
  readonly edit: readonly [search: string, replacement: string];
  readonly element: string;
  readonly reason: string | RegExp;
}

const COMPUTED = '<Annotation Term="Core.Computed" Bool="true"/>';
const CONTAINER = '<EntityContainer Name="GraphService">';
const USER_NAME = '<Property Name="userName" Type="Edm.String"/>';
const EVENT = "EntityType 'privilegedOperationEvent'";
const SET = "EntitySet 'privilegedOperationEvents'";
const READ_ALL = '<PropertyValue Property="Scope" String="PrivilegedOperationEvent.Read.All"/>';
/** How a Scope record of a permission (not of the scheme) ends in the shipped file. */
const PERMISSION_END = '\n                        </Record>';
const ID_ANNOTATION = (term: string) => `EntityType 'entity', Property 'id', Annotation '${term}'`;
const NOT_REFERENCED = (term: string) => `term '${term}' is not in a vocabulary named by an edmx:Reference`;

const refusals: readonly Refusal[] = [
  {
    what: 'XML that is not well-formed', edit: ['</edmx:Edmx>', ''],
    element: 'document', reason: /^not well-formed XML \(line \d+, column \d+\): /,
  },
  {
    what: 'a Version other than 4.0 and 4.01', edit: ['Version="4.0"', 'Version="3.0"'],
    element: 'edmx:Edmx', reason: "Version '3.0' is not 4.0 or 4.01",
  },
  {
    what: 'the OData v2 type Edm.DateTime',
    edit: ['Name="expirationDateTime" Type="Edm.DateTimeOffset"', 'Name="expirationDateTime" Type="Edm.DateTime"'],
    element: `${EVENT}, Property 'expirationDateTime'`, reason: "type 'Edm.DateTime' is not supported",
  },
  {
    what: 'a DateTimeOffset Precision finer than the 12 digits OData allows',
    edit: ['Name="expirationDateTime" Type="Edm.DateTimeOffset" Precision="7"', 'Name="expirationDateTime" Type="Edm.DateTimeOffset" Precision="13"'],
    element: `${EVENT}, Property 'expirationDateTime'`, reason: 'Precision 13 exceeds 12, the most fractional second digits OData allows',
  },
  {
    what: 'the type Edm.Stream', edit: [USER_NAME, '<Property Name="userName" Type="Edm.Stream"/>'],
    element: `${EVENT}, Property 'userName'`, reason: "type 'Edm.Stream' is not supported",
  },
  {
    what: 'an entity type without a key', edit: ['<Key>\n          <PropertyRef Name="id"/>\n        </Key>', ''],
    element: EVENT, reason: 'has no key',
  },
  {
    what: 'a key PropertyRef to a missing property', edit: ['<PropertyRef Name="id"/>', '<PropertyRef Name="identifier"/>'],
    element: "EntityType 'entity'", reason: "key PropertyRef 'identifier' names no property",
  },
  {
    what: 'an entity set of an undeclared entity type',
    edit: ['EntityType="microsoft.graph.privilegedOperationEvent"', 'EntityType="graph.auditEvent"'],
    element: "EntitySet 'privilegedOperationEvents'", reason: "EntityType 'graph.auditEvent' is not declared",
  },
  {
    what: 'an annotation term from an unreferenced vocabulary',
    edit: [COMPUTED, `${COMPUTED}<Annotation Term="Validation.Pattern" String="^\\S+$"/>`],
    element: ID_ANNOTATION('Validation.Pattern'), reason: NOT_REFERENCED('Validation.Pattern'),
  },
  {
    what: "an annotation term in the schema's own namespace, which declares no terms",
    edit: [COMPUTED, '<Annotation Term="graph.Computed" Bool="true"/>'],
    element: ID_ANNOTATION('graph.Computed'), reason: NOT_REFERENCED('graph.Computed'),
  },
  {
    what: 'a term applied twice to one element', edit: [COMPUTED, `${COMPUTED}${COMPUTED}`],
    element: ID_ANNOTATION('Core.Computed'), reason: 'is applied twice',
  },
  {
    what: 'an annotation value expression the service does not read',
    edit: [COMPUTED, '<Annotation Term="Core.Description" Date="2017-06-25"/>'],
    element: ID_ANNOTATION('Core.Description'), reason: 'the expression Date="…" is not supported',
  },
  {
    what: 'a NavigationProperty', edit: [USER_NAME, `${USER_NAME}<NavigationProperty Name="role" Type="graph.entity"/>`],
    element: EVENT, reason: '<NavigationProperty> is not supported by this service',
  },
  {
    what: 'a ComplexType',
    edit: [CONTAINER, `<ComplexType Name="detail"><Property Name="note" Type="Edm.String"/></ComplexType>${CONTAINER}`],
    element: "Schema 'microsoft.graph'", reason: '<ComplexType> is not supported by this service',
  },
  {
    what: 'MaxLength="0"', edit: [USER_NAME, '<Property Name="userName" Type="Edm.String" MaxLength="0"/>'],
    element: `${EVENT}, Property 'userName'`, reason: 'MaxLength must be positive',
  },
  {
    what: 'two entity types of one name', edit: [CONTAINER, `<EntityType Name="entity" Abstract="true"/>${CONTAINER}`],
    element: "EntityType 'entity'", reason: 'is declared twice',
  },
  {
    what: 'an entity type named like the entity container',
    edit: [CONTAINER, `<EntityType Name="GraphService" BaseType="graph.entity"/>${CONTAINER}`],
    element: "Schema 'microsoft.graph'", reason: "the name 'GraphService' is declared twice",
  },
  {
    what: 'a permission naming a scheme the container does not declare',
    edit: ['<PropertyValue Property="SchemeName" String="azureAdDelegated"/>', '<PropertyValue Property="SchemeName" String="azureAdUser"/>'],
    element: `${SET}, ReadRestrictions, Permissions 2`,
    reason: "SchemeName 'azureAdUser' names no scheme of the container (declared: azureAdApplication, azureAdDelegated)",
  },
  {
    what: 'a permission scope its scheme does not declare',
    edit: ['<PropertyValue Property="Scope" String="PrivilegedOperationEvent.Read.All"/>\n                        </Record>', '<PropertyValue Property="Scope" String="PrivilegedOperationEvent.ReadAll"/>\n                        </Record>'],
    element: `${SET}, ReadRestrictions, Permissions 1, Scopes 1`,
    reason: "Scope 'PrivilegedOperationEvent.ReadAll' is not one of the Scopes scheme 'azureAdApplication' declares "
      + '(PrivilegedOperationEvent.Create, PrivilegedOperationEvent.Read.All)',
  },
  {
    what: 'RestrictedProperties, which the gateway does not enforce',
    edit: [`${READ_ALL}${PERMISSION_END}`, `${READ_ALL}`
      + `<PropertyValue Property="RestrictedProperties" String="-userMail"/>${PERMISSION_END}`],
    element: `${SET}, ReadRestrictions, Permissions 1, Scopes 1`,
    reason: 'RestrictedProperties is not supported: a scope grants the operation on every property',
  },
  {
    what: 'an Authorization type that is no OAuth 2.0 flow',
    edit: ['<Record Type="Authorization.OAuth2AuthCode">', '<Record Type="Authorization.OpenIDConnect">'],
    element: "EntityContainer 'GraphService', Annotation 'Org.OData.Authorization.V1.Authorizations', Record 2",
    reason: /^Type 'Org\.OData\.Authorization\.V1\.OpenIDConnect' is not supported: only the OAuth 2\.0 flows /,
  },
  {
    what: 'a token URL that is not https',
    edit: ['<PropertyValue Property="TokenUrl" String="https://login.microsoftonline.com/organizations/oauth2/v2.0/token"/>\n              <PropertyValue Property="Scopes">\n                <Collection>\n                  <Record>\n                    <PropertyValue Property="Scope" String="PrivilegedOperationEvent.Create"/>',
      '<PropertyValue Property="TokenUrl" String="http://login.example/token"/>\n              <PropertyValue Property="Scopes">\n                <Collection>\n                  <Record>\n                    <PropertyValue Property="Scope" String="PrivilegedOperationEvent.Create"/>'],
    element: "EntityContainer 'GraphService', Annotation 'Org.OData.Authorization.V1.Authorizations', Record 1",
    reason: "TokenUrl 'http://login.example/token' must be an https URL",
  },
  {
    what: 'ReadByKeyRestrictions, whose permissions the gateway does not read',
    edit: ['<PropertyValue Property="TypecastSegmentSupported" Bool="false"/>', '<PropertyValue Property="TypecastSegmentSupported" Bool="false"/><PropertyValue Property="ReadByKeyRestrictions"><Record/></PropertyValue>'],
    element: `${SET}, ReadRestrictions`,
    reason: 'ReadByKeyRestrictions is not supported: the Permissions of ReadRestrictions apply to reads by key too',
  },
];

describe('readCsdl refuses, with a CsdlError naming the file, element and reason,', () => {
  let directory: string;
  before(() => { directory = mkdtempSync(join(tmpdir(), 'csdl-refusals-')); });
  after(() => rmSync(directory, { recursive: true, force: true }));

  function refusalOf(file: string): CsdlError {
    try {
      readCsdl(file);
    } catch (error) {
      if (error instanceof CsdlError) return error;
      throw error;
    }
    throw new Error(`readCsdl accepted ${file}`);
  }

  function expectRefusal(error: CsdlError, file: string, element: string, reason: string | RegExp): void {
    expect({ file: error.file, element: error.element }).to.deep.equal({ file, element });
    if (typeof reason === 'string') expect(error.reason).to.equal(reason);
    else expect(error.reason).to.match(reason);
    expect(error.message).to.equal(`${file}: ${element}: ${error.reason}`);
  }

  refusals.forEach(({ what, edit, element, reason }, index) => {
    it(what, () => {
      const file = join(directory, `refused-${index}.xml`);
      writeFileSync(file, replaceOnce(shippedCsdlXml(), ...edit));
      expectRefusal(refusalOf(file), file, element, reason);
    });
  });

  it('a missing file', () => {
    const file = join(directory, 'missing.xml');
    expectRefusal(refusalOf(file), file, 'file', 'cannot be read (ENOENT)');
  });
});
