import type { VendorProfile } from '../../transport/types.js';
import { errorObject, nonEmpty, textMessage } from '../error-body.js';

export const USERLOOP_DEFAULT_BASE_URL = 'https://api.userloop.io';

export interface UserLoopConfig {
  baseUrl?: string;
  apiKey: string;
}

export function userloopProfile(config: UserLoopConfig): VendorProfile {
  return {
    vendor: 'userloop',
    baseUrl: config.baseUrl ?? USERLOOP_DEFAULT_BASE_URL,
    authHeaders: () => ({ 'X-API-Key': config.apiKey }),
    // Contract: `{ "error": "Forbidden", "code": "FORBIDDEN", "detail": "..." }`.
    parseError: (_status, body) => {
      const json = errorObject(body);
      if (!json) return { message: textMessage(body) };
      return { code: nonEmpty(json.code), message: nonEmpty(json.detail) ?? nonEmpty(json.error) };
    },
  };
}
