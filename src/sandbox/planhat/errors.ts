import type { SandboxResponse } from '../types.js';

const TEXT_STATUSES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * Planhat answers some refusals in plain text and others as `{ "error": ... }` JSON; the contract
 * says never to rely on the body, and this mix keeps clients honest about it.
 */
export function planhatError(status: number, message?: string): SandboxResponse {
  const text = TEXT_STATUSES[status];
  if (text !== undefined) {
    return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
  }
  return { status, body: { error: message ?? `Request failed with status ${status}` } };
}
