import { derivedRandom } from './derive.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface SandboxSecrets {
  userlaneToken: string;
  userlanePropertyId: string;
  userloopApiKey: string;
  userheroApiKey: string;
  planhatToken: string;
}

/**
 * Credentials shaped like each vendor's real ones, drawn from their own stream so that they do
 * not shift the data generated for the same seed.
 */
export function generateSecrets(seed: number): SandboxSecrets {
  const draw = (label: string, length: number, alphabet = ALPHABET) => {
    const random = derivedRandom(seed, 'secret', label);
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
    return out;
  };
  return {
    userlaneToken: draw('userlane', 48),
    userlanePropertyId: `app-${draw('userlane-property', 8, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
    userloopApiKey: `ulp_${draw('userloop', 40)}`,
    userheroApiKey: `sk_live_${draw('userhero', 32)}`,
    planhatToken: `pht_${draw('planhat', 56)}`,
  };
}
