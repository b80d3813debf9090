// Validates CSDL documents against the OASIS schemas: CSDL 4.01 XSDs and JSON schema from the OASIS odata-csdl package,
// the CSDL 4.0 XSDs from ../shared/odata when it is there. XML with xmllint-wasm, JSON with Ajv.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hasSharedOdataFile, readSharedOdataFile } from './shared-odata-dir';

export { checkVocabularyUsage } from './vocabulary-usage';

export type CsdlXsdVersion = '4.01' | '4.0';

const EDM_NAMESPACE = 'http://docs.oasis-open.org/odata/ns/edm';
const EDMX_NAMESPACE = 'http://docs.oasis-open.org/odata/ns/edmx';

// csdl-4.0/edmx.xsd imports the edm namespace without a schemaLocation, so a wrapper imports edm.xsd first, then
// edmx.xsd. xmllint-wasm runs in an in-memory file system, so the wrapper is one of the files handed to it.
const WRAPPER_4_0 = `<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="${EDM_NAMESPACE}" schemaLocation="edm.xsd"/>
  <xs:import namespace="${EDMX_NAMESPACE}" schemaLocation="edmx.xsd"/>
</xs:schema>
`;

/** The schemas of OASIS TC OData's odata-csdl package (edm.xsd, edmx.xsd, csdl.schema.json of CSDL 4.01). */
const ODATA_CSDL_SCHEMAS = join(dirname(require.resolve('odata-csdl/package.json')), 'schemas');

function readSchema(version: CsdlXsdVersion, name: string): string {
  return version === '4.01' ? readFileSync(join(ODATA_CSDL_SCHEMAS, name), 'utf8') : readSharedOdataFile(`csdl-${version}/${name}`);
}

/** 4.01 always; 4.0 when ../shared/odata holds its XSDs (no npm package ships them). */
export function availableXsdVersions(): CsdlXsdVersion[] {
  return hasSharedOdataFile('csdl-4.0/edm.xsd') ? ['4.01', '4.0'] : ['4.01'];
}

function file(fileName: string, contents: string): XMLFileInfo {
  return { fileName, contents };
}

/** The main schema first, then the files it imports, by the names its imports use. */
function xsdFiles(version: CsdlXsdVersion): { schema: XMLFileInfo; preload: XMLFileInfo[] } {
  const edm = file('edm.xsd', readSchema(version, 'edm.xsd'));
  const edmx = file('edmx.xsd', readSchema(version, 'edmx.xsd'));
  return version === '4.01'
    ? { schema: edmx, preload: [edm] }
    : { schema: file('csdl-4.0-wrapper.xsd', WRAPPER_4_0), preload: [edm, edmx] };
}

/** Every XSD error, each prefixed with the schema version; empty when the document is valid against all of them. */
export async function validateCsdlXml(
  xml: string, versions: readonly CsdlXsdVersion[] = availableXsdVersions(),
): Promise<string[]> {
  const errors: string[] = [];
  for (const version of versions) {
    const { schema, preload } = xsdFiles(version);
    const result = await validateXML({ xml: [file('metadata.xml', xml)], schema, preload });
    errors.push(...result.errors.map((error) => `CSDL ${version} XSD: ${error.rawMessage}`));
  }
  return errors;
}

let validateJson: ValidateFunction | undefined;

/** The OASIS CSDL JSON schema is draft-07 (Ajv's default class); its identifier patterns use \p{…}, which needs
 * Unicode regular expressions (Ajv's default unicodeRegExp). It has no "format" keywords, so no ajv-formats. */
function csdlJsonValidator(): ValidateFunction {
  if (!validateJson) {
    const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: true });
    validateJson = ajv.compile(JSON.parse(readFileSync(join(ODATA_CSDL_SCHEMAS, 'csdl.schema.json'), 'utf8')) as object);
  }
  return validateJson;
}

function toMessage(error: ErrorObject): string {
  const extra = error.keyword === 'additionalProperties' ? ` '${String(error.params.additionalProperty)}'` : '';
  return `${error.instancePath || '(document)'} ${error.message ?? error.keyword}${extra}`;
}

/** Every JSON Schema error as `instancePath message`; empty when the document is valid. */
export function validateCsdlJson(doc: object): string[] {
  const validate = csdlJsonValidator();
  return validate(doc) ? [] : (validate.errors ?? []).map(toMessage);
}
