/** A line sink for operational messages (connection lost, trial retried). */
export type LogLine = (line: string) => void;

/**
 * Wraps a sink so that a message repeated back to back (a reconnect loop logging the same
 * ECONNREFUSED every second) is written once, with the count when it changes.
 */
export function quietLog(log: LogLine | undefined): LogLine {
  if (!log) return () => {};
  let last: string | undefined;
  let repeats = 0;
  return (line) => {
    if (line === last) {
      repeats++;
      return;
    }
    if (repeats > 0) log(`(previous message repeated ${repeats} more times)`);
    last = line;
    repeats = 0;
    log(line);
  };
}

/** The first line of an error's message. */
export function errorLine(error: unknown): string {
  const text = error instanceof Error ? `${error.message}` : String(error);
  return text.split('\n')[0]!;
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
