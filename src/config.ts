import { existsSync, readFileSync, statSync } from 'node:fs';
import type { LogLevel } from './logger.js';

/** A configuration value that cannot work; main prints the message as one line and exits. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type SandboxMode = 'auto' | 'on' | 'off';

export interface UserlaneConfig {
  baseUrl: string;
  token: string;
  propertyId: string;
}
export interface UserLoopConfig {
  baseUrl: string;
  apiKey: string;
}
export interface UserHeroConfig {
  baseUrl: string;
  apiKey: string;
  workspaceId: string | undefined;
}
export interface PlanhatConfig {
  baseUrl: string;
  token: string;
}

export interface GatewayConfig {
  port: number;
  sandbox: SandboxMode;
  production: boolean;
  logLevel: LogLevel;
  vendorTimeoutMs: number;
  /** Known Userlane in-app surveys (the vendor has no catalog endpoint). */
  userlaneSurveys: { id: string; title: string }[];
  userlaneLookupsDir: string | undefined;
  userDirectory: string | undefined;
  userlane: UserlaneConfig | undefined;
  userloop: UserLoopConfig | undefined;
  userhero: UserHeroConfig | undefined;
  planhat: PlanhatConfig | undefined;
}

export type Env = Record<string, string | undefined>;

/** Names of the variables that carry vendor credentials: any of them turns the sandbox off. */
export const CREDENTIAL_VARIABLES = [
  'USERLANE_API_TOKEN',
  'USERLOOP_API_KEY',
  'USERHERO_API_KEY',
  'PLANHAT_API_TOKEN',
] as const;

export const DEFAULT_BASE_URLS = {
  USERLANE_BASE_URL: 'https://api.userlane.com/analytics/public',
  USERLOOP_BASE_URL: 'https://api.userloop.io',
  USERHERO_BASE_URL: 'https://userhero.co/api/v1',
  PLANHAT_BASE_URL: 'https://api.planhat.com',
} as const;

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

  const config: GatewayConfig = {
    port: check(() => intVar(env, 'PORT', 4000, 0, 65535), 4000),
    sandbox: check(() => sandboxMode(env), 'auto'),
    production: env.NODE_ENV === 'production',
    logLevel: check(() => logLevel(env), 'info'),
    vendorTimeoutMs: check(() => intVar(env, 'VENDOR_TIMEOUT_MS', 5000, 1, 120_000), 5000),
    userlaneSurveys: check(() => userlaneSurveys(env), []),
    userlaneLookupsDir: check(() => directoryVar(env, 'USERLANE_LOOKUPS_DIR'), undefined),
    userDirectory: check(() => fileVar(env, 'USER_DIRECTORY'), undefined),
    userlane: check(() => userlane(env), undefined),
    userloop: check(() => {
      const apiKey = nonEmpty(env.USERLOOP_API_KEY);
      const baseUrl = urlVar(env, 'USERLOOP_BASE_URL');
      return apiKey ? { baseUrl, apiKey } : undefined;
    }, undefined),
    userhero: check(() => {
      const apiKey = nonEmpty(env.USERHERO_API_KEY);
      const baseUrl = urlVar(env, 'USERHERO_BASE_URL');
      const workspaceId = nonEmpty(env.USERHERO_WORKSPACE_ID);
      return apiKey ? { baseUrl, apiKey, workspaceId } : undefined;
    }, undefined),
    planhat: check(() => {
      const token = nonEmpty(env.PLANHAT_API_TOKEN);
      const baseUrl = urlVar(env, 'PLANHAT_BASE_URL');
      return token ? { baseUrl, token } : undefined;
    }, undefined),
  };
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return config;
}

function userlane(env: Env): UserlaneConfig | undefined {
  const token = nonEmpty(env.USERLANE_API_TOKEN);
  const propertyId = nonEmpty(env.USERLANE_PROPERTY_ID);
  const baseUrl = urlVar(env, 'USERLANE_BASE_URL');
  if (propertyId !== undefined && propertyId.length > 16) {
    throw new ConfigError(
      `USERLANE_PROPERTY_ID must be at most 16 characters (got ${propertyId.length})`,
    );
  }
  if (token && !propertyId) {
    throw new ConfigError('USERLANE_PROPERTY_ID is required when USERLANE_API_TOKEN is set');
  }
  return token && propertyId ? { baseUrl, token, propertyId } : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
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

function urlVar(env: Env, name: keyof typeof DEFAULT_BASE_URLS): string {
  const raw = nonEmpty(env[name]) ?? DEFAULT_BASE_URLS[name];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must use http or https (got "${url.protocol}")`);
  }
  if (url.search || url.hash) {
    throw new ConfigError(`${name} must not carry a query string or fragment (got "${raw}")`);
  }
  return raw.replace(/\/+$/, '');
}

function userlaneSurveys(env: Env): { id: string; title: string }[] {
  const raw = nonEmpty(env.USERLANE_SURVEYS);
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => {
    const at = entry.indexOf(':');
    const id = entry.slice(0, at).trim();
    const title = entry.slice(at + 1).trim();
    if (at < 0 || !id || !title) {
      throw new ConfigError(
        `USERLANE_SURVEYS must be a comma-separated list of id:Title pairs (bad entry "${entry.trim()}")`,
      );
    }
    return { id, title };
  });
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
