// Where the OASIS OData files live: ../shared/odata beside the repository root (CI puts a copy of shared/ there).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest directory above this module holding package.json: the same from test/ and from dist-test/test/. */
function findRepoRoot(start: string): string {
  let directory = start;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${start}`);
    directory = parent;
  }
  return directory;
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const SHARED_ODATA_DIR = resolve(REPO_ROOT, '..', 'shared', 'odata');

export function readSharedOdataFile(relativePath: string): string {
  return readFileSync(join(SHARED_ODATA_DIR, relativePath), 'utf8');
}
