// Vocabularies referenced by a relative Uri: read beside the CSDL at start-up, refused when missing or outside.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS } from '../../src/config/gateway-config';
import { CsdlError } from '../../src/model/csdl-error';
import { readCsdl, readCsdlText } from '../../src/model/read-csdl';
import { readVocabularyDocuments } from '../../src/odata/vocabulary-documents';

const SHIPPED = readFileSync(DEFAULTS.CSDL_FILE, 'utf8');
const withUri = (uri: string) => readCsdlText(SHIPPED.replace('Uri="vocabularies/Gateway.Storage.V1.xml"', `Uri="${uri}"`), DEFAULTS.CSDL_FILE);

describe('readVocabularyDocuments', () => {
  it("reads the shipped project's vocabularies and skips absolute references", () => {
    const documents = readVocabularyDocuments(readCsdl(DEFAULTS.CSDL_FILE));
    const names = ['Gateway.Authorization.V1.xml', 'Gateway.Storage.V1.xml'];
    expect([...documents.keys()]).to.deep.equal(names.map((name) => `vocabularies/${name}`));
    for (const name of names) {
      expect(documents.get(`vocabularies/${name}`)).to.equal(readFileSync(join(DEFAULTS.CSDL_FILE, '..', 'vocabularies', name), 'utf8'));
    }
  });

  it('refuses a relative Uri that names no file, naming the reference', () => {
    expect(() => readVocabularyDocuments(withUri('vocabularies/Missing.xml'))).to.throw(CsdlError, "edmx:Reference 'vocabularies/Missing.xml': names no readable file");
  });

  it('refuses a relative Uri that climbs out of the CSDL folder', () => {
    expect(() => readVocabularyDocuments(withUri('../package.json'))).to.throw(CsdlError, 'must stay below the CSDL file');
  });
});
