import { defineVendor } from '../entry.js';
import { nonEmpty, urlVar } from '../env.js';
import { UserHeroClient } from './client.js';
import { USERHERO_DEFAULT_BASE_URL, userheroProfile } from './profile.js';

export interface UserHeroConfig {
  baseUrl: string;
  apiKey: string;
  workspaceId: string | undefined;
}

export const userhero = defineVendor({
  name: 'userhero',
  displayName: 'UserHero',
  source: 'USERHERO',
  sourceDescription: 'UserHero feedback inbox, customers and automations.',
  credentialVariable: 'USERHERO_API_KEY',
  baseUrl: { variable: 'USERHERO_BASE_URL', default: USERHERO_DEFAULT_BASE_URL },
  variables: ['USERHERO_API_KEY', 'USERHERO_WORKSPACE_ID', 'USERHERO_BASE_URL'],
  parseConfig: (env): UserHeroConfig | undefined => {
    const apiKey = nonEmpty(env.USERHERO_API_KEY);
    const baseUrl = urlVar(env, 'USERHERO_BASE_URL', USERHERO_DEFAULT_BASE_URL);
    const workspaceId = nonEmpty(env.USERHERO_WORKSPACE_ID);
    return apiKey ? { baseUrl, apiKey, workspaceId } : undefined;
  },
  profile: (config: UserHeroConfig) => userheroProfile(config),
  client: (http) => new UserHeroClient(http),
  probe: (client: UserHeroClient, signal) => client.workspaces({ signal }),
  // UserHero allows 100 calls a minute per key (USERHERO_RATE_LIMIT); the others publish no limit.
  costWeight: 2,
  budget: (settings) => ({ limit: settings.userheroRateLimit, windowMs: 60_000 }),
});
