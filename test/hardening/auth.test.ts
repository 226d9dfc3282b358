import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { expectNoSecrets, HEART, send } from './support.js';

// Clients authenticate with API keys from GATEWAY_API_KEYS; a read key cannot mutate.

const READ_KEY = 'dash-9f2c41d7e0b35a86';
const WRITE_KEY = 'ops-4be07c19a2d8f653e1';
let gw: TestGateway;
const bodies: string[] = [];

const DELETE = 'mutation($id: String!) { deleteNpsBySourceId(sourceId: $id) { deletedId } }';

beforeAll(async () => {
  gw = await startTestGateway({
    env: { GATEWAY_API_KEYS: `dashboard:${READ_KEY}:read; ops:${WRITE_KEY}:read,write` },
  });
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(async () => {
  expectNoSecrets(gw, bodies, [READ_KEY, WRITE_KEY]);
  await gw.close();
});

async function query(text: string, headers: Record<string, string>, variables = {}) {
  const res = await send(gw, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: text, variables }),
  });
  bodies.push(res.text);
  return res;
}

describe('API keys', () => {
  it.each([
    ['no key', {}, 'An API key is required'],
    ['a wrong key', { authorization: 'Bearer dash-0000000000000000' }, 'The API key is not valid.'],
    [
      'a key one character short',
      { authorization: `Bearer ${READ_KEY.slice(0, -1)}` },
      'not valid',
    ],
    ['a key without the Bearer scheme', { authorization: READ_KEY }, 'required'],
    ['a wrong X-API-Key', { 'x-api-key': 'nope-nope-nope-nope' }, 'not valid'],
  ])('answers %s with 401, no data and no vendor call', async (_what, headers, message) => {
    const res = await query(`{ ${HEART} }`, headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.json).toEqual({
      errors: [
        { message: expect.stringContaining(message), extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('refuses an invalid body from a client without a key with 401 too, before reading it', async () => {
    const res = await send(gw, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ not json',
    });
    expect(res.status).toBe(401);
  });

  it('serves a read key, as Bearer or X-API-Key', async () => {
    const bearer = await query(`{ ${HEART} }`, { authorization: `Bearer ${READ_KEY}` });
    expect(bearer.status).toBe(200);
    expect(bearer.json?.errors).toBeUndefined();
    const header = await query(`{ ${HEART} }`, { 'x-api-key': READ_KEY });
    expect(header.status).toBe(200);
    expect(gw.sandbox.log.count({ vendor: 'userlane' })).toBe(2);
  });

  it('refuses a mutation with a read key (403, no vendor call) and runs it with a read,write key', async () => {
    const refused = await query(
      DELETE,
      { authorization: `Bearer ${READ_KEY}` },
      { id: 'nothing-here' },
    );
    expect(refused.status).toBe(403);
    expect(refused.json?.errors?.[0]).toMatchObject({
      message: expect.stringContaining('"dashboard" may only read'),
      extensions: { code: 'FORBIDDEN' },
    });
    expect(refused.json?.data).toBeUndefined();
    expect(gw.sandbox.log.count()).toBe(0);

    const allowed = await query(
      DELETE,
      { authorization: `Bearer ${WRITE_KEY}` },
      { id: 'nothing-here' },
    );
    expect(allowed.status).toBe(200);
    expect(gw.sandbox.log.count({ vendor: 'planhat' })).toBeGreaterThan(0);
  });

  it('logs who was refused by key name, never a key', async () => {
    await query(`{ ${HEART} }`, { authorization: 'Bearer someone-elses-key-123' });
    const log = gw.logLines.join('\n');
    expect(log).toContain('"reason":"unknown API key"');
    expect(log).toContain('"client":"dashboard"');
    expect(log).not.toContain('someone-elses-key-123');
  });

  it('keeps /healthz open', async () => {
    const res = await send(gw, { path: '/healthz' });
    expect(res.status).toBe(200);
  });
});
