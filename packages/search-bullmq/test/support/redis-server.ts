// The fault tests' redis-server: @fanin/test-support's, with append-only persistence (what
// crashAndRestart replays) and ioredis clients for the tests' own checks.
import {
  findRedisServer,
  freePort,
  MISSING_REDIS,
  startRedis as startTestRedis,
  type TestRedis as BaseRedis,
} from '@fanin/test-support/redis-server';
import { Redis } from 'ioredis';

export { findRedisServer, freePort, MISSING_REDIS };

/** A running redis-server and what the tests do to it. */
export interface TestRedis extends BaseRedis {
  /** A client for the test's own checks (disconnected by stop). */
  client(): Redis;
}

/** Starts `redis-server --port P --bind 127.0.0.1 --save '' --appendonly yes --dir <tmp>`. */
export async function startRedis(): Promise<TestRedis> {
  const server = await startTestRedis({ appendOnly: true });
  const clients: Redis[] = [];
  return {
    port: server.port,
    url: server.url,
    dir: server.dir,
    client() {
      const client = new Redis({
        host: '127.0.0.1',
        port: server.port,
        maxRetriesPerRequest: null,
      });
      client.on('error', () => {});
      clients.push(client);
      return client;
    },
    crashAndRestart: () => server.crashAndRestart(),
    async stop() {
      for (const client of clients) client.disconnect();
      await server.stop();
    },
  };
}
