import type { VendorProfile } from '../../transport/types.js';
import { errorObject, nonEmpty, textMessage } from '../error-body.js';
import { isRecord } from '../shape.js';

/** Contract: the documented base path, which the docs' curl examples truncate. */
export const USERLANE_DEFAULT_BASE_URL = 'https://api.userlane.com/analytics/public';

export interface UserlaneConfig {
  baseUrl?: string;
  token: string;
}

export function userlaneProfile(config: UserlaneConfig): VendorProfile {
  return {
    vendor: 'userlane',
    baseUrl: config.baseUrl ?? USERLANE_DEFAULT_BASE_URL,
    // Contract: the token is the whole header value, with no scheme word.
    authHeaders: () => ({ Authorization: config.token }),
    // Contract: `{ "message": ... }` or not JSON at all; nothing else is promised.
    parseError: (_status, body) => {
      const json = errorObject(body);
      if (json) return { message: nonEmpty(json.message) ?? detailMessage(json.detail) };
      return { message: textMessage(body) };
    },
  };
}

/** 422 bodies may list validation failures (`detail: [{ msg }]`), as FastAPI services do. */
function detailMessage(detail: unknown): string | undefined {
  if (!Array.isArray(detail)) return nonEmpty(detail);
  const messages = detail.map((d) => nonEmpty(isRecord(d) ? d.msg : d)).filter((m) => m);
  return messages.length > 0 ? messages.join('; ') : undefined;
}
