// metadata/vocabularies (Gateway.Storage.V1, Gateway.Authorization.V1): valid in both forms, the JSON form saying what the XML form says.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attribute, children, parseXml, type XmlElement } from '../../src/model/xml-element';
import { validateCsdlJson, validateCsdlXml } from '../support/csdl-validation';
import { REPO_ROOT } from '../support/shared-odata-dir';
import { shippedCsdlXml } from './csdl-variants';

const FOLDER = join(REPO_ROOT, 'metadata', 'vocabularies');

/** Each of the project's own vocabularies, with a term it must declare. */
const VOCABULARIES = [['Gateway.Storage.V1', 'Indexes'], ['Gateway.Authorization.V1', 'RequiredDirectoryRoles']] as const;

for (const [namespace, someTerm] of VOCABULARIES) describe(`the ${namespace} vocabulary`, () => {
const xml = readFileSync(join(FOLDER, `${namespace}.xml`), 'utf8');
const json = JSON.parse(readFileSync(join(FOLDER, `${namespace}.json`), 'utf8')) as Record<string, Record<string, unknown>>;

type Declarations = Record<string, unknown>;

/** What each Term and ComplexType property of the XML declares, in CSDL JSON terms (CSDL JSON 4.01, 12 and 6). */
function declarationsOfXml(): Declarations {
  const schema = children(children(children(parseXml(xml) as XmlElement, 'edmx:Edmx')[0], 'edmx:DataServices')[0], 'Schema')[0];
  const typeOf = (element: XmlElement) => {
    const type = attribute(element, 'Type') ?? 'Edm.String';
    const collection = /^Collection\((.+)\)$/.exec(type);
    return { $Type: collection ? collection[1] : type, $Collection: collection !== null };
  };
  const declared: Declarations = {};
  for (const term of children(schema, 'Term')) {
    const defaultValue = attribute(term, 'DefaultValue');
    declared[attribute(term, 'Name') ?? ''] = {
      ...typeOf(term), $AppliesTo: (attribute(term, 'AppliesTo') ?? '').split(' '),
      ...(defaultValue === undefined ? {} : { $DefaultValue: JSON.parse(defaultValue) }),
    };
  }
  for (const type of children(schema, 'ComplexType')) {
    for (const property of children(type, 'Property')) declared[`${attribute(type, 'Name')}/${attribute(property, 'Name')}`] = typeOf(property);
  }
  return declared;
}

function declarationsOfJson(): Declarations {
  const schema = json[namespace] as Record<string, Record<string, unknown>>;
  const declared: Declarations = {};
  for (const [name, element] of Object.entries(schema)) {
    if (element.$Kind === 'Term') {
      declared[name] = {
        $Type: element.$Type, $Collection: element.$Collection === true, $AppliesTo: element.$AppliesTo,
        ...(element.$DefaultValue === undefined ? {} : { $DefaultValue: element.$DefaultValue }),
      };
    }
    if (element.$Kind !== 'ComplexType') continue;
    for (const [member, property] of Object.entries(element)) {
      if (member.startsWith('$') || member.startsWith('@')) continue;
      const { $Type, $Collection } = property as Record<string, unknown>;
      declared[`${name}/${member}`] = { $Type: $Type ?? 'Edm.String', $Collection: $Collection === true };
    }
  }
  return declared;
}

  it('is valid against the CSDL 4.0 and 4.01 XML schemas', async () => {
    expect(await validateCsdlXml(xml)).to.deep.equal([]);
  });

  it('is valid against the CSDL JSON schema in its JSON form', () => {
    expect(validateCsdlJson(json)).to.deep.equal([]);
  });

  it('declares the same terms and types in both forms', () => {
    expect(declarationsOfJson()).to.deep.equal(declarationsOfXml()).and.to.have.property(someTerm);
  });

  it('is referenced by metadata/graph-beta.xml by a URI relative to the $metadata document', () => {
    expect(shippedCsdlXml()).to.include(`<edmx:Reference Uri="vocabularies/${namespace}.xml">`);
  });
});
