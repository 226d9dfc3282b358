import { defineVendor } from '../entry.js';
import { nonEmpty, urlVar } from '../env.js';
import { PlanhatClient } from './client.js';
import { PLANHAT_DEFAULT_BASE_URL, planhatProfile } from './profile.js';

export interface PlanhatConfig {
  baseUrl: string;
  token: string;
}

export const planhat = defineVendor({
  name: 'planhat',
  displayName: 'Planhat',
  source: 'PLANHAT',
  sourceDescription: 'Planhat NPS records.',
  credentialVariable: 'PLANHAT_API_TOKEN',
  baseUrl: { variable: 'PLANHAT_BASE_URL', default: PLANHAT_DEFAULT_BASE_URL },
  variables: ['PLANHAT_API_TOKEN', 'PLANHAT_BASE_URL'],
  parseConfig: (env): PlanhatConfig | undefined => {
    const token = nonEmpty(env.PLANHAT_API_TOKEN);
    const baseUrl = urlVar(env, 'PLANHAT_BASE_URL', PLANHAT_DEFAULT_BASE_URL);
    return token ? { baseUrl, token } : undefined;
  },
  profile: (config: PlanhatConfig) => planhatProfile(config),
  client: (http) => new PlanhatClient(http),
  probe: (client: PlanhatClient, signal) => client.listNps({ limit: 1 }, { signal }),
  costWeight: 1,
});
