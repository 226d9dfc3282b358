import { defineVendor } from '../entry.js';
import { nonEmpty, urlVar } from '../env.js';
import { UserLoopClient } from './client.js';
import { USERLOOP_DEFAULT_BASE_URL, userloopProfile } from './profile.js';

export interface UserLoopConfig {
  baseUrl: string;
  apiKey: string;
  /** USERLOOP_COMPANY_ID: sent as `company_id` on catalog reads (the vendor checks the key's). */
  companyId?: string;
}

export const userloop = defineVendor({
  name: 'userloop',
  displayName: 'UserLoop',
  source: 'USERLOOP',
  sourceDescription: 'UserLoop post-purchase surveys.',
  credentialVariable: 'USERLOOP_API_KEY',
  baseUrl: { variable: 'USERLOOP_BASE_URL', default: USERLOOP_DEFAULT_BASE_URL },
  variables: ['USERLOOP_API_KEY', 'USERLOOP_BASE_URL', 'USERLOOP_COMPANY_ID'],
  parseConfig: (env): UserLoopConfig | undefined => {
    const apiKey = nonEmpty(env.USERLOOP_API_KEY);
    const baseUrl = urlVar(env, 'USERLOOP_BASE_URL', USERLOOP_DEFAULT_BASE_URL);
    const companyId = nonEmpty(env.USERLOOP_COMPANY_ID);
    if (!apiKey) return undefined;
    return companyId ? { baseUrl, apiKey, companyId } : { baseUrl, apiKey };
  },
  profile: (config: UserLoopConfig) => userloopProfile(config),
  client: (http, config: UserLoopConfig) =>
    new UserLoopClient(http, { companyId: config.companyId }),
  // Reachability is the vendor's own `GET /health` (documented for exactly that, no key): one
  // call per probe, as for every vendor. A refused key or company shows on the fields instead.
  probe: (client: UserLoopClient, signal) => client.health({ signal }),
  costWeight: 1,
});
