import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

// REDIS_URL and its companions, as loadConfig checks them at start-up.
describe('REDIS_URL', () => {
  it('is off when unset: one replica, nothing shared', () => {
    expect(loadConfig({}).sharedState).toBeUndefined();
  });

  it.each([
    'redis://127.0.0.1:6379',
    'redis://:s3cret@redis.internal:6380/2',
    'redis://gateway:s3cret@redis.internal',
    'rediss://gateway:s3cret@redis.example.com:6380',
  ])('accepts %s', (url) => {
    const shared = loadConfig({ REDIS_URL: url }).sharedState;
    expect(shared?.url).toBe(url);
    expect(shared?.replicas).toBe(2);
    expect(shared?.prefix).toBe('fgg:');
  });

  it('refuses other schemes and paths without echoing a password', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://user:hunter22@host' })).toThrow(
      /redis:\/\/ or rediss:\/\//,
    );
    expect(() => loadConfig({ REDIS_URL: 'redis://host/cache' })).toThrow(/database number/);
    try {
      loadConfig({ REDIS_URL: 'not a url :hunter22@' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('hunter22');
    }
  });

  it('keeps APQ documents in Redis a day by default, or REDIS_APQ_TTL_SECONDS (a minute to 30 days)', () => {
    expect(loadConfig({ REDIS_URL: 'redis://localhost' }).sharedState?.apqTtlSeconds).toBe(86_400);
    const set = loadConfig({ REDIS_URL: 'redis://localhost', REDIS_APQ_TTL_SECONDS: '3600' });
    expect(set.sharedState?.apqTtlSeconds).toBe(3600);
    for (const bad of ['59', '2592001', '1h']) {
      expect(() =>
        loadConfig({ REDIS_URL: 'redis://localhost', REDIS_APQ_TTL_SECONDS: bad }),
      ).toThrow(/REDIS_APQ_TTL_SECONDS/);
    }
  });

  it('reads REPLICAS, REDIS_KEY_PREFIX and the cache bounds', () => {
    const shared = loadConfig({
      REDIS_URL: 'redis://localhost',
      REPLICAS: '3',
      REDIS_KEY_PREFIX: 'team-a:',
      REDIS_CACHE_MAX_BYTES: '65536',
      REDIS_CACHE_MAX_ENTRIES: '10',
    }).sharedState;
    expect(shared).toMatchObject({
      replicas: 3,
      prefix: 'team-a:',
      cacheMaxBytes: 65536,
      cacheMaxEntries: 10,
    });
    expect(() => loadConfig({ REDIS_URL: 'redis://localhost', REPLICAS: '0' })).toThrow(/REPLICAS/);
    expect(() => loadConfig({ REDIS_URL: 'redis://localhost', REDIS_KEY_PREFIX: 'a b' })).toThrow(
      /REDIS_KEY_PREFIX/,
    );
  });
});
