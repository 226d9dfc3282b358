import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ClientFeatures } from './client-config.js';
import { CLIENT_DEFAULTS, clientFeatures } from './client-config.js';
import type { LogLevel } from './logger.js';
import { ConfigError, type Env, intVar, nonEmpty } from './vendors/env.js';
import type { VendorConfigs } from './vendors/registry.js';
import { VENDORS } from './vendors/registry.js';
import { userlaneSurveys } from './vendors/userlane/index.js';
import { type SharedStateConfig, sharedStateConfig } from './shared-state/config.js';

export { ConfigError } from './vendors/env.js';
export type { Env } from './vendors/env.js';

export type SandboxMode = 'auto' | 'on' | 'off';

/** A client's API key; `write` allows mutations. */
export interface ApiKey {
  name: string;
  key: string;
  write: boolean;
}

/** Refusals before execution: a request over any of these costs no vendor call. */
export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  /** Estimated vendor calls, weighted per vendor (see src/http/cost.ts). */
  maxCost: number;
  maxBodyBytes: number;
  /** Multipart requests (file uploads) only. */
  maxUploadBytes: number;
  /** Multipart requests whose bodies are read at once; others wait, their bodies unread. */
  maxConcurrentUploads: number;
  /** Ids in one list argument (`nodes(ids:)`): each is a vendor lookup. */
  maxIds: number;
  /** Operations in one batched request; 1 turns batching off. */
  maxBatch: number;
}

/** The gateway's settings, and one configuration (or undefined) per registered vendor. */
export interface GatewayConfig extends VendorConfigs {
  port: number;
  sandbox: SandboxMode;
  production: boolean;
  logLevel: LogLevel;
  vendorTimeoutMs: number;
  /** Empty: the gateway is open (no client authentication). */
  apiKeys: ApiKey[];
  requestDeadlineMs: number;
  /** Calls one GraphQL request may make to one vendor. */
  vendorCallCap: number;
  limits: RequestLimits;
  graphiql: boolean;
  introspection: boolean;
  /** Origins allowed by CORS; `*` for any; empty for none (same origin only). */
  corsOrigins: string[];
  csrfPrevention: boolean;
  clients: ClientFeatures;
  breaker: { failureThreshold: number; cooldownMs: number };
  /** UserHero's requests per minute per key (its documented 100 unless the plan says more). */
  userheroRateLimit: number;
  /** Cross-request cache of the NPS range exports: fresh for `ttlMs` (0: off), served stale
   * up to `maxAgeMs` while one background refresh runs. */
  exportCache: { ttlMs: number; maxAgeMs: number };
  /** Known Userlane in-app surveys (the vendor has no catalog endpoint). */
  userlaneSurveys: { id: string; title: string }[];
  userlaneLookupsDir: string | undefined;
  userDirectory: string | undefined;
  /** REDIS_URL and its companions: replicas share through Redis; undefined: one replica. */
  sharedState: SharedStateConfig | undefined;
  /** `GET /metrics` (Prometheus); `maxOperations`: operation names given their own label. */
  metrics: { enabled: boolean; maxOperations: number };
}

/** Names of the variables that carry vendor credentials: any of them turns the sandbox off. */
export const CREDENTIAL_VARIABLES: readonly string[] = VENDORS.map((v) => v.credentialVariable);

/** Each vendor's base URL variable and its documented default. */
export const DEFAULT_BASE_URLS: Readonly<Record<string, string>> = Object.fromEntries(
  VENDORS.map((v) => [v.baseUrl.variable, v.baseUrl.default]),
);

export function hasVendorCredentials(env: Env): boolean {
  return CREDENTIAL_VARIABLES.some((name) => nonEmpty(env[name]) !== undefined);
}

