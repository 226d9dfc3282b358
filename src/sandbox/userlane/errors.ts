import type { SandboxResponse } from '../types.js';

const MESSAGES: Record<number, string> = {
  400: 'Bad request.',
  401: 'Missing or invalid API token.',
  404: 'Not found.',
  405: 'Method not allowed.',
  422: 'Request validation failed (invalid path/query parameter).',
  429: 'Too many requests.',
};

/** `{ "message": ... }`, the body the docs show for 401 and 422. */
export function userlaneError(status: number, message?: string): SandboxResponse {
  return { status, body: { message: message ?? MESSAGES[status] ?? 'Internal server error.' } };
}
