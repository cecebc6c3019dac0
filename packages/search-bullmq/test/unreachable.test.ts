import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
  InvalidRedisUrlError,
  pingRedis,
  parseRedisUrl,
  RedisUnreachableError,
  runController,
  runWorker,
} from '../src/index.js';
import { findRedisServer, freePort, MISSING_REDIS } from './support/redis-server.js';
import { bowlSpace, objective } from './support/sweep.js';

const sockets: Socket[] = [];
let silent: Server | undefined;

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
});

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

const sweep = (redisUrl: string) => ({
  redisUrl,
  name: 'nowhere',
  space: bowlSpace(0),
  objective,
  trials: 1,
  connectTimeout: 2000,
});

describe('a Redis that cannot be reached', () => {
  it('fails runController and runWorker with a one-line error, not a hang (closed port)', {
    timeout: 20_000,
  }, async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    for (const run of [
      () => runController(sweep(url)),
      () => runWorker({ redisUrl: url, study: 'nowhere', connectTimeout: 2000 }),
    ]) {
      const error = await failure(run);
      expect(error).toBeInstanceOf(RedisUnreachableError);
      expect(error.message).toMatch(new RegExp(`^cannot reach Redis at ${url}: .*ECONNREFUSED`));
      expect(error.message).not.toContain('\n');
    }
  });

  it('gives up on a server that accepts connections but never answers, within the timeout', {
    timeout: 20_000,
  }, async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const error = await failure(() => pingRedis(parseRedisUrl(`redis://127.0.0.1:${port}`), 1000));
    expect(error).toBeInstanceOf(RedisUnreachableError);
    expect(error.message).toMatch(
      /^cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: no answer within 1000 ms\. Start redis-server/,
    );
    expect(error.message).not.toContain('\n');
  });

  it('rejects a malformed URL before connecting', { timeout: 20_000 }, async () => {
    const error = await failure(() => runController(sweep('127.0.0.1:6379')));
    expect(error).toBeInstanceOf(InvalidRedisUrlError);
  });
});

describe('the test setup without redis-server', () => {
  it('fails, saying to install it, rather than skipping', () => {
    expect(() => findRedisServer('')).toThrow(MISSING_REDIS);
    expect(() => findRedisServer('/nonexistent/bin')).toThrow(/apt-get install redis-server/);
    expect(findRedisServer('/nonexistent/bin:/usr/bin')).toBe('/usr/bin/redis-server');
  });
});