/** Validates every variable; the first problems found are reported in one line. */
export function loadConfig(env: Env): GatewayConfig {
  const problems: string[] = [];
  const check = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ConfigError) {
        problems.push(error.message);
        return fallback;
      }
      throw error;
    }
  };

  const production = env.NODE_ENV === 'production';
  const int = (name: keyof typeof LIMIT_DEFAULTS, min: number, max: number) =>
    check(() => intVar(env, name, LIMIT_DEFAULTS[name], min, max), LIMIT_DEFAULTS[name]);
  const config: GatewayConfig = {
    port: check(() => intVar(env, 'PORT', 4000, 0, 65535), 4000),
    sandbox: check(() => sandboxMode(env), 'auto'),
    production,
    logLevel: check(() => logLevel(env), 'info'),
    vendorTimeoutMs: check(() => intVar(env, 'VENDOR_TIMEOUT_MS', 5000, 1, 120_000), 5000),
    apiKeys: check(() => apiKeys(env), []),
    requestDeadlineMs: int('REQUEST_DEADLINE_MS', 50, 600_000),
    vendorCallCap: int('VENDOR_CALL_CAP', 1, 100_000),
    limits: {
      maxDepth: int('GRAPHQL_MAX_DEPTH', 1, 1000),
      maxAliases: int('GRAPHQL_MAX_ALIASES', 0, 100_000),
      maxTokens: int('GRAPHQL_MAX_TOKENS', 10, 10_000_000),
      maxCost: int('GRAPHQL_MAX_COST', 1, 100_000_000),
      maxBodyBytes: int('GRAPHQL_MAX_BODY_BYTES', 100, 1_000_000_000),
      maxUploadBytes: int('GRAPHQL_MAX_UPLOAD_BYTES', 100, 10_000_000_000),
      maxConcurrentUploads: int('GRAPHQL_MAX_CONCURRENT_UPLOADS', 1, 1000),
      maxIds: int('GRAPHQL_MAX_IDS', 1, 10_000),
      maxBatch: int('GRAPHQL_MAX_BATCH', 1, 1000),
    },
    graphiql: check(() => boolVar(env, 'GRAPHIQL', !production), !production),
    introspection: check(() => boolVar(env, 'INTROSPECTION', !production), !production),
    corsOrigins: check(() => corsOrigins(env), []),
    csrfPrevention: check(() => boolVar(env, 'CSRF_PREVENTION', true), true),
    clients: check(() => clientFeatures(env), CLIENT_DEFAULTS),
    breaker: {
      failureThreshold: int('BREAKER_FAILURES', 1, 10_000),
      cooldownMs: int('BREAKER_COOLDOWN_MS', 1, 3_600_000),
    },
    userheroRateLimit: int('USERHERO_RATE_LIMIT', 1, 1_000_000),
    exportCache: {
      ttlMs: int('EXPORT_CACHE_TTL_MS', 0, 3_600_000),
      maxAgeMs: int('EXPORT_CACHE_MAX_AGE_MS', 0, 86_400_000),
    },
    userlaneSurveys: check(() => userlaneSurveys(env), []),
    userlaneLookupsDir: check(() => directoryVar(env, 'USERLANE_LOOKUPS_DIR'), undefined),
    userDirectory: check(() => fileVar(env, 'USER_DIRECTORY'), undefined),
    sharedState: check(() => sharedStateConfig(env), undefined),
    metrics: {
      enabled: check(() => boolVar(env, 'METRICS', true), true),
      maxOperations: int('METRICS_MAX_OPERATIONS', 0, 10_000),
    },
    // Each vendor's own variables, parsed by its registry entry.
    ...(Object.fromEntries(
      VENDORS.map((v) => [v.name, check(() => v.parseConfig(env), undefined)]),
    ) as VendorConfigs),
  };
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return config;
}

/** What a multipart upload carries besides its file, at most. */
export const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

/** Defaults of the numeric variables; the README's configuration table states the same. */
export const LIMIT_DEFAULTS = {
  REQUEST_DEADLINE_MS: 15_000,
  VENDOR_CALL_CAP: 50,
  EXPORT_CACHE_TTL_MS: 30_000,
  EXPORT_CACHE_MAX_AGE_MS: 300_000,
  GRAPHQL_MAX_DEPTH: 12,
  GRAPHQL_MAX_ALIASES: 50,
  GRAPHQL_MAX_TOKENS: 4000,
  GRAPHQL_MAX_COST: 1000,
  GRAPHQL_MAX_BODY_BYTES: 4 * 1024 * 1024,
  // The largest file a vendor accepts (UserHero: 50 MB video, src/vendors/userhero/limits.ts)
  // plus room for the multipart envelope (operations, map, part headers).
  GRAPHQL_MAX_UPLOAD_BYTES: 50 * 1024 * 1024 + MULTIPART_ENVELOPE_BYTES,
  GRAPHQL_MAX_CONCURRENT_UPLOADS: 2,
  GRAPHQL_MAX_IDS: 100,
  GRAPHQL_MAX_BATCH: 1,
  BREAKER_FAILURES: 10,
  BREAKER_COOLDOWN_MS: 30_000,
  USERHERO_RATE_LIMIT: 100,
  METRICS_MAX_OPERATIONS: 100,
} as const;

