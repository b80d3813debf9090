// A temporary TypeScript project for a generated OData client: odata2ts writes into it, tsc compiles it, node runs it.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './shared-odata-dir';

/** The directories of the workspace, relative to its root. */
const SOURCE_DIR = 'src';
const GENERATED_DIR = join(SOURCE_DIR, 'generated');
const OUT_DIR = 'out';

/** Bounds every child process, so that a hung generator or client fails with its output instead of mocha's timeout. */
const CHILD_TIMEOUT_MS = 90_000;

/** As this repository's tsconfig. Also needed because @odata2ts/odata-query-objects 0.21's declarations import
 * `type-fest`, which the package lists only as a devDependency. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', module: 'commonjs', moduleResolution: 'node10', lib: ['ES2022'], types: ['node'],
    rootDir: SOURCE_DIR, outDir: OUT_DIR, skipLibCheck: true,
  },
  include: [SOURCE_DIR],
};

export interface ProcessResult {
  /** The exit code; -1 when the process was killed (timeout) or could not start. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ClientWorkspace {
  readonly directory: string;
  /** Runs the odata2ts CLI on the metadata document: TypeScript sources of a service client in src/generated/. */
  generateClient(metadataXml: string): Promise<ProcessResult>;
  /** The file names odata2ts wrote. */
  generatedFiles(): string[];
  /** Writes a source file beside src/generated/. */
  writeSource(fileName: string, text: string): void;
  /** `tsc --strict` over src/, emitting CommonJS into out/. */
  compile(): Promise<ProcessResult>;
  /** Runs a compiled source (its name in src/, `.ts` included) with node. */
  runCompiled(fileName: string, args: readonly string[]): Promise<ProcessResult>;
  dispose(): void;
}

export function createClientWorkspace(): ClientWorkspace {
  const directory = mkdtempSync(join(tmpdir(), 'gateway-client-'));
  // The generated code imports @odata2ts/* and the usage needs @types/node: both come from this repository.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(directory, 'node_modules'), 'dir');
  writeFileSync(join(directory, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  mkdirSync(join(directory, SOURCE_DIR));
  return {
    directory,
    generateClient: (metadataXml) => generateClient(directory, metadataXml),
    generatedFiles: () => readdirSync(join(directory, GENERATED_DIR)).sort(),
    writeSource: (fileName, text) => writeFileSync(join(directory, SOURCE_DIR, fileName), text),
    compile: () => runNode(directory, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--strict']),
    runCompiled: (fileName, args) => runNode(directory, [join(OUT_DIR, fileName.replace(/\.ts$/, '.js')), ...args]),
    dispose: () => rmSync(directory, { recursive: true, force: true }),
  };
}

function generateClient(directory: string, metadataXml: string): Promise<ProcessResult> {
  writeFileSync(join(directory, 'metadata.xml'), metadataXml);
  const cli = require.resolve('@odata2ts/odata2ts/lib/run-cli.js');
  // mode "service": models, query objects and the service classes; emit mode "ts": sources for our own tsc run.
  const options = ['--source', 'metadata.xml', '--output', GENERATED_DIR, '--mode', 'service', '--emit-mode', 'ts'];
  return runNode(directory, [cli, ...options]);
}

function runNode(cwd: string, args: readonly string[]): Promise<ProcessResult> {
  const options = { cwd, timeout: CHILD_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 };
  return new Promise((resolve) => {
    execFile(process.execPath, args, options, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ exitCode, stdout, stderr });
    });
  });
}
