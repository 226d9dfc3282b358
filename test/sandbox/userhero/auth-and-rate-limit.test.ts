import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, errorCode, makeApp, OTHER_KEY } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('authentication', () => {
  it('refuses a request without an Authorization header with 401 unauthorized', async () => {
    const app = makeApp();
    const res = await call(app, 'GET', '/workspaces', { key: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('refuses an unknown key and a key sent without the Bearer scheme', async () => {
    const app = makeApp();
    expect((await call(app, 'GET', '/workspaces', { key: 'sk_live_nope' })).status).toBe(401);
    const raw = await call(app, 'GET', '/workspaces', {
      key: null,
      headers: { authorization: 'sk_live_test_main' },
    });
    expect(errorCode(raw)).toBe('unauthorized');
  });

  it('accepts the other keys of the same account', async () => {
    const app = makeApp();
    const res = await call(app, 'GET', '/workspaces', { key: OTHER_KEY });
    expect(res.status).toBe(200);
  });

  it('answers 404 not_found for an unknown route', async () => {
    const app = makeApp();
    const res = await call(app, 'GET', '/nothing/here');
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('not_found');
  });
});

describe('rate limiting', () => {
  it('puts X-RateLimit-Remaining and X-RateLimit-Reset on every response, errors included', async () => {
    const app = makeApp(10);
    const before = Math.floor(Date.now() / 1000);
    const ok = await call(app, 'GET', '/workspaces');
    const notFound = await call(app, 'GET', '/feedback/fb_missing', {
      query: { workspaceId: app.workspaceId },
    });
    const badRequest = await call(app, 'GET', '/feedback');
    expect(ok.headers['X-RateLimit-Remaining']).toBe('9');
    expect(notFound.headers['X-RateLimit-Remaining']).toBe('8');
    expect(badRequest.headers['X-RateLimit-Remaining']).toBe('7');
    const reset = Number(ok.headers['X-RateLimit-Reset']);
    expect(reset).toBeGreaterThanOrEqual(before + 59);
    expect(reset).toBeLessThanOrEqual(before + 61);
    const unauthorized = await call(app, 'GET', '/workspaces', { key: 'wrong' });
    expect(unauthorized.headers['X-RateLimit-Remaining']).toBeDefined();
    expect(unauthorized.headers['X-RateLimit-Reset']).toBeDefined();
  });

  it('answers 429 rate_limited with Retry-After once the per-minute budget is spent', async () => {
    const app = makeApp(5);
    for (let i = 0; i < 5; i++) expect((await call(app, 'GET', '/workspaces')).status).toBe(200);
    const limited = await call(app, 'GET', '/workspaces');
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe('rate_limited');
    expect(limited.headers['X-RateLimit-Remaining']).toBe('0');
    const retryAfter = Number(limited.headers['Retry-After']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts each API key separately', async () => {
    const app = makeApp(2);
    await call(app, 'GET', '/workspaces');
    await call(app, 'GET', '/workspaces');
    expect((await call(app, 'GET', '/workspaces')).status).toBe(429);
    expect((await call(app, 'GET', '/workspaces', { key: OTHER_KEY })).status).toBe(200);
  });

  it('opens a fresh window 60 seconds after the first request', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const app = makeApp(1);
    expect((await call(app, 'GET', '/workspaces')).status).toBe(200);
    vi.setSystemTime(new Date('2030-01-01T00:00:59Z'));
    expect((await call(app, 'GET', '/workspaces')).status).toBe(429);
    vi.setSystemTime(new Date('2030-01-01T00:01:00Z'));
    const fresh = await call(app, 'GET', '/workspaces');
    expect(fresh.status).toBe(200);
    expect(fresh.headers['X-RateLimit-Reset']).toBe(
      String(Date.parse('2030-01-01T00:02:00Z') / 1000),
    );
  });
});
