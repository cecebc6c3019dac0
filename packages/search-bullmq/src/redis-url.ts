import { InvalidRedisUrlError } from './errors.js';

/** The connection settings of a Redis URL, in the shape both ioredis and BullMQ take. */
export interface RedisConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  /** Present (empty: Node's defaults) for rediss:// URLs. */
  readonly tls?: Record<string, never>;
}

/** Where Redis is, as connection options, and the URL to print (password hidden). */
export interface RedisTarget {
  readonly options: RedisConnectionOptions;
  /** The URL with its password replaced by `***`, for messages and logs. */
  readonly display: string;
}

/**
 * Parses `redis://[user:password@]host[:port][/db]` (`rediss://` for TLS). Port 6379 and
 * database 0 by default. Throws {@link InvalidRedisUrlError} on anything else, so a typo in
 * `--redis` is reported before any connection is attempted.
 */
export function parseRedisUrl(url: string): RedisTarget {
  if (typeof url !== 'string' || url.length === 0)
    throw new InvalidRedisUrlError(String(url), 'it is empty');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidRedisUrlError(url, 'not a URL');
  }
  const tls = parsed.protocol === 'rediss:';
  if (parsed.protocol !== 'redis:' && !tls)
    throw new InvalidRedisUrlError(
      url,
      `the scheme must be redis: or rediss:, got ${parsed.protocol}`,
    );
  if (parsed.hostname === '') throw new InvalidRedisUrlError(url, 'it has no host');
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const path = parsed.pathname.replace(/^\/+/, '');
  if (path !== '' && !/^\d+$/.test(path))
    throw new InvalidRedisUrlError(url, `the path must be a database number, got "/${path}"`);
  const db = path === '' ? 0 : Number(path);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const options: RedisConnectionOptions = {
    host,
    port,
    db,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(tls ? { tls: {} } : {}),
  };
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  return { options: Object.freeze(options), display: shown.href.replace(/\/$/, '') };
}
