import { defineVendor } from '../entry.js';
import type { Env } from '../env.js';
import { ConfigError, nonEmpty, urlVar } from '../env.js';
import { UserlaneClient } from './client.js';
import { USERLANE_DEFAULT_BASE_URL, userlaneProfile } from './profile.js';

export interface UserlaneConfig {
  baseUrl: string;
  token: string;
  propertyId: string;
}

export const userlane = defineVendor({
  name: 'userlane',
  displayName: 'Userlane',
  source: 'USERLANE',
  sourceDescription: 'Userlane Analytics (in-app HEART, NPS, surveys, tags, tasks).',
  credentialVariable: 'USERLANE_API_TOKEN',
  baseUrl: { variable: 'USERLANE_BASE_URL', default: USERLANE_DEFAULT_BASE_URL },
  variables: [
    'USERLANE_API_TOKEN',
    'USERLANE_PROPERTY_ID',
    'USERLANE_BASE_URL',
    'USERLANE_SURVEYS',
  ],
  parseConfig: (env): UserlaneConfig | undefined => {
    const token = nonEmpty(env.USERLANE_API_TOKEN);
    const propertyId = nonEmpty(env.USERLANE_PROPERTY_ID);
    const baseUrl = urlVar(env, 'USERLANE_BASE_URL', USERLANE_DEFAULT_BASE_URL);
    if (propertyId !== undefined && propertyId.length > 16) {
      throw new ConfigError(
        `USERLANE_PROPERTY_ID must be at most 16 characters (got ${propertyId.length})`,
      );
    }
    if (token && !propertyId) {
      throw new ConfigError('USERLANE_PROPERTY_ID is required when USERLANE_API_TOKEN is set');
    }
    return token && propertyId ? { baseUrl, token, propertyId } : undefined;
  },
  profile: (config: UserlaneConfig) => userlaneProfile(config),
  client: (http, config: UserlaneConfig) =>
    new UserlaneClient(http, { propertyId: config.propertyId }),
  probe: (client: UserlaneClient, signal) => {
    const today = new Date().toISOString().slice(0, 10);
    return client.heart({ from: today, to: today }, 1, 0, { signal });
  },
  costWeight: 1,
});

/** `USERLANE_SURVEYS`: the known in-app surveys (`id:Title,…`; the vendor has no catalog). */
export function userlaneSurveys(env: Env): { id: string; title: string }[] {
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
