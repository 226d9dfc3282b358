// UserHero simulator: the REST API of ../../../shared/vendors/userhero.txt over in-memory state.
// Order of checks per request: rate limit (every request counts, even refused ones), API key,
// route, idempotent replay, handler. Rate-limit headers go on every response.
import { receiveHook } from './routes/hooks.js';
import type { SandboxRequest, SandboxResponse, VendorApp, VendorContext } from '../types.js';
import { ApiError, conflict, notFound } from './errors.js';
import { fingerprint, IdempotencyStore } from './idempotency.js';
import type { UserHeroData } from './model.js';
import { FixedWindowLimiter } from './rate-limit.js';
import { matchRoute } from './router.js';
import { ROUTES } from './routes.js';
import { seedUserHero } from './seed.js';
import type { AppState, Call } from './state.js';
import { type Json, parseJsonBody } from './validate.js';

export type { UserHeroData } from './model.js';
export { SEED_VOLUMES } from './seed.js';

export interface UserHeroOptions {
  apiKey: string;
  rateLimitPerMinute: number;
  /** More keys of the same account: same access, their own rate windows and idempotency keys. */
  otherApiKeys?: string[];
}

export interface UserHeroApp extends VendorApp {
  readonly data: UserHeroData;
  /** The main workspace ("Acme Inc"), for USERHERO_WORKSPACE_ID. */
  readonly workspaceId: string;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function withHeaders(response: SandboxResponse, headers: Record<string, string>): SandboxResponse {
  return { ...response, headers: { ...response.headers, ...headers } };
}

export function createUserHeroApp(ctx: VendorContext, options: UserHeroOptions): UserHeroApp {
  const seeded = seedUserHero(ctx);
  const startedAt = Date.now();
  let lastNow = ctx.now.getTime();
  const state: AppState = {
    data: seeded.data,
    random: ctx.random,
    // Never backwards (tests may fake the clock): newest-first listing relies on it.
    now: () => {
      lastNow = Math.max(lastNow, ctx.now.getTime() + Date.now() - startedAt);
      return new Date(lastNow);
    },
    user: seeded.user,
    exactEmail: ctx.readings.userheroExactEmail,
  };
  const keys = new Set([options.apiKey, ...(options.otherApiKeys ?? [])]);
  const limiter = new FixedWindowLimiter(options.rateLimitPerMinute);
  const idempotency = new IdempotencyStore();

  function route(req: SandboxRequest, apiKey: string): SandboxResponse {
    const match = matchRoute(ROUTES, req.method.toUpperCase(), req.path);
    if (!match) throw notFound(`No route for ${req.method} ${req.path}`);
    let body: Json | undefined;
    const call: Call = {
      req,
      id: match.id,
      query: req.query,
      body: () => {
        body ??= parseJsonBody(req);
        return body;
      },
      state,
    };
    const key = req.method.toUpperCase() === 'POST' ? req.headers['idempotency-key'] : undefined;
    if (!key) return match.handler(call);
    const print = fingerprint(req);
    const previous = idempotency.lookup(apiKey, key, print, Date.now());
    if (previous.kind === 'conflict') {
      throw conflict('Idempotency-Key was already used with a different request');
    }
    if (previous.kind === 'replay')
      return withHeaders(previous.response, { 'Idempotent-Replayed': 'true' });
    const response = match.handler(call);
    // Only completed work is remembered; a refused request may be corrected and retried.
    if (response.status < 300) idempotency.save(apiKey, key, print, response, Date.now());
    return response;
  }

  function handle(req: SandboxRequest): SandboxResponse {
    // Incoming webhooks authenticate by signature, not by API key (routes/hooks.ts).
    if (req.path.startsWith('/api/hooks/')) {
      try {
        return receiveHook(state, req);
      } catch (error) {
        if (error instanceof ApiError) return error.toResponse();
        throw error;
      }
    }
    const token = bearerToken(req.headers.authorization);
    const rate = limiter.hit(token ?? '', Date.now());
    if (rate.limited) {
      return withHeaders(
        new ApiError(
          429,
          'rate_limited',
          'Too many requests; retry after the window resets',
        ).toResponse(),
        rate.headers,
      );
    }
    if (token === undefined || !keys.has(token)) {
      const message = token === undefined ? 'Missing API key' : 'Invalid API key';
      return withHeaders(new ApiError(401, 'unauthorized', message).toResponse(), rate.headers);
    }
    try {
      return withHeaders(route(req, token), rate.headers);
    } catch (error) {
      if (error instanceof ApiError) return withHeaders(error.toResponse(), rate.headers);
      throw error;
    }
  }

  return { handle, data: seeded.data, workspaceId: seeded.workspaceId };
}
