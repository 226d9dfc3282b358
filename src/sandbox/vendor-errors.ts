import { planhatError } from './planhat/errors.js';
import type { SandboxResponse, SandboxVendor } from './types.js';
import { userlaneError } from './userlane/errors.js';
import { userloopError } from './userloop/errors.js';

const USERHERO_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  429: 'rate_limited',
};

/**
 * A refusal in the vendor's own envelope, for answers the harness makes itself (injected faults,
 * paths outside the base path). UserHero's carries its rate-limit headers like every answer.
 */
export function vendorError(
  vendor: SandboxVendor,
  status: number,
  message?: string,
): SandboxResponse {
  switch (vendor) {
    case 'userlane':
      return userlaneError(status, message);
    case 'userloop':
      return userloopError(status, message);
    case 'planhat':
      return planhatError(status, message);
    case 'userhero': {
      const code = USERHERO_CODES[status] ?? 'internal_error';
      const resetAt = Math.ceil(Date.now() / 1000) + 60;
      const headers: Record<string, string> = {
        'X-RateLimit-Remaining': status === 429 ? '0' : '99',
        'X-RateLimit-Reset': String(resetAt),
      };
      if (status === 429) headers['Retry-After'] = '60';
      return {
        status,
        headers,
        body: { error: { code, message: message ?? `Request failed with status ${status}` } },
      };
    }
  }
}
