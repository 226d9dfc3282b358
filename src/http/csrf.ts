import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './responses.js';

/** Content types a browser sends cross-site without asking the server first (no preflight). */
const SIMPLE_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/** Any of these, non-empty, proves the request was preflighted (or sent by a non-browser client). */
export const PREFLIGHT_HEADERS = [
  'graphql-require-preflight',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-graphql-yoga-csrf',
] as const;

/**
 * A browser on another site can send a GET, or a POST with a simple content type, without a CORS
 * preflight and with the user's network position. Such requests must name a custom header, which
 * browsers only send after a preflight that CORS_ORIGINS governs. JSON POSTs are preflighted by
 * nature and pass. (Apollo Server's CSRF prevention, with the same headers.)
 */
export function isPreflighted(request: Request): boolean {
  const contentType = request.headers.get('content-type');
  if (contentType) {
    const mime = contentType.split(';')[0]!.trim().toLowerCase();
    if (!SIMPLE_TYPES.has(mime)) return true;
  }
  return PREFLIGHT_HEADERS.some((name) => (request.headers.get(name) ?? '').trim() !== '');
}

/** Runs for every request Yoga sees (the front door lets only `/graphql` in): no path check. */
export function useCsrfPrevention(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === 'OPTIONS') return;
      if (isPreflighted(request)) return;
      endResponse(
        errorResponse(
          fetchAPI,
          403,
          'This request could come from another website (CSRF prevention): POST it as application/json, or add a non-empty `GraphQL-Require-Preflight` header (GET requests and multipart uploads need the header).',
          'CSRF_PREVENTED',
        ),
      );
    },
  };
}
