import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { listen, rawRequest } from '../support/raw-http.js';

// Only exactly `/graphql` executes GraphQL, and every request that reaches execution is
// authenticated and CSRF-checked. The requests are written byte for byte on a socket to a real
// server, so the request target is the attacker's, not one a client library normalised.

const KEY = 'sweep-5c1d9e0b7a2f4836';
const CUSTOMERS = JSON.stringify({ query: '{ customers(first: 2) { nodes { email name } } }' });
const CREATE = 'mutation { createProject(input: { name: "csrf" }) { project { id } } }';

/** Targets that are not the endpoint, each a way a server or proxy might still route there. */
const VARIANTS = [
  '/graphql/',
  '//graphql',
  '///graphql',
  '/graphql//',
  '/x/graphql',
  '/api/graphql',
  '/healthz/graphql',
  '/graphqlx',
  '/graphql.json',
  '/graphql/x',
  '/./graphql',
  '/x/../graphql',
  '/graphql/.',
  '/graphql/..',
  '/graphql/./',
  '/%2e/graphql',
  '/x/%2e%2e/graphql',
  '/%67raphql',
  '/graph%71l',
  '/%2Fgraphql',
  '/graphql%2F',
  '/graphql%00',
  '/graphql%20',
  '/graphql;',
  '/graphql;a=b',
  '/;/graphql',
  '/GRAPHQL',
  '/GraphQL',
  '/Graphql/',
  '/\\graphql',
  '/graphql\\',
  '/x?y=/graphql',
  '/x?query={__typename}&z=/graphql',
  'http://evil.example/graphql/',
  'http://127.0.0.1/x/graphql',
];

let gw: TestGateway;
let http: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  gw = await startTestGateway({ env: { GATEWAY_API_KEYS: `sweep:${KEY}:read,write` } });
  http = await listen(gw);
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(async () => {
  await http.close();
  await gw.close();
});

const postJson = (target: string, headers: Record<string, string> = {}) =>
  rawRequest(http.port, {
    method: 'POST',
    target,
    headers: { 'content-type': 'application/json', ...headers },
    body: CUSTOMERS,
  });

describe('the GraphQL endpoint is exactly /graphql', () => {
  it('serves the exact path with a key and refuses it without one (the control)', async () => {
    const refused = await postJson('/graphql');
    expect(refused.status).toBe(401);
    const served = await postJson('/graphql', { authorization: `Bearer ${KEY}` });
    expect(served.status).toBe(200);
    const nodes = (JSON.parse(served.body) as { data: { customers: { nodes: unknown[] } } }).data
      .customers.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(gw.sandbox.log.count({ vendor: 'userhero' })).toBeGreaterThan(0);
  });

  it.each(VARIANTS)('answers %s with 404 and no vendor call, key or no key', async (target) => {
    for (const headers of [{}, { authorization: `Bearer ${KEY}` }] as Record<string, string>[]) {
      const post = await postJson(target, headers);
      // 400: Node's own parser refused a target it cannot read; either way nothing executed.
      expect([400, 404]).toContain(post.status);
      expect(post.body).not.toContain('"data"');
      const get = await rawRequest(http.port, {
        method: 'GET',
        target: target.includes('?') ? target : `${target}?query={customers{nodes{email}}}`,
        headers,
      });
      expect([400, 404]).toContain(get.status);
      expect(get.body).not.toContain('"data"');
    }
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('never executes for any target without a key: only the exact path gets as far as 401', async () => {
    const segment = fc.constantFrom(
      'graphql',
      'GRAPHQL',
      '',
      '.',
      '..',
      '%2e',
      '%2E%2e',
      'graphql;x',
      'graph%71l',
      '%2f',
      'x',
      'api',
      '\\',
    );
    const query = fc.constantFrom('', '?', '?x=/graphql', '?query={__typename}', '#/graphql');
    const target = fc
      .tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean(), query)
      .map(([segments, trailing, q]) => `/${segments.join('/')}${trailing ? '/' : ''}${q}`);
    await fc.assert(
      fc.asyncProperty(target, async (t) => {
        const res = await postJson(t);
        const exact = t.split(/[?#]/)[0] === '/graphql';
        expect(res.status).toBe(exact ? 401 : res.status === 400 ? 400 : 404);
        expect(res.body).not.toContain('"data"');
      }),
      { numRuns: 150 },
    );
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('keeps liveness and readiness open on their exact paths only', async () => {
    expect((await rawRequest(http.port, { method: 'GET', target: '/healthz' })).status).toBe(200);
    expect((await rawRequest(http.port, { method: 'GET', target: '/healthz/' })).status).toBe(404);
    expect((await rawRequest(http.port, { method: 'GET', target: '//readyz' })).status).toBe(404);
  });
});

describe('CSRF prevention on every path that executes', () => {
  let open: TestGateway;
  let openHttp: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    open = await startTestGateway();
    openHttp = await listen(open);
  });
  afterAll(async () => {
    await openHttp.close();
    await open.close();
  });

  const formPost = (target: string) =>
    rawRequest(openHttp.port, {
      method: 'POST',
      target,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent(CREATE)}`,
    });

  it('refuses a cross-site form POST of a mutation on /graphql (403) and on every variant (404)', async () => {
    open.sandbox.log.clear();
    const exact = await formPost('/graphql');
    expect(exact.status).toBe(403);
    expect(exact.body).toContain('CSRF_PREVENTED');
    for (const target of VARIANTS) {
      const res = await formPost(target);
      expect([400, 404]).toContain(res.status);
    }
    expect(open.sandbox.log.count()).toBe(0);
  });
});