const API_KEY_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const API_KEY_VALUE = /^[\x21-\x7e]{16,512}$/;

/**
 * `GATEWAY_API_KEYS`: `name:key:scope` entries separated by `;` or new lines, scope `read` or
 * `read,write`. A refusal names the entry by position and name, never by its key.
 */
function apiKeys(env: Env): ApiKey[] {
  const raw = nonEmpty(env.GATEWAY_API_KEYS);
  if (raw === undefined) return [];
  const entries = raw
    .split(/[;\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  const keys: ApiKey[] = [];
  entries.forEach((entry, index) => {
    const parts = entry.split(':');
    const name = parts[0]?.trim() ?? '';
    const scope = parts.length === 3 ? parts[2]!.replace(/\s+/g, '').toLowerCase() : '';
    const key = parts.length === 3 ? parts[1]!.trim() : '';
    const which = `entry ${index + 1}${API_KEY_NAME.test(name) ? ` ("${name}")` : ''}`;
    if (parts.length !== 3 || !API_KEY_NAME.test(name)) {
      throw new ConfigError(
        `GATEWAY_API_KEYS ${which} must be name:key:scope (name of letters, digits, _ . -)`,
      );
    }
    if (!API_KEY_VALUE.test(key) || key.includes(';')) {
      throw new ConfigError(
        `GATEWAY_API_KEYS ${which}: the key must be 16 to 512 printable characters without spaces, ":" or ";"`,
      );
    }
    if (scope !== 'read' && scope !== 'read,write' && scope !== 'write,read') {
      throw new ConfigError(`GATEWAY_API_KEYS ${which}: scope must be read or read,write`);
    }
    if (keys.some((other) => other.name === name)) {
      throw new ConfigError(`GATEWAY_API_KEYS ${which}: the name is used twice`);
    }
    if (keys.some((other) => other.key === key)) {
      throw new ConfigError(`GATEWAY_API_KEYS ${which}: the same key is listed twice`);
    }
    keys.push({ name, key, write: scope !== 'read' });
  });
  return keys;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'on', 'yes'].includes(raw)) return true;
  if (['false', '0', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

/** `CORS_ORIGINS`: `*`, or comma-separated origins such as `https://dash.example.com`. */
function corsOrigins(env: Env): string[] {
  const raw = nonEmpty(env.CORS_ORIGINS);
  if (raw === undefined) return [];
  if (raw === '*') return ['*'];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS must be * or comma-separated origins like https://dash.example.com (bad entry "${origin}")`,
      );
    }
    return origin;
  });
}

function sandboxMode(env: Env): SandboxMode {
  const raw = nonEmpty(env.SANDBOX)?.toLowerCase() ?? 'auto';
  if (raw === 'auto' || raw === 'on' || raw === 'off') return raw;
  throw new ConfigError(`SANDBOX must be one of auto, on, off (got "${env.SANDBOX}")`);
}

function logLevel(env: Env): LogLevel {
  const raw = nonEmpty(env.LOG_LEVEL)?.toLowerCase() ?? 'info';
  if (['debug', 'info', 'warn', 'error', 'silent'].includes(raw)) return raw as LogLevel;
  throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error, silent (got "${raw}")`);
}

function directoryVar(env: Env, name: string): string | undefined {
  const path = nonEmpty(env[name]);
  if (path === undefined) return undefined;
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new ConfigError(`${name} must be an existing directory (got "${path}")`);
  }
  return path;
}

function fileVar(env: Env, name: string): string | undefined {
  const path = nonEmpty(env[name]);
  if (path === undefined) return undefined;
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new ConfigError(`${name} must be an existing file (got "${path}")`);
  }
  return path;
}

/** `.env` lines `KEY=value` (optionally quoted, `#` comments); the real environment wins. */
export function readDotEnv(path: string): Env {
  if (!existsSync(path)) return {};
  const env: Env = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const [, key, rawValue = ''] = match;
    const quoted = /^(['"])(.*)\1$/.exec(rawValue);
    if (key) env[key] = quoted ? (quoted[2] ?? '') : rawValue.replace(/\s+#.*$/, '');
  }
  return env;
}
