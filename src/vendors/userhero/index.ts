import { defineVendor } from '../entry.js';
import { ConfigError, nonEmpty, urlVar } from '../env.js';
import { UserHeroClient } from './client.js';
import { USERHERO_DEFAULT_BASE_URL, userheroProfile } from './profile.js';

export interface UserHeroConfig {
  baseUrl: string;
  apiKey: string;
  workspaceId: string | undefined;
  /** USERHERO_HOOKS_BASE_URL: where incoming webhooks are posted (same origin as the API). */
  hooksBaseUrl: string;
}

export const USERHERO_DEFAULT_HOOKS_BASE_URL = 'https://userhero.co/api/hooks';

/**
 * The hooks base on the API's origin: one connection pool serves both, and the API key is never
 * sent to a host it was not configured for (hook calls carry no key at all). Unset, it is
 * `/api/hooks` on the API's origin (`https://userhero.co/api/hooks` by default).
 */
function hooksBase(env: Record<string, string | undefined>, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  const fallback =
    origin === new URL(USERHERO_DEFAULT_BASE_URL).origin
      ? USERHERO_DEFAULT_HOOKS_BASE_URL
      : `${origin}/api/hooks`;
  const hooks = urlVar(env, 'USERHERO_HOOKS_BASE_URL', fallback);
  if (new URL(hooks).origin !== origin) {
    throw new ConfigError(
      `USERHERO_HOOKS_BASE_URL must be on the same origin as USERHERO_BASE_URL (${origin})`,
    );
  }
  return hooks;
}

export const userhero = defineVendor({
  name: 'userhero',
  displayName: 'UserHero',
  source: 'USERHERO',
  sourceDescription: 'UserHero feedback inbox, customers and automations.',
  credentialVariable: 'USERHERO_API_KEY',
  baseUrl: { variable: 'USERHERO_BASE_URL', default: USERHERO_DEFAULT_BASE_URL },
  variables: [
    'USERHERO_API_KEY',
    'USERHERO_WORKSPACE_ID',
    'USERHERO_BASE_URL',
    'USERHERO_HOOKS_BASE_URL',
  ],
  parseConfig: (env): UserHeroConfig | undefined => {
    const apiKey = nonEmpty(env.USERHERO_API_KEY);
    const baseUrl = urlVar(env, 'USERHERO_BASE_URL', USERHERO_DEFAULT_BASE_URL);
    const workspaceId = nonEmpty(env.USERHERO_WORKSPACE_ID);
    if (!apiKey) return undefined;
    return { baseUrl, apiKey, workspaceId, hooksBaseUrl: hooksBase(env, baseUrl) };
  },
  profile: (config: UserHeroConfig) => userheroProfile(config),
  client: (http, config: UserHeroConfig) =>
    new UserHeroClient(http, { hooksPath: new URL(config.hooksBaseUrl).pathname }),
  probe: (client: UserHeroClient, signal) => client.workspaces({ signal }),
  // UserHero allows 100 calls a minute per key (USERHERO_RATE_LIMIT); the others publish no limit.
  costWeight: 2,
  budget: (settings) => ({ limit: settings.userheroRateLimit, windowMs: 60_000 }),
});
