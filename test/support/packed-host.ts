// A host application outside the repository that installs the packed tarball the way a user gets it: the files
// unpacked into its node_modules, every dependency resolved from the repository's node_modules (no network, no build).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './shared-odata-dir';

export const PACKAGE_NAME = 'graph-odata-gateway';

export interface PackedHost {
  readonly directory: string;
  /** The files in the tarball, as `npm pack` listed them. */
  readonly files: readonly string[];
  /** Where the package is installed: `<directory>/node_modules/graph-odata-gateway`. */
  readonly installed: string;
}

/** `npm pack` (the build is npm test's first step, so its scripts are skipped here), then the tarball unpacked. */
export function installPackedPackage(directory: string, typeDependencies: readonly string[] = []): PackedHost {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', REPO_ROOT, '--ignore-scripts', '--json', '--pack-destination', directory], {
    cwd: directory, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  })) as [{ filename: string; files: { path: string }[] }];
  const modules = join(directory, 'node_modules');
  const installed = join(modules, PACKAGE_NAME);
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['xzf', join(directory, packed.filename), '--strip-components=1', '-C', installed]);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  // What npm install would put beside it; symlinks resolve to the repository's copies, whose own dependencies sit beside them.
  for (const name of [...Object.keys(manifest.dependencies), ...typeDependencies]) {
    mkdirSync(join(modules, name, '..'), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', name), join(modules, name), 'dir');
  }
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'module' }));
  return { directory, files: packed.files.map((file) => file.path), installed };
}
