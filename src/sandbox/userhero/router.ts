import type { SandboxResponse } from '../types.js';
import { badRequest } from './errors.js';
import type { Call } from './state.js';

export type Handler = (call: Call) => SandboxResponse;

export interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** `pattern` like `/feedback/:id/comments`; a route has at most one `:id`. */
export function route(method: string, pattern: string, handler: Handler): Route {
  return { method, segments: pattern.split('/').filter(Boolean), handler };
}

export interface Match {
  handler: Handler;
  id: string;
}

export function matchRoute(routes: readonly Route[], method: string, path: string) {
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw badRequest('Malformed path');
  }
  for (const candidate of routes) {
    if (candidate.method !== method || candidate.segments.length !== segments.length) continue;
    let id = '';
    const matches = candidate.segments.every((part, i) => {
      const actual = segments[i] ?? '';
      if (part !== ':id') return part === actual;
      id = actual;
      return actual !== '';
    });
    if (matches) return { handler: candidate.handler, id } satisfies Match;
  }
  return undefined;
}

export const ok = (data: unknown, status = 200): SandboxResponse => ({ status, body: { data } });
export const created = (data: unknown): SandboxResponse => ok(data, 201);
export const noContent = (): SandboxResponse => ({ status: 204 });
export const deleted = (id: string): SandboxResponse => ok({ id, deleted: true });
