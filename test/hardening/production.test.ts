import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { expectNoSecrets, HEART, send, WORKSPACES } from './support.js';

// NODE_ENV=production: masked unexpected errors with a request id, no stack traces, no schema
// exploration (GraphiQL, introspection, suggestions) unless configured; CSRF and CORS.

let prod: TestGateway;
let dev: TestGateway;
const bodies: string[] = [];

beforeAll(async () => {
  [prod, dev] = await Promise.all([
    startTestGateway({ env: { NODE_ENV: 'production', CORS_ORIGINS: 'https://dash.example.com' } }),
    startTestGateway(),
  ]);
});
afterAll(async () => {
  expectNoSecrets(prod, bodies);
  await Promise.all([prod.close(), dev.close()]);
});

const post = (gw: TestGateway, query: string, headers: Record<string, string> = {}) =>
  send(gw, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  }).then((res) => {
    bodies.push(res.text);
    return res;
  });

describe('production defaults', () => {
  it('masks an unexpected error behind a request id that the log carries, with no stack', async () => {
    const client = prod.services.vendors.userhero!;
    const original = client.workspaces.bind(client);
    client.workspaces = () =>
      Promise.reject(new TypeError("Cannot read properties of undefined (reading 'id')"));
    try {
      const res = await post(prod, `{ ${WORKSPACES} ${HEART} }`, { 'x-request-id': 'req-42.abc' });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('req-42.abc');
      const error = res.json?.errors?.[0];
      expect(error?.message).toBe(
        "Unexpected error; quote request id req-42.abc to the gateway's operators.",
      );
      expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42.abc' });
      expect(res.text).not.toMatch(/TypeError|reading 'id'|stack|\.ts:\d+/);
      expect(res.json?.data).toMatchObject({ workspaces: null, heartScores: { nodes: [{}, {}] } });
      const line = prod.logLines.find((l) => l.includes('unexpected error'));
      expect(JSON.parse(line!)).toMatchObject({
        level: 'error',
        requestId: 'req-42.abc',
        error: "Cannot read properties of undefined (reading 'id')",
      });
    } finally {
      client.workspaces = original;
    }
  });

  it('makes up a request id when the caller sends none or one that could forge log lines', async () => {
    const res = await post(prod, '{ vendors { source } }', { 'x-request-id': 'a"b\nc' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns introspection and field suggestions off, and says neither in production', async () => {
    const introspection = await post(prod, '{ __schema { types { name } } }', {
      accept: 'application/graphql-response+json',
    });
    expect(introspection.status).toBe(400);
    expect(introspection.json?.errors?.[0]?.message).toContain('introspection has been disabled');
    const typo = await post(prod, '{ workspace { name } }');
    expect(typo.json?.errors?.[0]?.message).toBe('Cannot query field "workspace" on type "Query".');
    const devTypo = await post(dev, '{ workspace { name } }');
    expect(devTypo.json?.errors?.[0]?.message).toContain('Did you mean "workspaces"');
    expect((await post(dev, '{ __schema { types { name } } }')).status).toBe(200);
  });

  it('serves no GraphiQL in production', async () => {
    const page = await send(prod, { headers: { accept: 'text/html' } });
    expect(page.text).not.toContain('GraphiQL');
    const devPage = await send(dev, { headers: { accept: 'text/html' } });
    expect(devPage.text).toContain('GraphiQL');
  });
});

describe('CSRF prevention', () => {
  it.each([
    ['a GET', { method: 'GET', path: '/graphql?query=%7B__typename%7D' }],
    [
      'a text/plain POST',
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{"query":"{__typename}"}',
      },
    ],
    [
      'a form POST',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query=%7B__typename%7D',
      },
    ],
  ])('refuses %s without a preflight header, and serves it with one', async (_what, init) => {
    const refused = await send(dev, init as RequestInit & { path?: string });
    expect(refused.status).toBe(403);
    expect(refused.json?.errors?.[0]?.extensions?.code).toBe('CSRF_PREVENTED');
    const allowed = await send(dev, {
      ...(init as RequestInit & { path?: string }),
      headers: {
        ...(init as { headers?: Record<string, string> }).headers,
        'graphql-require-preflight': '1',
      },
    });
    expect(allowed.status).not.toBe(403);
  });

  it('lets JSON POSTs through: browsers preflight them', async () => {
    expect((await post(dev, '{ __typename }')).status).toBe(200);
  });
});

describe('CORS', () => {
  it('answers the configured origin only, without credentials', async () => {
    const preflight = (origin: string) =>
      send(prod, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight('https://dash.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).not.toBe('true');
    const other = await preflight('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.net');
    // No CORS_ORIGINS: no CORS headers at all.
    const none = await send(dev, {
      method: 'POST',
      headers: { origin: 'https://dash.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });
});
