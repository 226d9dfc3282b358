import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, hasVendorCredentials, loadConfig, readDotEnv } from '../../src/config.js';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('defaults to port 4000, SANDBOX=auto, a 5 s vendor timeout and no vendor enabled', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.sandbox).toBe('auto');
    expect(config.vendorTimeoutMs).toBe(5000);
    expect([config.userlane, config.userloop, config.userhero, config.planhat]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('enables a vendor once its credentials are set, with the documented base URL by default', () => {
    const config = loadConfig({
      USERHERO_API_KEY: 'sk_live_x',
      USERHERO_WORKSPACE_ID: 'ws_1',
      USERLANE_API_TOKEN: 't',
      USERLANE_PROPERTY_ID: 'prop',
    });
    expect(config.userhero).toEqual({
      baseUrl: 'https://userhero.co/api/v1',
      apiKey: 'sk_live_x',
      workspaceId: 'ws_1',
      hooksBaseUrl: 'https://userhero.co/api/hooks',
    });
    expect(config.userlane?.baseUrl).toBe('https://api.userlane.com/analytics/public');
    // Webhooks default to /api/hooks on the API's own origin, wherever that is.
    const proxied = loadConfig({
      USERHERO_API_KEY: 'k',
      USERHERO_BASE_URL: 'https://proxy.example/uh/api/v1',
    });
    expect(proxied.userhero?.hooksBaseUrl).toBe('https://proxy.example/api/hooks');
    expect(hasVendorCredentials({ PLANHAT_API_TOKEN: 'x' })).toBe(true);
    expect(hasVendorCredentials({ PLANHAT_API_TOKEN: ' ' })).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535 (got "eighty")'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535'],
    [{ SANDBOX: 'maybe' }, 'SANDBOX must be one of auto, on, off (got "maybe")'],
    [{ VENDOR_TIMEOUT_MS: '-5' }, 'VENDOR_TIMEOUT_MS must be an integer from 1 to 120000'],
    [
      { USERHERO_API_KEY: 'k', USERHERO_BASE_URL: 'not a url' },
      'USERHERO_BASE_URL must be an absolute',
    ],
    [
      { USERHERO_API_KEY: 'k', USERHERO_HOOKS_BASE_URL: 'https://hooks.example/api/hooks' },
      'USERHERO_HOOKS_BASE_URL must be on the same origin as USERHERO_BASE_URL',
    ],
    [
      { PLANHAT_API_TOKEN: 'k', PLANHAT_BASE_URL: 'ftp://x' },
      'PLANHAT_BASE_URL must use http or https',
    ],
    [
      { USERLOOP_API_KEY: 'k', USERLOOP_BASE_URL: 'https://x?y=1' },
      'USERLOOP_BASE_URL must not carry',
    ],
    [
      { USERLANE_API_TOKEN: 't' },
      'USERLANE_PROPERTY_ID is required when USERLANE_API_TOKEN is set',
    ],
    [
      { USERLANE_PROPERTY_ID: 'x'.repeat(17) },
      'USERLANE_PROPERTY_ID must be at most 16 characters',
    ],
    [
      { USERLANE_SURVEYS: '12:Onboarding,13' },
      'USERLANE_SURVEYS must be a comma-separated list of id:Title',
    ],
    [
      { USERLANE_LOOKUPS_DIR: '/no/such/dir' },
      'USERLANE_LOOKUPS_DIR must be an existing directory',
    ],
    [{ USER_DIRECTORY: '/no/such/file.csv' }, 'USER_DIRECTORY must be an existing file'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
  ])('refuses %j in one line naming the variable', (env, expected) => {
    expect(refusal(env)).toContain(expected);
  });

  it('reports every wrong variable at once', () => {
    const message = refusal({ PORT: 'x', SANDBOX: 'y' });
    expect(message).toMatch(/PORT.*; SANDBOX/);
  });

  it('never echoes a credential in a refusal', () => {
    const message = refusal({ USERHERO_API_KEY: 'sk_live_secret', USERHERO_BASE_URL: 'nope' });
    expect(message).not.toContain('sk_live_secret');
  });

  it('parses USERLANE_SURVEYS into ids and titles', () => {
    expect(
      loadConfig({ USERLANE_SURVEYS: '101:Onboarding check, 102: Export: CSV' }).userlaneSurveys,
    ).toEqual([
      { id: '101', title: 'Onboarding check' },
      { id: '102', title: 'Export: CSV' },
    ]);
  });

  it('reads a .env file with comments, quotes and export prefixes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    const path = join(dir, '.env');
    writeFileSync(path, '# comment\nexport PORT=4100\nSANDBOX="off"\nX=\'a b\' \nY=1 # trailing\n');
    expect(readDotEnv(path)).toEqual({ PORT: '4100', SANDBOX: 'off', X: 'a b', Y: '1' });
    expect(readDotEnv(join(dir, 'missing'))).toEqual({});
  });
});

