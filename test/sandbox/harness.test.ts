import { existsSync } from 'node:fs';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { RingRequestLog } from '../../src/sandbox/request-log.js';
import { call, start } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());

describe('sandbox env and URLs', () => {
  it('offers every gateway variable, with base paths per vendor', () => {
    const { env, urls } = sandbox;
    expect(Object.keys(env).sort()).toEqual(
      [
        'USERLANE_BASE_URL',
        'USERLANE_API_TOKEN',
        'USERLANE_PROPERTY_ID',
        'USERLANE_SURVEYS',
        'USERLANE_LOOKUPS_DIR',
        'USER_DIRECTORY',
        'USERLOOP_BASE_URL',
        'USERLOOP_API_KEY',
        'USERHERO_BASE_URL',
        'USERHERO_API_KEY',
        'USERHERO_WORKSPACE_ID',
        'USERHERO_HOOKS_BASE_URL',
        'PLANHAT_BASE_URL',
        'PLANHAT_API_TOKEN',
      ].sort(),
    );
    expect(urls.userlane).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/analytics\/public$/);
    expect(urls.userhero).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(urls.userloop).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.USERHERO_API_KEY).toMatch(/^sk_live_[A-Za-z0-9]{32}$/);
    expect(env.USERLANE_PROPERTY_ID!.length).toBeLessThanOrEqual(16);
    expect(existsSync(env.USER_DIRECTORY!)).toBe(true);
  });

  it('is accepted by the gateway configuration loader', () => {
    const config = loadConfig(sandbox.env);
    expect(config.userlane?.propertyId).toBe(sandbox.env.USERLANE_PROPERTY_ID);
    expect(config.userlaneSurveys).toHaveLength(3);
    expect(config.userhero?.workspaceId).toBe(sandbox.env.USERHERO_WORKSPACE_ID);
  });

  it('answers 404 in the vendor envelope outside the base path', async () => {
    const origin = new URL(sandbox.urls.userhero).origin;
    const reply = await fetch(`${origin}/workspaces`);
    expect(reply.status).toBe(404);
    expect(await reply.json()).toEqual({
      error: { code: 'not_found', message: expect.any(String) },
    });
  });
});

describe('request log', () => {
  it('records vendor, relative path, query, lower-cased headers, parsed body, status, response bytes and timing', async () => {
    sandbox.log.clear();
    await call(sandbox, 'userlane', '/properties/p/surveys/1', {
      query: { score: [1, 2], start: 'x' },
      headers: { 'X-Trace': 'abc' },
    });
    const created = await call(sandbox, 'planhat', '/nps', {
      method: 'POST',
      body: { email: 'a@b.co', score: 3 },
    });
    const [userlane, planhat] = sandbox.log.entries();
    expect(userlane).toMatchObject({
      vendor: 'userlane',
      method: 'GET',
      path: '/properties/p/surveys/1',
      query: { score: ['1', '2'], start: 'x' },
      status: 404,
    });
    expect(userlane!.headers['x-trace']).toBe('abc');
    expect(userlane!.headers.authorization).toBe(sandbox.env.USERLANE_API_TOKEN);
    expect(planhat).toMatchObject({
      method: 'POST',
      body: { email: 'a@b.co', score: 3 },
      status: 200,
    });
    // The body's bytes as sent: what a select or a smaller page saves is measured on them.
    expect(created.text.length).toBeGreaterThan(0);
    expect(planhat!.responseBytes).toBe(Buffer.byteLength(created.text));
    expect(planhat!.durationMs).toBeGreaterThanOrEqual(0);
    expect(planhat!.startedAt).toBeGreaterThan(Date.now() - 10_000);
  });

  it('summarises multipart bodies and filters by vendor, method and path', async () => {
    sandbox.log.clear();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(2048)]), 'shot.png');
    await fetch(`${sandbox.urls.userhero}/feedback/upload?workspaceId=x`, {
      method: 'POST',
      body: form,
    });
    await call(sandbox, 'planhat', '/nps', { query: { limit: 1 } });
    await call(sandbox, 'planhat', '/nps/abc');
    const upload = sandbox.log.entries({ vendor: 'userhero' })[0]!;
    expect(upload.body).toEqual({ multipart: true, bytes: expect.any(Number) });
    expect((upload.body as { bytes: number }).bytes).toBeGreaterThan(2048);
    expect(sandbox.log.count({ vendor: 'planhat' })).toBe(2);
    expect(sandbox.log.count({ path: '/nps' })).toBe(1);
    expect(sandbox.log.count({ path: /^\/nps\// })).toBe(1);
    expect(sandbox.log.count({ method: 'post' })).toBe(1);
    expect(sandbox.log.count()).toBe(3);
  });

  it('keeps a bounded ring but exact per-vendor totals', () => {
    const log = new RingRequestLog(3);
    for (let i = 0; i < 5; i++) {
      log.record({
        vendor: i % 2 ? 'planhat' : 'userloop',
        method: 'GET',
        path: `/${i}`,
        query: {},
        headers: {},
        body: undefined,
        status: 200,
        responseBytes: 0,
        startedAt: 0,
        durationMs: 0,
      });
    }
    expect(log.entries().map((entry) => entry.path)).toEqual(['/2', '/3', '/4']);
    expect(log.count({ vendor: 'userloop' })).toBe(3);
    expect(log.count()).toBe(5);
    expect(log.entries({ since: 3 }).map((entry) => entry.seq)).toEqual([4, 5]);
  });
});

describe('robustness and lifecycle', () => {
  it('answers a malformed JSON body with the vendor’s 400 and stays up', async () => {
    const reply = await call(sandbox, 'planhat', '/nps', { method: 'PUT', body: '[{"email":' });
    expect(reply.status).toBe(400);
    expect((await call(sandbox, 'userloop', '/health')).status).toBe(200);
  });

  it('reuses keep-alive connections', async () => {
    const first = await request(`${sandbox.urls.userloop}/health`);
    await first.body.text();
    expect(first.headers.connection).toBe('keep-alive');
  });

  it('closes servers with idle keep-alive sockets and removes its temp dir', async () => {
    const own = await start();
    const dir = own.env.USERLANE_LOOKUPS_DIR!;
    const url = `${own.urls.userloop}/health`;
    await (await request(url)).body.text();
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(existsSync(dir)).toBe(false);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('listens on the ports asked for', async () => {
    const probe = await start();
    const port = Number(new URL(probe.urls.planhat).port);
    await probe.close();
    const fixed = await start({ ports: { planhat: port } });
    expect(fixed.urls.planhat).toBe(`http://127.0.0.1:${port}`);
    await fixed.close();
  });
});
