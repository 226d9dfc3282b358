import type { VendorProfile } from '../../transport/types.js';
import { errorObject, nonEmpty, textMessage } from '../error-body.js';

export const PLANHAT_DEFAULT_BASE_URL = 'https://api.planhat.com';

export interface PlanhatConfig {
  baseUrl?: string;
  token: string;
}

export function planhatProfile(config: PlanhatConfig): VendorProfile {
  return {
    vendor: 'planhat',
    baseUrl: config.baseUrl ?? PLANHAT_DEFAULT_BASE_URL,
    authHeaders: () => ({ Authorization: `Bearer ${config.token}` }),
    // Contract: JSON or text, in no documented shape; the status decides, the body only informs.
    parseError: (_status, body) => {
      const json = errorObject(body);
      if (!json) return { message: textMessage(body) };
      const nested = errorObject(json.error);
      return {
        code: nonEmpty(json.code) ?? nonEmpty(nested?.code),
        message:
          nonEmpty(json.message) ??
          nonEmpty(nested?.message) ??
          nonEmpty(json.error) ??
          nonEmpty(json.msg),
      };
    },
  };
}
