import { defineVendor } from '../entry.js';
import { nonEmpty, urlVar } from '../env.js';
import { UserLoopClient } from './client.js';
import { USERLOOP_DEFAULT_BASE_URL, userloopProfile } from './profile.js';

export interface UserLoopConfig {
  baseUrl: string;
  apiKey: string;
}

export const userloop = defineVendor({
  name: 'userloop',
  displayName: 'UserLoop',
  source: 'USERLOOP',
  sourceDescription: 'UserLoop post-purchase surveys.',
  credentialVariable: 'USERLOOP_API_KEY',
  baseUrl: { variable: 'USERLOOP_BASE_URL', default: USERLOOP_DEFAULT_BASE_URL },
  variables: ['USERLOOP_API_KEY', 'USERLOOP_BASE_URL'],
  parseConfig: (env): UserLoopConfig | undefined => {
    const apiKey = nonEmpty(env.USERLOOP_API_KEY);
    const baseUrl = urlVar(env, 'USERLOOP_BASE_URL', USERLOOP_DEFAULT_BASE_URL);
    return apiKey ? { baseUrl, apiKey } : undefined;
  },
  profile: (config: UserLoopConfig) => userloopProfile(config),
  client: (http) => new UserLoopClient(http),
  probe: (client: UserLoopClient, signal) => client.surveys({ signal }),
  costWeight: 1,
});
