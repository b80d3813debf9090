// Where the CPU went: self time of each .cpuprofile sample inside a time window, by the package of its script URL.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { categoryOfUrl, packageOf } from './package-groups';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
  /** Self-time ticks by 1-based source line. */
  readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
}

/** The V8 CPU profile format written by `node --cpu-prof` (times in µs of the monotonic clock). */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileAttribution {
  /** Sampled time that was not idle, in µs. */
  readonly busyMicros: number;
  readonly byCategory: ReadonlyMap<string, number>;
  /** Self time by function (`category: name file:line`), largest first. */
  readonly topFunctions: readonly (readonly [string, number])[];
}

/** Helpers compiled into many packages (async/await, decorators): charged to the package that called them. */
const HELPERS = new Set(['tslib', 'reflect-metadata']);
/**
 * better-sqlite3's native methods get no frame of their own: their time is the caller's self time on the calling
 * line. Self time on such a line in these files is charged to better-sqlite3.
 */
const SQLITE_CALLERS = /\/(typeorm\/driver\/better-sqlite3|better-sqlite3\/lib|dist\/persistence)\//;
const SQLITE_CALL = /\.(all|run|get|iterate|prepare|pragma|exec)\(/;

export const GC = 'GC';
const IDLE = '(idle)';

const NODE = 'node internals';

/**
 * A native frame (no URL) or a helper belongs to whoever called it. Node's own frames are
 * split by the nearest caller outside Node (`node internals ← passport/jose`), so a socket write or a crypto job is
 * charged to the layer that asked for it; `event loop` when no such caller is on the stack.
 */
function categorize(nodes: readonly ProfileNode[]): Map<number, string> {
  const parent = new Map<number, ProfileNode>();
  for (const node of nodes) for (const child of node.children ?? []) parent.set(child, node);
  const base = new Map<number, string>();
  const baseOf = (node: ProfileNode): string => {
    const known = base.get(node.id);
    if (known !== undefined) return known;
    const { functionName, url } = node.callFrame;
    const caller = parent.get(node.id);
    let category: string;
    if (functionName === '(garbage collector)') category = GC;
    else if (functionName === '(idle)') category = IDLE;
    else if (functionName === '(program)') category = 'V8 / native (program)';
    else if (url !== '' && !HELPERS.has(packageOf(url) ?? '')) category = categoryOfUrl(url);
    else category = caller ? baseOf(caller) : 'event loop';
    base.set(node.id, category);
    return category;
  };
  const ownerOf = (node: ProfileNode | undefined): string => {
    for (let current = node; current; current = parent.get(current.id)) {
      const category = baseOf(current);
      if (category !== NODE && category !== 'event loop') return category;
    }
    return 'event loop';
  };
  const categories = new Map<number, string>();
  for (const node of nodes) {
    const category = baseOf(node);
    categories.set(node.id, category === NODE ? `${NODE} ← ${ownerOf(parent.get(node.id))}` : category);
  }
  return categories;
}

/** Self time per profile node for the samples whose time lies in [from, to]; a sample weighs the time until the next. */
function selfTimes(profile: CpuProfile, fromMicros: number, toMicros: number): Map<number, number> {
  const byNode = new Map<number, number>();
  let time = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    time += profile.timeDeltas[index] ?? 0;
    if (time < fromMicros || time > toMicros) continue;
    const id = profile.samples[index];
    byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[index + 1] ?? 0));
  }
  return byNode;
}

const sourceLines = new Map<string, readonly string[]>();

/** The share of a node's self time spent on lines that call into better-sqlite3's native code. */
function sqliteShare(node: ProfileNode): number {
  const { url } = node.callFrame;
  if (!SQLITE_CALLERS.test(url) || !node.positionTicks?.length) return 0;
  if (!sourceLines.has(url)) sourceLines.set(url, readFileSync(fileURLToPath(url), 'utf8').split('\n'));
  const lines = sourceLines.get(url) ?? [];
  const total = node.positionTicks.reduce((sum, tick) => sum + tick.ticks, 0);
  const onCalls = node.positionTicks.filter((tick) => SQLITE_CALL.test(lines[tick.line - 1] ?? '')).reduce((sum, tick) => sum + tick.ticks, 0);
  return total > 0 ? onCalls / total : 0;
}

export function attributeProfile(profile: CpuProfile, fromMicros: number, toMicros: number): ProfileAttribution {
  const categories = categorize(profile.nodes);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, micros: number) => map.set(key, (map.get(key) ?? 0) + micros);
  let busyMicros = 0;
  for (const [id, micros] of selfTimes(profile, fromMicros, toMicros)) {
    const node = nodes.get(id);
    const category = categories.get(id) ?? 'other';
    if (!node || category === IDLE) continue;
    busyMicros += micros;
    const share = sqliteShare(node);
    add(byCategory, category, micros * (1 - share));
    if (share > 0) add(byCategory, 'better-sqlite3', micros * share);
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = share > 0.5 ? 'better-sqlite3 (native, via its caller)' : category;
    add(byFunction, `${owner}: ${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist)\//, '')}:${lineNumber + 1}`, micros);
  }
  const topFunctions = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15);
  return { busyMicros, byCategory, topFunctions };
}
