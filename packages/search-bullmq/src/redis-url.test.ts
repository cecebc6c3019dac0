import { describe, expect, it } from 'vitest';
import { InvalidRedisUrlError } from './errors.js';
import { parseRedisUrl } from './redis-url.js';

describe('parseRedisUrl', () => {
  it('reads host, port, database, user and password, with defaults', () => {
    expect(parseRedisUrl('redis://127.0.0.1').options).toEqual({
      host: '127.0.0.1',
      port: 6379,
      db: 0,
    });
    expect(parseRedisUrl('redis://me:s%40cret@cache.internal:6380/3').options).toEqual({
      host: 'cache.internal',
      port: 6380,
      db: 3,
      username: 'me',
      password: 's@cret',
    });
    expect(parseRedisUrl('redis://[::1]:7000').options).toMatchObject({ host: '::1', port: 7000 });
  });

  it('turns on TLS for rediss:// and hides the password when displayed', () => {
    const target = parseRedisUrl('rediss://:hunter2@redis.example.com:6380');
    expect(target.options).toMatchObject({ password: 'hunter2', tls: {} });
    expect(target.display).toBe('rediss://:***@redis.example.com:6380');
    expect(target.display).not.toContain('hunter2');
  });

  it.each([
    ['', 'it is empty'],
    ['localhost:6379', 'the scheme must be redis: or rediss:, got localhost:'],
    ['http://127.0.0.1:6379', 'the scheme must be redis: or rediss:, got http:'],
    ['redis://127.0.0.1:6379/cache', 'the path must be a database number, got "/cache"'],
    ['not a url', 'not a URL'],
  ])('rejects %j in one line: %s', (url, detail) => {
    let error: unknown;
    try {
      parseRedisUrl(url);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRedisUrlError);
    expect((error as Error).message).toContain(`invalid Redis URL "${url}": ${detail}`);
    expect((error as Error).message).not.toContain('\n');
  });
});
