import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, start } from './support.js';

let sandbox: Sandbox;
let control: string;
beforeAll(async () => {
  sandbox = await start();
  // Every vendor port serves the control plane; use UserHero's to show it is outside /api/v1.
  control = `${new URL(sandbox.urls.userhero).origin}/__sandbox`;
});
afterAll(() => sandbox.close());

const send = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${control}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
};

describe('control plane over HTTP', () => {
  it('serves the log with counts, filtered by vendor and since, and never logs itself', async () => {
    await send('DELETE', '/log');
    await call(sandbox, 'planhat', '/nps', { query: { limit: 1 } });
    await call(sandbox, 'userloop', '/health');
    const all = await send('GET', '/log');
    expect(all.json.counts).toMatchObject({ total: 2, planhat: 1, userloop: 1, userhero: 0 });
    expect(all.json.entries.map((e: { vendor: string }) => e.vendor)).toEqual([
      'planhat',
      'userloop',
    ]);
    const planhat = await send('GET', '/log?vendor=planhat');
    expect(planhat.json.entries).toHaveLength(1);
    const since = await send('GET', `/log?since=${all.json.entries[0].seq}`);
    expect(since.json.entries.map((e: { vendor: string }) => e.vendor)).toEqual(['userloop']);
    expect(sandbox.log.count()).toBe(2);
    expect((await send('DELETE', '/log')).status).toBe(204);
    expect(sandbox.log.count()).toBe(0);
  });

  it('injects faults from JSON, with a regex path, and clears them', async () => {
    const created = await send('POST', '/faults', {
      vendor: 'planhat',
      path: { regex: '^/nps$' },
      status: 500,
      times: 1,
    });
    expect(created.status).toBe(201);
    expect(created.json.id).toEqual(expect.any(String));
    const listed = (await send('GET', '/faults')).json[0].path;
    expect(new RegExp(listed.regex, listed.flags).test('/nps')).toBe(true);
    expect((await call(sandbox, 'planhat', '/nps')).status).toBe(500);
    expect((await call(sandbox, 'planhat', '/nps', { query: { limit: 1 } })).status).toBe(200);
    await send('POST', '/faults', { vendor: 'userloop', path: '/surveys', status: 503 });
    expect((await call(sandbox, 'userloop', '/surveys')).status).toBe(503);
    expect((await send('DELETE', '/faults')).status).toBe(204);
    expect((await call(sandbox, 'userloop', '/surveys')).status).toBe(200);
  });

  it('removes one fault by id', async () => {
    const { json } = await send('POST', '/faults', { vendor: 'planhat', status: 500 });
    expect((await send('DELETE', `/faults/${json.id}`)).status).toBe(204);
    expect((await send('DELETE', `/faults/${json.id}`)).status).toBe(404);
  });

  it('refuses a bad rule or bad JSON with 400', async () => {
    expect((await send('POST', '/faults', { vendor: 'nobody' })).status).toBe(400);
    expect((await send('POST', '/faults', { vendor: 'all', path: { regex: '(' } })).status).toBe(
      400,
    );
    const raw = await fetch(`${control}/faults`, { method: 'POST', body: '{' });
    expect(raw.status).toBe(400);
  });

  it('sets latency per vendor', async () => {
    expect((await send('POST', '/latency', { vendor: 'userloop', ms: 120 })).status).toBe(204);
    const started = Date.now();
    await call(sandbox, 'userloop', '/health');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    await send('POST', '/latency', { vendor: 'all', ms: 0 });
    expect((await send('POST', '/latency', { vendor: 'userloop', ms: -1 })).status).toBe(400);
  });

  it('serves the env for out-of-process clients', async () => {
    expect((await send('GET', '/env')).json).toEqual(sandbox.env);
  });
});
