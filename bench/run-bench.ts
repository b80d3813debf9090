// `npm run bench`: the gateway and the bare baseline in one run, same load, results as a table, JSON, markdown and SVG.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveBenchAuthorization } from './bench-authorization';
import { parseBenchOptions, type BenchOptions } from './bench-options';
import { checkTargets } from './check-targets';
import { formatReport } from './format-report';
import { gatewayBuildStamp, PACKAGE_ROOT } from './launch-servers';
import { formatProfiles } from './format-profiles';
import { profileGateway } from './profile-gateway';
import { formatOverheads, runOverheads } from './run-overheads';
import { runTableSize, type BenchContext, type SizeResult } from './run-table-size';
import { probeLayout } from './seed-table';
import { killLiveServers } from './server-process';
import { summarize } from './summarize-runs';
import { renderChart } from './svg-chart';

const BENCH_DIR = join(PACKAGE_ROOT, 'bench');
const CACHE_DIR = join(BENCH_DIR, 'cache');
const WORK_DIR = join(CACHE_DIR, `work-${process.pid}`);

function cleanUp(): void {
  killLiveServers();
  rmSync(WORK_DIR, { recursive: true, force: true });
}

function installCleanup(): void {
  process.on('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping the servers\n`);
      process.exit(130);
    });
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  installCleanup();
  const startedAt = new Date().toISOString();
  const resultsDir = join(BENCH_DIR, 'results', `${options.mode}-${startedAt.replace(/[:.]/g, '-')}`);
  const logDir = join(resultsDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const auth = resolveBenchAuthorization(PACKAGE_ROOT);
  print(`bench ${options.mode}: results in ${resultsDir}; Authorization: ${auth.source}`);
  const layout = await probeLayout(WORK_DIR, logDir, auth);
  const context: BenchContext = { options, layout, cacheDir: CACHE_DIR, workDir: WORK_DIR, logDir, auth, print };
  if (options.mode === 'profile') {
    const report = formatProfiles(await profileGateway(context, resultsDir));
    writeFileSync(join(resultsDir, 'profile.md'), report);
    print(`\n${report}`);
    return;
  }
  if (options.mode === 'overheads') {
    const report = formatOverheads(await runOverheads(context), options);
    writeFileSync(join(resultsDir, 'overheads.md'), report);
    print(`\n${report}`);
    return;
  }
  const build = gatewayBuildStamp();
  const sizes: SizeResult[] = [];
  for (const plan of options.sizes) sizes.push(await runTableSize(context, plan));
  const rebuilt = gatewayBuildStamp() !== build;
  writeResults(options, sizes, {
    startedAt, resultsDir, authorization: auth.source, indexes: [...new Set(sizes.flatMap((size) => size.indexes))], rebuilt,
  }, print);
}

interface RunInfo {
  readonly startedAt: string;
  readonly resultsDir: string;
  readonly authorization: string;
  readonly indexes: readonly string[];
  /** dist changed during the run: later sizes measured another build of the gateway. */
  readonly rebuilt: boolean;
}

function writeResults(options: BenchOptions, sizes: readonly SizeResult[], info: RunInfo, print: (line: string) => void): void {
  const summary = summarize(sizes);
  const targets = checkTargets(summary);
  const warnings = info.rebuilt ? ['dist was rebuilt during this run: the sizes did not all measure the same gateway build'] : [];
  const shapeDifferences = sizes.flatMap((size) => size.probes.filter((probe) => probe.difference)
    .map((probe) => `${probe.workload} (${size.rows} rows): ${probe.difference}`));
  const header = { mode: options.mode, startedAt: info.startedAt, repeats: options.repeats, durationSec: options.durationSec,
    authorization: info.authorization, indexes: info.indexes, shapeDifferences, warnings };
  const report = formatReport(header, summary, targets);
  writeFileSync(join(info.resultsDir, 'results.md'), report);
  writeFileSync(join(info.resultsDir, 'results.json'), `${JSON.stringify({ header, options, summary, targets, sizes }, null, 2)}\n`);
  writeFileSync(join(info.resultsDir, 'chart.svg'), renderChart(summary, `gateway vs baseline (${options.mode}, ${info.startedAt})`));
  print(`\n${report}`);
  print(`written: results.md, results.json, chart.svg in ${info.resultsDir}`);
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
