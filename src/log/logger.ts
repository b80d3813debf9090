// The service log: one JSON line per event on stderr; never tokens, bodies or personal data.
import { stderrSink, type LineSink } from './stderr-sink';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(event: string, fields?: Readonly<Record<string, unknown>>): void;
  info(event: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(event: string, fields?: Readonly<Record<string, unknown>>): void;
  error(event: string, fields?: Readonly<Record<string, unknown>>): void;
  /** Whether lines at `level` are written; a logger without it is taken to write every level. */
  enabled?(level: Exclude<LogLevel, 'silent'>): boolean;
}

/** Whether `logger` writes lines at `level` (so a caller can skip building lines nobody will see). */
export function logsAt(logger: Logger, level: Exclude<LogLevel, 'silent'>): boolean {
  return logger.enabled?.(level) ?? true;
}

const ORDER: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** `write` takes each line (warn and error lines `urgent`); by default stderr, a turn's lines in one write. */
export function createLogger(level: LogLevel, write: LineSink = stderrSink()): Logger {
  const threshold = ORDER.indexOf(level);
  const emit = (at: LogLevel) => {
    const urgent = at === 'warn' || at === 'error';
    return (event: string, fields: Readonly<Record<string, unknown>> = {}) => {
      if (ORDER.indexOf(at) < threshold) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level: at, event, ...fields })}\n`, urgent);
    };
  };
  return {
    debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error'),
    enabled: (level) => ORDER.indexOf(level) >= threshold,
  };
}

/** The parts of an error that are safe and useful in the log: no SQL parameters, no request bodies; the stack unless
 * `withStack` is false (for a cause that is not the service's fault: an outage, a bad configuration). */
export function describeError(error: unknown, withStack = true): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return { error: error.name, message: error.message, code, ...(withStack ? { stack: error.stack } : {}) };
}
