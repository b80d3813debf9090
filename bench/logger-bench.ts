// `npm run bench:logger`: the hand-written JSON logger (src/log/logger.ts) against pino, writing access-log lines of
// the gateway's shape to /dev/null. Interleaved repeats, the order alternating; ratios per repeat in the same run.
// Variants: each logger writing one write(2) per line (what the gateway does on stderr today), both through the same
// buffered sonic-boom sink (pino's asynchronous destination), and pino with its own line format for reference.
import { closeSync, openSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createLogger, type Logger } from '../src/log/logger';

const LINES = Number(process.env.LOGGER_BENCH_LINES ?? 100_000);
const REPEATS = Number(process.env.LOGGER_BENCH_REPEATS ?? 7);

/** The access log's fields for one request (src/http/access-log.ts), varied a little like real traffic. */
function accessLines(count: number): Array<Record<string, unknown>> {
  const routes = ['/privilegedOperationEvents', '/privilegedOperationEvents({key})'];
  return Array.from({ length: count }, (_, index) => ({
    requestId: randomUUID(), method: index % 5 === 0 ? 'POST' : 'GET', route: routes[index % 2], operation: index % 2 === 0 ? 'collection' : 'entity',
    entitySet: 'privilegedOperationEvents', status: index % 50 === 0 ? 404 : 200, durationMs: (index % 997) / 100, bytes: 800 + (index % 4000),
    callerAppId: 'c5a7b3d1-2e4f-4a6b-8c9d-0e1f2a3b4c5d',
  }));
}

type Sink = { write(line: string): void; end(): Promise<void> | void };

/** One write(2) per line: the gateway's logger on process.stderr does the same. */
function lineSink(): Sink {
  const fd = openSync('/dev/null', 'w');
  return { write: (line) => { writeSync(fd, line); }, end: () => closeSync(fd) };
}

/** pino's buffered asynchronous destination (sonic-boom, 4 kB chunks), for either logger. */
function bufferedSink(): Sink & { boom: ReturnType<typeof pino.destination> } {
  const fd = openSync('/dev/null', 'w');
  const boom = pino.destination({ fd, sync: false, minLength: 4096 });
  // end() writes what is buffered, then closes the fd ('close'); flush() would fsync, which /dev/null refuses.
  const end = () => new Promise<void>((resolve, reject) => {
    boom.once('close', () => resolve());
    boom.once('error', reject);
    boom.end();
  });
  return { boom, write: (line) => { boom.write(line); }, end };
}

/** pino configured to write exactly our line: `{"time":ISO,"level":"info","event":…,…fields}` (its level formatter goes first). */
function pinoLikeOurs(destination: pino.DestinationStream): Logger {
  const log = pino({ base: null, timestamp: false, formatters: { level: (label) => ({ time: new Date().toISOString(), level: label }) } }, destination);
  return {
    debug: (event, fields) => log.debug({ event, ...fields }),
    info: (event, fields) => log.info({ event, ...fields }),
    warn: (event, fields) => log.warn({ event, ...fields }),
    error: (event, fields) => log.error({ event, ...fields }),
  };
}

interface Variant { readonly name: string; make(): { logger: Logger; end(): Promise<void> | void } }

const VARIANTS: readonly Variant[] = [
  { name: 'ours, write per line', make: () => { const sink = lineSink(); return { logger: createLogger('info', sink.write), end: sink.end }; } },
  { name: 'pino same line, sync', make: () => { const fd = openSync('/dev/null', 'w'); return { logger: pinoLikeOurs(pino.destination({ fd, sync: true })), end: () => closeSync(fd) }; } },
  { name: 'ours, buffered sink', make: () => { const sink = bufferedSink(); return { logger: createLogger('info', sink.write), end: sink.end }; } },
  { name: 'pino same line, buffered', make: () => { const sink = bufferedSink(); return { logger: pinoLikeOurs(sink.boom), end: sink.end }; } },
  {
    name: 'pino own format, buffered', make: () => {
      const sink = bufferedSink();
      const log = pino({}, sink.boom);
      const at = (level: 'debug' | 'info' | 'warn' | 'error') => (event: string, fields?: object) => log[level]({ event, ...fields });
      return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, end: sink.end };
    },
  },
];

/** CPU nanoseconds per line (user + system of all threads of this process: the writes' syscalls count too). */
async function measure(variant: Variant, lines: ReadonlyArray<Record<string, unknown>>): Promise<number> {
  const { logger, end } = variant.make();
  const before = process.cpuUsage();
  for (const line of lines) logger.info('request', line);
  await end();
  const used = process.cpuUsage(before);
  return ((used.user + used.system) * 1000) / lines.length;
}

/** Both loggers write the same bytes for the same call (the time aside). */
function checkSameLines(): void {
  const captured: string[] = [];
  const fields = accessLines(1)[0];
  createLogger('info', (line) => captured.push(line)).info('request', fields);
  pinoLikeOurs({ write: (line: string) => { captured.push(line); } }).info('request', fields);
  const [ours, theirs] = captured.map((line) => line.replace(/"time":"[^"]+"/, '"time":"T"'));
  if (ours !== theirs) throw new Error(`the lines differ:\n${ours}${theirs}`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  checkSameLines();
  const lines = accessLines(LINES);
  for (const variant of VARIANTS) await measure(variant, lines.slice(0, 20_000)); // warm-up: JIT, sonic-boom
  const results = new Map<string, number[]>(VARIANTS.map((variant) => [variant.name, []]));
  for (let repeat = 0; repeat < REPEATS; repeat += 1) {
    for (const variant of repeat % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) results.get(variant.name)!.push(await measure(variant, lines));
  }
  const ratio = (name: string, base: string) => median(results.get(name)!.map((value, index) => value / results.get(base)![index]));
  process.stdout.write(`${LINES} access-log lines to /dev/null, ${REPEATS} interleaved repeats; CPU ns per line (median), ratio to ours per repeat (median)\n`);
  for (const variant of VARIANTS) {
    const base = variant.name.includes('buffered') ? 'ours, buffered sink' : 'ours, write per line';
    process.stdout.write(`  ${variant.name.padEnd(28)}${median(results.get(variant.name)!).toFixed(0).padStart(7)} ns   ×${ratio(variant.name, base).toFixed(2)} of '${base}'\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`logger bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
