// A real redis-server for the distributed sweep tests: on 127.0.0.1 (never another address),
// on a free port, in a temporary directory, without persistence, stopped after the tests. If
// redis-server is not installed the tests FAIL (never skip).
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The message the tests fail with when redis-server is missing. */
export const MISSING_REDIS =
  'redis-server is not on PATH: the fanin worker / fanin sweep --redis tests need a real Redis. Install it (apt-get install redis-server, or brew install redis) and run the tests again';

/** The redis-server executable on PATH; throws {@link MISSING_REDIS} if none. */
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

/** A free TCP port on 127.0.0.1. */
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
  readonly url: string;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

/** Starts `redis-server --port P --bind 127.0.0.1 --save '' --dir <tmp>` and waits for PONG. */
export async function startRedis(): Promise<TestRedis> {
  const executable = findRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'fanin-cli-redis-'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(
    executable,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--dir',
      dir,
      '--daemonize',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
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
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
