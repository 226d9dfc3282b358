import type { VendorProfile, VendorResponse } from '../../transport/types.js';
import { errorObject, nonEmpty, textMessage } from '../error-body.js';

export const USERHERO_DEFAULT_BASE_URL = 'https://userhero.co/api/v1';

export interface UserHeroConfig {
  baseUrl?: string;
  apiKey: string;
}

export function userheroProfile(config: UserHeroConfig): VendorProfile {
  return {
    vendor: 'userhero',
    baseUrl: config.baseUrl ?? USERHERO_DEFAULT_BASE_URL,
    authHeaders: () => ({ Authorization: `Bearer ${config.apiKey}` }),
    parseError: parseUserHeroError,
    retryAfterFromHeaders: userHeroRetryAfter,
  };
}

/** Contract: `{ "error": { "code": "not_found", "message": "..." } }`. */
function parseUserHeroError(_status: number, body: unknown): { code?: string; message?: string } {
  const json = errorObject(body);
  if (!json) return { message: textMessage(body) };
  const error = errorObject(json.error);
  if (error) return { code: nonEmpty(error.code), message: nonEmpty(error.message) };
  // Not the documented envelope; take what looks like a message.
  return { message: nonEmpty(json.error) ?? nonEmpty(json.message) };
}

/**
 * Seconds until the rate-limit window resets (`X-RateLimit-Reset`, unix seconds), once
 * `X-RateLimit-Remaining` says nothing is left, or on a 429 that does not say. `now` is in ms.
 */
export function userHeroRetryAfter(
  headers: VendorResponse['headers'],
  now: number,
): number | undefined {
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  if (remaining !== undefined && remaining > 0) return undefined;
  const reset = headerNumber(headers, 'x-ratelimit-reset');
  if (reset === undefined) return undefined;
  return Math.max(0, Math.ceil(reset - now / 1000));
}

function headerNumber(headers: VendorResponse['headers'], name: string): number | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const raw = key === undefined ? undefined : headers[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
