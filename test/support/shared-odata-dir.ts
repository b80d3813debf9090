// Where the OASIS OData files that no npm package ships live: ../shared/odata beside the repository root (vocabularies,
// ABNF cases, the CSDL 4.0 XSDs; CI puts a copy of shared/ there). Suites that need them run when they are there; outside
// CI they are skipped with one line naming what is missing, under CI=true their absence fails the run.
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

export function hasSharedOdataFile(relativePath: string): boolean {
  return existsSync(join(SHARED_ODATA_DIR, relativePath));
}

const reported = new Set<string>();

/** In a test or hook: returns when the file is there; else skips (one line, once per file) or, under CI=true, fails. */
export function needSharedOdataFile(context: Mocha.Context, relativePath: string): void {
  if (hasSharedOdataFile(relativePath)) return;
  const missing = join(SHARED_ODATA_DIR, relativePath);
  if (process.env.CI === 'true') throw new Error(`${missing} is missing: under CI=true the OASIS files of ../shared/odata are required`);
  if (!reported.has(relativePath)) {
    reported.add(relativePath);
    process.stdout.write(`      skipped: tests that need ${missing}, which is not there (no ../shared/odata beside the clone)\n`);
  }
  context.skip();
}

/** describe(title, body) when the file is there; otherwise one test that skips (or fails under CI) naming it. */
export function describeWithSharedOdataFile(title: string, relativePath: string, body: () => void): void {
  if (hasSharedOdataFile(relativePath)) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    it(`needs ../shared/odata/${relativePath}`, function () { needSharedOdataFile(this, relativePath); });
  });
}
