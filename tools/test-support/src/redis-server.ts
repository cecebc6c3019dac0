// A real redis-server for the tests that need one (distributed sweeps, the BullMQ fault tests):
// on 127.0.0.1 (never another address), on a free port, in a temporary directory, without RDB
// snapshots (append-only persistence on request), stopped after the tests. If redis-server is
// not installed the tests FAIL (never skip): CI installs it.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The message the tests fail with when redis-server is missing. */
export const MISSING_REDIS =
  'redis-server is not on PATH: the distributed sweep tests (fanin worker, fanin sweep --redis, @fanin/search-bullmq) need a real Redis. Install it (apt-get install redis-server, or brew install redis) and run the tests again';

/** The redis-server executable on `path` (a PATH value); throws {@link MISSING_REDIS} if none. */
export function findRedisServer(path: string = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  throw new Error(MISSING_REDIS);
}

/** A free TCP port on 127.0.0.1 (nothing listens on it once this resolves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a Redis answers PING on the port (a raw RESP exchange: no client library). */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const finish = (value: boolean) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk;
      if (answer.includes('\r\n')) finish(answer.startsWith('+PONG'));
    });
  });
}

/** A running redis-server. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** kill -9, then start again on the same port and directory (replaying the append-only file). */
  crashAndRestart(): Promise<void>;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

export interface RedisOptions {
  /** `--appendonly yes --appendfsync everysec`: what a crash and restart replays. Default false. */
  readonly appendOnly?: boolean;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/** Starts `redis-server --port P --bind 127.0.0.1 --save '' --dir <tmp>` and waits for PONG. */
export async function startRedis(options: RedisOptions = {}): Promise<TestRedis> {
  const executable = findRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'fanin-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', ''];
  if (options.appendOnly) args.push('--appendonly', 'yes', '--appendfsync', 'everysec');
  args.push('--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes');
  let child: ChildProcess;
  let output = '';
  const launch = async () => {
    output = '';
    child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: unknown) => {
      output = (output + String(chunk)).slice(-4000);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const deadline = Date.now() + 15_000;
    while (!(await pong(port))) {
      if (child.exitCode !== null)
        throw new Error(`redis-server exited with code ${child.exitCode}: ${output}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async crashAndRestart() {
      const old = child;
      old.kill('SIGKILL');
      await exited(old);
      await launch();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited(child);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
