// metadata/graph-beta.xml against the OASIS CSDL XML schemas (4.01 and 4.0 errata03), and the validator's own reports.
import { expect } from 'chai';
import { validateCsdlXml } from '../support/csdl-validation';
import { needSharedOdataFile } from '../support/shared-odata-dir';
import { replaceOnce, shippedCsdlXml } from './csdl-variants';

describe('CSDL XML schema validation', () => {
  const xml = shippedCsdlXml();
  const misplacedElement = () => replaceOnce(xml, '<Key>', '<Kee/><Key>');
  const keyLine = xml.split('\n').findIndex((line) => line.includes('<Key>')) + 1;
  const kee = "'\\{http://docs\\.oasis-open\\.org/odata/ns/edm\\}Kee'";

  it('finds metadata/graph-beta.xml valid against the CSDL 4.01 XSD', async () => {
    expect(await validateCsdlXml(xml, ['4.01'])).to.deep.equal([]);
  });

  it('finds metadata/graph-beta.xml valid against the CSDL 4.0 XSD', async function () {
    needSharedOdataFile(this, 'csdl-4.0/edm.xsd');
    expect(await validateCsdlXml(xml, ['4.0'])).to.deep.equal([]);
  });

  it('reports an element the CSDL 4.01 XSD does not allow, with its line', async () => {
    const errors = await validateCsdlXml(misplacedElement(), ['4.01']);
    expect(errors).to.have.lengthOf(1);
    expect(errors[0]).to.match(new RegExp(`^CSDL 4\\.01 XSD: metadata\\.xml:${keyLine}: .*${kee}`));
  });

  it('reports an element the CSDL 4.0 XSD does not allow, with its line', async function () {
    needSharedOdataFile(this, 'csdl-4.0/edm.xsd');
    const errors = await validateCsdlXml(misplacedElement(), ['4.0']);
    expect(errors).to.have.lengthOf(1);
    expect(errors[0]).to.match(new RegExp(`^CSDL 4\\.0 XSD: metadata\\.xml:${keyLine}: .*${kee}`));
  });

  it('checks both versions by default: Version="4.01" is refused only by the 4.0 XSD', async function () {
    needSharedOdataFile(this, 'csdl-4.0/edm.xsd');
    const errors = await validateCsdlXml(replaceOnce(xml, 'Version="4.0"', 'Version="4.01"'));
    expect(errors).to.have.lengthOf(1);
    expect(errors[0]).to.match(/^CSDL 4\.0 XSD: .*Version/);
  });

  it('reports a document that is not well-formed', async () => {
    const errors = await validateCsdlXml(replaceOnce(xml, '</edmx:Edmx>', ''), ['4.01']);
    expect(errors.join('\n')).to.match(/parser error/);
  });
});
