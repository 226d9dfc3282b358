import type { VendorRequest, VendorResponse } from './types.js';

/** Only calls that cannot change vendor state twice may be sent again. */
export function isReplayable(req: VendorRequest): boolean {
  if (req.raw) return false; // a streamed body is consumed by the first attempt
  if (req.method === 'GET') return true;
  return req.method === 'POST' && req.idempotencyKey !== undefined;
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Seconds from a `Retry-After` header: delta-seconds or an HTTP date. */
export function parseRetryAfter(
  headers: VendorResponse['headers'],
  now: number,
): number | undefined {
  const raw = headers['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - now) / 1000);
}

/** Exponential backoff with full jitter: spreads retries of concurrent callers apart. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
