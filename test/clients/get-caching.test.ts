import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// GET queries a browser or CDN can keep: ETag and 304, Cache-Control that does not overstate
// freshness, nothing cacheable with errors, no mutation over GET.

const PREFLIGHT = { 'graphql-require-preflight': '1' };

function getter(gw: () => TestGateway) {
  return (query: string, headers: Record<string, string> = {}, variables?: unknown) => {
    const params = new URLSearchParams({ query });
    if (variables) params.set('variables', JSON.stringify(variables));
    return gw().yoga.fetch(`http://gateway.test/graphql?${params}`, {
      headers: { accept: 'application/graphql-response+json', ...PREFLIGHT, ...headers },
    });
  };
}

describe('GET queries without API keys', () => {
  let gw: TestGateway;
  const get = getter(() => gw);
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  beforeEach(() => gw.sandbox.log.clear());
  afterAll(() => gw.close());

  const QUERY = '{ customers(first: 3) { nodes { email name } } }';

  it('carries an ETag and a Cache-Control that makes caches revalidate', async () => {
    const res = await get(QUERY);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { customers: { nodes: unknown[] } } };
    expect(body.data.customers.nodes).toHaveLength(3);
    expect(res.headers.get('etag')).toMatch(/^W\/"[A-Za-z0-9_-]{20,}"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    // GraphiQL and JSON share the URL: caches must key on Accept too.
    expect(res.headers.get('vary')?.split(/,\s*/)).toContain('Accept');
  });

  it('answers 304 without a body when If-None-Match names the current ETag', async () => {
    const first = await get(QUERY);
    const etag = first.headers.get('etag')!;
    const again = await get(QUERY, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    // A list of tags, or the strong form of the same tag, matches too (weak comparison).
    expect((await get(QUERY, { 'if-none-match': `"x", ${etag.slice(2)}` })).status).toBe(304);
  });

  it('answers 200 with the body when the tag is stale or another query is asked', async () => {
    const res = await get(QUERY, { 'if-none-match': 'W/"stale"' });
    expect(res.status).toBe(200);
    const other = await get('{ customers(first: 2) { nodes { email } } }');
    expect(other.headers.get('etag')).not.toBe((await get(QUERY)).headers.get('etag'));
  });

  it('marks answers with errors no-store, with no ETag', async () => {
    const res = await get('{ customer(email: "") { email } }');
    const body = (await res.json()) as { errors?: unknown[] };
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
    const broken = await get('{ nope }');
    expect(broken.headers.get('cache-control')).toBe('no-store');
  });

  it('never runs a mutation over GET', async () => {
    const res = await get(
      'mutation { addFeedbackNote(input: { feedbackId: "x", message: "m" }) { __typename } }',
    );
    expect(res.status).toBe(405);
    expect(res.headers.get('etag')).toBeNull();
    expect(gw.sandbox.log.entries()).toEqual([]);
  });

  it('leaves POST answers without ETag (POST is not cacheable)', async () => {
    const res = await gw.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
  });

  it('tags the GraphiQL page and answers a reload with its ETag 304', async () => {
    const page = () =>
      gw.yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    const first = await page();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('YogaGraphiQL');
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\//);
    const reload = await gw.yoga.fetch('http://gateway.test/graphql', {
      headers: { accept: 'text/html', 'if-none-match': etag! },
    });
    expect(reload.status).toBe(304);
    expect(await reload.text()).toBe('');
  });

  it('refuses a GET without the preflight header (CSRF), the header urql has to add', async () => {
    const res = await gw.yoga.fetch(
      `http://gateway.test/graphql?query=${encodeURIComponent(QUERY)}`,
      {
        headers: { accept: 'application/graphql-response+json' },
      },
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('CSRF_PREVENTED');
  });
});

describe('max-age: what is left of the cached data behind the answer', () => {
  const TTL_MS = 3000;
  let gw: TestGateway;
  const get = getter(() => gw);
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { EXPORT_CACHE_TTL_MS: String(TTL_MS), EXPORT_CACHE_MAX_AGE_MS: '60000' },
    });
  });
  beforeEach(() => gw.sandbox.log.clear());
  afterAll(() => gw.close());

  const maxAge = (res: Response) =>
    Number(/max-age=(\d+)/.exec(res.headers.get('cache-control') ?? '')?.[1]);
  const NPS = '{ npsSummary(groupBy: SOURCE) { score responses groups { key responses } } }';

  it('is 0 for an answer read from the vendors, then the rest of the export TTL once cached', async () => {
    const cold = await get(NPS);
    expect(cold.status).toBe(200);
    expect(gw.sandbox.log.entries().length).toBeGreaterThan(0);
    expect(maxAge(cold)).toBe(0);
    gw.sandbox.log.clear();
    const warm = await get(NPS);
    expect(warm.status).toBe(200);
    // Served from the export cache alone: no vendor call, fresh for at most the TTL.
    expect(gw.sandbox.log.entries()).toEqual([]);
    expect(maxAge(warm)).toBeGreaterThanOrEqual(1);
    expect(maxAge(warm)).toBeLessThanOrEqual(TTL_MS / 1000);
    expect(await warm.json()).toEqual(await cold.json());
  });

  it('is 0 once the cached copy is past its TTL (served stale while it refreshes)', async () => {
    await get(NPS);
    await new Promise((resolve) => setTimeout(resolve, TTL_MS + 100));
    gw.sandbox.log.clear();
    const stale = await get(NPS);
    expect(stale.status).toBe(200);
    expect(maxAge(stale)).toBe(0);
  });

  it('is 0 when any field is read live, or the answer reports live state', async () => {
    await get(NPS);
    const mixed = await get(`{ ${NPS.slice(1, -1)} customers(first: 2) { nodes { email } } }`);
    expect(gw.sandbox.log.count({ vendor: 'userhero' })).toBeGreaterThan(0);
    expect(maxAge(mixed)).toBe(0);
    const state = await get(`{ ${NPS.slice(1, -1)} vendors { source healthy } }`);
    expect(maxAge(state)).toBe(0);
  });
});

describe('GET queries with API keys', () => {
  const KEY = 'reader-key-0123456789abcdef';
  let gw: TestGateway;
  const get = getter(() => gw);
  beforeAll(async () => {
    gw = await startTestGateway({ env: { GATEWAY_API_KEYS: `dash:${KEY}:read` } });
  });
  afterAll(() => gw.close());

  it('are private to the key holder, and revalidate with the key', async () => {
    const auth = { authorization: `Bearer ${KEY}` };
    const res = await get('{ vendors { source } }', auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(res.headers.get('vary')).toBe('Accept-Encoding, Accept, Authorization, X-API-Key');
    const etag = res.headers.get('etag')!;
    expect((await get('{ vendors { source } }', { ...auth, 'if-none-match': etag })).status).toBe(
      304,
    );
    // Without the key, no 304 gives away that the tag is current.
    expect((await get('{ vendors { source } }', { 'if-none-match': etag })).status).toBe(401);
  });
});
