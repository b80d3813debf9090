// Where the default logger's lines go: stderr, with the lines of one event-loop turn written together. The access
// log writes a line per request, and one write per line was ≈ 8 % of a GET by key's profile samples (bench/README.md,
// "Sixth pass").

/** Takes one finished line (with its newline); `urgent` lines are written at once. */
export type LineSink = (line: string, urgent: boolean) => void;

/** Lines wait for the end of the event-loop turn (setImmediate) and go out in one write; an urgent line (warn, error)
 * goes out at once, after those waiting, and so does a turn's worth over 64 kB. What waits when the process exits
 * (process.exit, an uncaught exception) is written on 'exit': only a kill (SIGKILL, an abort) loses a turn's lines. */
export function stderrSink(stream: Pick<NodeJS.WritableStream, 'write'> = process.stderr): LineSink {
  let waiting = '';
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    if (scheduled !== undefined) {
      clearImmediate(scheduled);
      scheduled = undefined;
      waitingAtExit.delete(flush);
    }
    if (waiting === '') return;
    const text = waiting;
    waiting = '';
    stream.write(text);
  };
  return (line, urgent) => {
    waiting += line;
    if (urgent || waiting.length > 65_536) flush();
    else if (scheduled === undefined) {
      scheduled = setImmediate(flush);
      writeAtExit(flush);
    }
  };
}

/** The sinks with lines waiting, written by one 'exit' listener: one per sink would warn of a listener leak past ten
 * loggers writing in the same turn (a host with many gateways). The process's exit is all that sinks share. */
const waitingAtExit = new Set<() => void>();
let listening = false;

function writeAtExit(flush: () => void): void {
  waitingAtExit.add(flush);
  if (listening) return;
  listening = true;
  process.on('exit', () => {
    for (const waiting of [...waitingAtExit]) waiting();
  });
}
