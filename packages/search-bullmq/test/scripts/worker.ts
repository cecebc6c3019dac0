// A worker process of the fault tests: `worker.ts <redis url> <study> [concurrency]`. Lock
// and stall intervals are short (LOCK_MS, STALL_MS) so dead workers are noticed in seconds.
// SIGTERM stops it gracefully. Trial reports go to stdout as JSON lines, log lines to stderr.
import { runWorker } from '../../src/index.js';

const [redisUrl, study, concurrency = '1'] = process.argv.slice(2);
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
const summary = await runWorker({
  redisUrl: redisUrl!,
  study: study!,
  concurrency: Number(concurrency),
  signal: stop.signal,
  execArgv: process.execArgv,
  lockDuration: Number(process.env.LOCK_MS ?? 2000),
  stalledInterval: Number(process.env.STALL_MS ?? 1000),
  log: (line) => console.error(line),
  onTrialEnd: (report) => console.log(JSON.stringify(report)),
});
console.log(JSON.stringify({ summary }));
