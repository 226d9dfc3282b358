import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { authHeaders, call, start } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterEach(() => {
  sandbox.faults.clear();
  sandbox.log.clear();
});
afterAll(() => sandbox.close());

describe('status faults', () => {
  it('answer in each vendor’s own error envelope', async () => {
    sandbox.faults.inject({ vendor: 'all', status: 503 });
    const userhero = await call(sandbox, 'userhero', '/workspaces');
    expect(userhero.status).toBe(503);
    expect(userhero.json).toEqual({
      error: { code: 'internal_error', message: expect.any(String) },
    });
    expect(userhero.headers.get('x-ratelimit-remaining')).not.toBeNull();
    expect(userhero.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
    const userloop = await call(sandbox, 'userloop', '/surveys');
    expect(userloop.json).toEqual({
      error: 'Internal Server Error',
      code: 'INTERNAL',
      detail: expect.any(String),
    });
    const userlane = await call(sandbox, 'userlane', '/properties/x/nps');
    expect(userlane.json).toEqual({ message: expect.any(String) });
    const planhat = await call(sandbox, 'planhat', '/nps');
    expect(planhat.status).toBe(503);
    expect(planhat.text).toBe('Service Unavailable');
  });

  it('send UserHero’s 429 with rate-limit headers at zero', async () => {
    sandbox.faults.inject({ vendor: 'userhero', status: 429 });
    const reply = await call(sandbox, 'userhero', '/workspaces');
    expect(reply.json.error.code).toBe('rate_limited');
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(reply.headers.get('retry-after')).toBe('60');
  });

  it('match method and path (string exact, RegExp) and run out after `times`', async () => {
    sandbox.faults.inject({
      vendor: 'planhat',
      method: 'GET',
      path: /^\/nps\/srcid-/,
      status: 404,
      times: 2,
    });
    sandbox.faults.inject({ vendor: 'userloop', path: '/surveys', status: 500, times: 1 });
    expect((await call(sandbox, 'planhat', '/nps/srcid-x')).status).toBe(404);
    expect((await call(sandbox, 'planhat', '/nps', { query: { limit: 1 } })).status).toBe(200);
    expect((await call(sandbox, 'planhat', '/nps/srcid-y')).status).toBe(404);
    const record = sandbox.seed.planhat.store.all().find((r) => r.sourceId?.startsWith('cnps-'))!;
    expect((await call(sandbox, 'planhat', `/nps/srcid-${record.sourceId}`)).status).toBe(200);
    expect((await call(sandbox, 'userloop', '/surveys/x')).status).toBe(404);
    expect((await call(sandbox, 'userloop', '/surveys')).status).toBe(500);
    expect((await call(sandbox, 'userloop', '/surveys')).status).toBe(200);
  });

  it('send a given body and headers instead of the envelope', async () => {
    sandbox.faults.inject({
      vendor: 'planhat',
      status: 502,
      body: { custom: true },
      headers: { 'x-edge': 'cdn' },
    });
    const reply = await call(sandbox, 'planhat', '/nps');
    expect(reply).toMatchObject({ status: 502, json: { custom: true } });
    expect(reply.headers.get('x-edge')).toBe('cdn');
  });

  it('can be removed by id or all at once', async () => {
    const id = sandbox.faults.inject({ vendor: 'planhat', status: 500 });
    expect((await call(sandbox, 'planhat', '/nps')).status).toBe(500);
    expect(sandbox.faults.remove(id)).toBe(true);
    expect((await call(sandbox, 'planhat', '/nps')).status).toBe(200);
    sandbox.faults.inject({ vendor: 'planhat', status: 500 });
    sandbox.faults.clear();
    expect((await call(sandbox, 'planhat', '/nps')).status).toBe(200);
  });

  it('refuse an invalid rule', () => {
    expect(() => sandbox.faults.inject({ vendor: 'nobody' as 'all', status: 500 })).toThrow();
    expect(() => sandbox.faults.inject({ vendor: 'all', times: 0 })).toThrow();
  });
});

describe('connection faults', () => {
  it('hang: no answer until the client gives up; logged with status 0', async () => {
    sandbox.faults.inject({ vendor: 'userloop', path: '/surveys', hang: true, times: 1 });
    const started = Date.now();
    await expect(
      fetch(`${sandbox.urls.userloop}/surveys`, {
        headers: authHeaders(sandbox, 'userloop'),
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sandbox.log.entries({ vendor: 'userloop' })).toMatchObject([
      { path: '/surveys', status: 0 },
    ]);
  });

  it('reset: the connection is destroyed without an answer', async () => {
    sandbox.faults.inject({ vendor: 'planhat', reset: true, times: 1 });
    await expect(fetch(`${sandbox.urls.planhat}/nps`)).rejects.toThrow();
    expect(sandbox.log.entries({ vendor: 'planhat' })).toMatchObject([{ status: 0 }]);
    expect((await call(sandbox, 'planhat', '/nps', { query: { limit: 1 } })).status).toBe(200);
  });

  it('truncated: promises more bytes than it sends, then closes', async () => {
    sandbox.faults.inject({ vendor: 'planhat', malformed: 'truncated', times: 1 });
    const { statusCode, headers, body } = await request(`${sandbox.urls.planhat}/nps?limit=5`, {
      headers: authHeaders(sandbox, 'planhat'),
    });
    expect(statusCode).toBe(200);
    expect(Number(headers['content-length'])).toBeGreaterThan(10);
    await expect(body.text()).rejects.toThrow();
  });

  it('not-json: 200 with an HTML body labelled as JSON', async () => {
    sandbox.faults.inject({ vendor: 'userhero', malformed: 'not-json' });
    const reply = await call(sandbox, 'userhero', '/workspaces');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(reply.text).toMatch(/^<!DOCTYPE html>/);
    expect(reply.json).toBeUndefined();
  });

  it('wrong-shape: 200 with valid JSON of an unexpected shape', async () => {
    sandbox.faults.inject({ vendor: 'userlane', malformed: 'wrong-shape' });
    const reply = await call(sandbox, 'userlane', '/properties/x/heart');
    expect(reply).toMatchObject({ status: 200, json: { unexpected: true } });
  });
});

describe('latency', () => {
  it('delays a rule’s matches and, with setLatency, every answer of a vendor', async () => {
    sandbox.faults.inject({ vendor: 'userloop', path: '/health', latencyMs: 150, times: 1 });
    let started = Date.now();
    expect((await call(sandbox, 'userloop', '/health')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sandbox.setLatency('userloop', 100);
    started = Date.now();
    await call(sandbox, 'userloop', '/health');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    started = Date.now();
    await call(sandbox, 'planhat', '/nps', { query: { limit: 1 } });
    expect(Date.now() - started).toBeLessThan(90);
    sandbox.setLatency('all', 0);
  });
});
