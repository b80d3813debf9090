// The README's permission table is the one generated from the shipped CSDL: a changed permission fails here until the README follows.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionTable } from '../../src/auth/permission-table';
import { REPO_ROOT } from '../support/shared-odata-dir';
import { readShippedModel, readVariantModel } from './csdl-variants';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

function readmeTable(): string {
  const match = /<!-- permission-table:begin -->\n([\s\S]*?)\n<!-- permission-table:end -->/.exec(README);
  if (!match) throw new Error('README.md has no permission-table markers');
  return match[1]!;
}

describe('the README permission table', () => {
  it('equals the table generated from metadata/graph-beta.xml (npm run -s token -- --list)', () => {
    expect(readmeTable()).to.equal(permissionTable(readShippedModel()));
  });

  it('would differ for a CSDL whose permissions differ', () => {
    const variant = readVariantModel(['<Annotation Term="GatewayAuth.ConfiguredApplicationsOnly"/>', '']);
    expect(permissionTable(variant)).to.not.equal(readmeTable());
  });
});