describe('security and limits configuration', () => {
  it('defaults to an open gateway with the documented limits, GraphiQL and introspection on', () => {
    const config = loadConfig({});
    expect(config.apiKeys).toEqual([]);
    expect(config.requestDeadlineMs).toBe(15_000);
    expect(config.vendorCallCap).toBe(50);
    expect(config.limits).toEqual({
      maxDepth: 12,
      maxAliases: 50,
      maxTokens: 4000,
      maxCost: 1000,
      maxBodyBytes: 4 * 1024 * 1024,
      // UserHero's docs: video files up to 50 MB, the largest any vendor accepts; plus 64 KiB of
      // multipart envelope.
      maxUploadBytes: 50 * 1024 * 1024 + 64 * 1024,
      maxConcurrentUploads: 2,
      maxIds: 100,
      maxBatch: 1,
    });
    expect([config.graphiql, config.introspection, config.csrfPrevention]).toEqual([
      true,
      true,
      true,
    ]);
    expect(config.corsOrigins).toEqual([]);
    expect(config.breaker).toEqual({ failureThreshold: 10, cooldownMs: 30_000 });
    expect(config.userheroRateLimit).toBe(100);
  });

  it('turns GraphiQL and introspection off in production unless asked for', () => {
    const production = loadConfig({ NODE_ENV: 'production' });
    expect([production.graphiql, production.introspection]).toEqual([false, false]);
    const asked = loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true', INTROSPECTION: 'on' });
    expect([asked.graphiql, asked.introspection]).toEqual([true, true]);
  });

  it('parses GATEWAY_API_KEYS into names, keys and scopes', () => {
    const { apiKeys } = loadConfig({
      GATEWAY_API_KEYS: 'dash:0123456789abcdef:read;\n ops:fedcba9876543210-x:read, write',
    });
    expect(apiKeys).toEqual([
      { name: 'dash', key: '0123456789abcdef', write: false },
      { name: 'ops', key: 'fedcba9876543210-x', write: true },
    ]);
  });

  it.each([
    ['dash:0123456789abcdef', 'entry 1 ("dash") must be name:key:scope'],
    ['dash:short:read', 'entry 1 ("dash"): the key must be 16 to 512'],
    ['dash:0123456789abcdef:admin', 'entry 1 ("dash"): scope must be read or read,write'],
    ['a:0123456789abcdef:read;a:0123456789abcdeX:read', 'entry 2 ("a"): the name is used twice'],
    ['a:0123456789abcdef:read;b:0123456789abcdef:read', 'entry 2 ("b"): the same key'],
  ])('refuses GATEWAY_API_KEYS=%j without echoing a key', (value, expected) => {
    const message = refusal({ GATEWAY_API_KEYS: value });
    expect(message).toContain(`GATEWAY_API_KEYS ${expected}`);
    expect(message).not.toContain('0123456789abcdef');
  });

  it.each([
    [{ REQUEST_DEADLINE_MS: '0' }, 'REQUEST_DEADLINE_MS must be an integer from 50 to 600000'],
    [{ VENDOR_CALL_CAP: 'many' }, 'VENDOR_CALL_CAP must be an integer'],
    [{ GRAPHQL_MAX_DEPTH: '0' }, 'GRAPHQL_MAX_DEPTH must be an integer from 1'],
    [{ GRAPHQL_MAX_COST: '1e6' }, 'GRAPHQL_MAX_COST must be an integer'],
    [{ GRAPHQL_MAX_BATCH: '0' }, 'GRAPHQL_MAX_BATCH must be an integer from 1'],
    [{ GRAPHIQL: 'maybe' }, 'GRAPHIQL must be true or false (got "maybe")'],
    [{ CSRF_PREVENTION: 'sometimes' }, 'CSRF_PREVENTION must be true or false'],
    [{ CORS_ORIGINS: 'dash.example.com' }, 'CORS_ORIGINS must be * or comma-separated origins'],
    [{ CORS_ORIGINS: 'https://a.example/path' }, 'bad entry "https://a.example/path"'],
    [{ BREAKER_COOLDOWN_MS: '-1' }, 'BREAKER_COOLDOWN_MS must be an integer'],
    [{ USERHERO_RATE_LIMIT: '0' }, 'USERHERO_RATE_LIMIT must be an integer from 1'],
  ])('refuses %j in one line naming the variable', (env, expected) => {
    expect(refusal(env)).toContain(expected);
  });

  it('takes CORS origins as a list or *', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });
});
