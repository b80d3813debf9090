// createLogger: lines at or above its level only, and `enabled` says which levels those are (callers skip the rest).
import { expect } from 'chai';
import { createLogger, logsAt, type Logger } from '../../src/log/logger';

describe('createLogger levels', () => {
  it('writes and reports as enabled exactly the levels at or above its own', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (line) => lines.push(line));
    for (const level of ['debug', 'info', 'warn', 'error'] as const) logger[level]('e');
    expect(lines.map((line) => (JSON.parse(line) as { level: string }).level)).to.deep.equal(['warn', 'error']);
    expect((['debug', 'info', 'warn', 'error'] as const).map((level) => logsAt(logger, level))).to.deep.equal([false, false, true, true]);
    const silent = createLogger('silent', (line) => lines.push(line));
    expect(logsAt(silent, 'error')).to.equal(false);
  });

  it('takes a host logger without `enabled` to write every level', () => {
    const host: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    expect(logsAt(host, 'debug')).to.equal(true);
  });
});
