import { Redis } from 'ioredis';
import { RedisUnreachableError } from './errors.js';
import type { RedisTarget } from './redis-url.js';

/** Default time to connect and get an answer before a URL is called unreachable. */
export const DEFAULT_CONNECT_TIMEOUT = 5000;

function detailOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim().replace(/\.+$/, '') || 'no answer';
}

/**
 * Checks that Redis answers PING within `timeout` ms, once, without retrying: the offline
 * queue is off and `maxRetriesPerRequest` is 0, so an unreachable host, a closed port, a
 * wrong password or a server that never answers all end in a one-line
 * {@link RedisUnreachableError} instead of a hang. Every entry point runs it before starting.
 */
export async function pingRedis(
  target: RedisTarget,
  timeout: number = DEFAULT_CONNECT_TIMEOUT,
): Promise<void> {
  const client = new Redis({
    ...target.options,
    lazyConnect: true,
    connectTimeout: timeout,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
  });
  // ioredis rejects connect() with "Connection is closed"; the cause (ECONNREFUSED,
  // ETIMEDOUT, WRONGPASS) comes as an error event first.
  let cause: unknown;
  client.on('error', (error) => {
    cause ??= error;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout);
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        const answer = await client.ping();
        if (answer !== 'PONG') throw new Error(`PING answered ${JSON.stringify(answer)}`);
      })(),
      deadline,
    ]);
  } catch (error) {
    throw new RedisUnreachableError(target.display, detailOf(cause ?? error));
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/**
 * A long-lived client for the journal: it reconnects after a Redis restart and holds
 * commands until then (no per-command retry limit), as BullMQ's own connections do.
 */
export function journalClient(
  target: RedisTarget,
  onError: (error: Error) => void = () => {},
): Redis {
  const client = new Redis({
    ...target.options,
    maxRetriesPerRequest: null,
    connectionName: 'fanin-journal',
  });
  client.on('error', onError);
  return client;
}

const TRANSIENT =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTCONN|Connection is closed|Stream isn't writeable|MaxRetriesPerRequest|LOADING|enableOfflineQueue|socket/i;

/** Whether an error means "Redis is not reachable right now" (a restart, a network blip). */
export function isConnectionError(error: unknown): boolean {
  return error instanceof Error && TRANSIENT.test(`${error.name} ${error.message}`);
}
