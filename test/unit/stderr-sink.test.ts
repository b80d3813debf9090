// stderrSink: a turn's lines in one write at the end of the turn, urgent lines at once and in order, and nothing
// waiting lost when the process exits (process.exit or an uncaught exception).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { createLogger } from '../../src/log/logger';
import { stderrSink } from '../../src/log/stderr-sink';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function recordingSink() {
  const writes: string[] = [];
  return { writes, sink: stderrSink({ write: (text: string | Uint8Array) => { writes.push(String(text)); return true; } }) };
}

describe('stderrSink', () => {
  it('writes the lines of one turn together, in order, once the turn ends', async () => {
    const { writes, sink } = recordingSink();
    sink('a\n', false);
    sink('b\n', false);
    expect(writes).to.deep.equal([]);
    await nextTurn();
    expect(writes).to.deep.equal(['a\nb\n']);
    sink('c\n', false);
    await nextTurn();
    expect(writes).to.deep.equal(['a\nb\n', 'c\n']);
  });

  it('writes an urgent line at once, after the lines waiting before it', async () => {
    const { writes, sink } = recordingSink();
    sink('info\n', false);
    sink('error\n', true);
    expect(writes).to.deep.equal(['info\nerror\n']);
    await nextTurn();
    expect(writes).to.deep.equal(['info\nerror\n']);
  });

  it('does not let a turn hold more than 64 kB', () => {
    const { writes, sink } = recordingSink();
    const line = `${'x'.repeat(1023)}\n`;
    for (let index = 0; index < 65; index += 1) sink(line, false);
    expect(writes.map((text) => text.length)).to.deep.equal([65 * 1024]);
  });

  it('adds at most one exit listener to the process, however many sinks wait and for however many turns', async () => {
    recordingSink().sink('first\n', false); // the listener, if no sink of this process had lines waiting yet
    await nextTurn();
    const before = process.listenerCount('exit');
    const sinks = Array.from({ length: 20 }, () => recordingSink());
    for (let turn = 0; turn < 5; turn += 1) {
      for (const { sink } of sinks) sink('line\n', false);
      expect(process.listenerCount('exit')).to.equal(before);
      await nextTurn();
    }
    expect(sinks.map(({ writes }) => writes.length)).to.deep.equal(sinks.map(() => 5));
  });

  it('is what the logger writes through by default: warn and error lines are urgent, info and debug wait', async () => {
    const writes: string[] = [];
    const original = process.stderr.write;
    process.stderr.write = ((text: string) => { writes.push(text); return true; }) as typeof process.stderr.write;
    try {
      const logger = createLogger('debug');
      logger.debug('one');
      logger.info('two');
      const waited = writes.length;
      logger.warn('three');
      logger.info('four');
      logger.error('five');
      await nextTurn();
      const events = writes.map((text) => text.trimEnd().split('\n').map((line) => (JSON.parse(line) as { event: string }).event));
      expect([waited, events]).to.deep.equal([0, [['one', 'two', 'three'], ['four', 'five']]]);
    } finally {
      process.stderr.write = original;
    }
  });

  for (const [ending, code] of [['process.exit(3)', 3], ["throw new Error('boom')", 1]] as const) {
    it(`writes what waits in every logger when the process ends with ${ending}`, async () => {
      const script = `const { createLogger } = require(${JSON.stringify(require.resolve('../../src/log/logger'))});
        const one = createLogger('info'); const other = createLogger('info');
        one.info('first'); other.info('second'); ${ending};`;
      const outcome = await promisify(execFile)(process.execPath, ['-e', script]).then(
        () => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }));
      const events = outcome.stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => (JSON.parse(line) as { event: string }).event);
      expect([outcome.code, events]).to.deep.equal([code, ['first', 'second']]);
    });
  }
});
