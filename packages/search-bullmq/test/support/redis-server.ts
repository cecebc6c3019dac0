// A real redis-server for the fault tests: on 127.0.0.1 (never another address), on a free
// port, with append-only persistence in a temporary directory and no RDB snapshots, stopped
// after the tests. If redis-server is not installed the tests FAIL (never skip): CI installs it.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';

/** The message the tests fail with when redis-server is missing. */
export const MISSING_REDIS =
  'redis-server is not on PATH: the @fanin/search-bullmq fault tests need a real Redis. Install it (apt-get install redis-server, or brew install redis) and run the tests again';

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

async function waitUntilUp(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited with code ${child.exitCode}: ${output()}`);
    const client = new Redis({
      host: '127.0.0.1',
      port,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // Not up yet.
    } finally {
      client.disconnect();
    }
    if (Date.now() > deadline) throw new Error(`redis-server did not start: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A running redis-server and what the tests do to it. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** A client for the test's own checks. */
  client(): Redis;
  /** kill -9, then start again on the same port and directory (replaying the append-only file). */
  crashAndRestart(): Promise<void>;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

/** Starts `redis-server --port P --bind 127.0.0.1 --save '' --appendonly yes --dir <tmp>`. */
export async function startRedis(): Promise<TestRedis> {
  const executable = findRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'fanin-redis-'));
  const port = await freePort();
  const clients: Redis[] = [];
  let child: ChildProcess;
  let output = '';
  const launch = async () => {
    output = '';
    child = spawn(
      executable,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--protected-mode',
        'yes',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (chunk) => {
      output = (output + chunk).slice(-4000);
    });
    child.stderr!.on('data', (chunk) => {
      output = (output + chunk).slice(-4000);
    });
    await waitUntilUp(port, child, () => output);
  };
  const exited = (process: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (process.exitCode !== null || process.signalCode !== null) resolve();
      else process.once('exit', () => resolve());
    });
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    client() {
      const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: null });
      client.on('error', () => {});
      clients.push(client);
      return client;
    },
    async crashAndRestart() {
      const old = child;
      old.kill('SIGKILL');
      await exited(old);
      await launch();
    },
    async stop() {
      for (const client of clients) client.disconnect();
      child.kill('SIGTERM');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
