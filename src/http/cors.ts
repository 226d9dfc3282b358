import type { CORSOptions } from 'graphql-yoga';
import { PREFLIGHT_HEADERS } from './csrf.js';

/**
 * CORS from CORS_ORIGINS: none by default (GraphiQL is served from the same origin), `*`, or a
 * list. Credentials are never allowed: clients authenticate with an API key header, not cookies.
 */
export function corsOptions(origins: readonly string[]): CORSOptions | false {
  if (origins.length === 0) return false;
  return {
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: [
      'content-type',
      'accept',
      'authorization',
      'x-api-key',
      'x-request-id',
      ...PREFLIGHT_HEADERS,
    ],
    exposedHeaders: ['x-request-id'],
    credentials: false,
    maxAge: 600,
  };
}
