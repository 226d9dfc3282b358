import type { SandboxResponse } from '../types.js';

const ERRORS: Record<number, [error: string, code: string]> = {
  400: ['Bad Request', 'BAD_REQUEST'],
  401: ['Unauthorized', 'UNAUTHORIZED'],
  403: ['Forbidden', 'FORBIDDEN'],
  404: ['Not Found', 'NOT_FOUND'],
  429: ['Too Many Requests', 'RATE_LIMITED'],
};

/** The documented envelope `{ error, code, detail }`; unknown statuses map to INTERNAL. */
export function userloopError(status: number, detail?: string): SandboxResponse {
  const [error, code] = ERRORS[status] ?? ['Internal Server Error', 'INTERNAL'];
  return { status, body: { error, code, detail: detail ?? `${error}` } };
}
