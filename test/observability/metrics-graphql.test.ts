// /metrics for GraphQL operations and the cross-request caches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import type { Sample } from '../support/prometheus.js';
import { deltaBy, scrape } from '../support/prometheus.js';

describe('GraphQL operation metrics', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { METRICS_MAX_OPERATIONS: '2' } });
  });
  afterAll(() => gw.close());

  it('labels requests by operation name and type, folding anonymous, unknown and names past the bound', async () => {
    const before = await scrape(gw);
    await gw.query('query First { __typename }');
    await gw.query('query Second { __typename }');
    await gw.query('query Third { __typename }');
    await gw.query('query First { __typename }');
    await gw.query('{ __typename }');
    const broken = await gw.query('query Broken {');
    expect(broken.errors[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const after = await scrape(gw);
    // METRICS_MAX_OPERATIONS=2: the first two names seen keep theirs, Third is `other`.
    expect(deltaBy(before, after, 'gateway_graphql_requests_total', ['operation', 'type'])).toEqual(
      {
        'First/query': 2,
        'Second/query': 1,
        'other/query': 1,
        'anonymous/query': 1,
        'unknown/unknown': 1,
      },
    );
    expect(deltaBy(before, after, 'gateway_graphql_errors_total', ['operation', 'code'])).toEqual({
      'unknown/GRAPHQL_PARSE_FAILED': 1,
    });
    expect(
      deltaBy(before, after, 'gateway_graphql_request_duration_seconds_count', 'operation'),
    ).toEqual({ First: 2, Second: 1, other: 1, anonymous: 1, unknown: 1 });
  });

  it('counts a partial result and each of its errors by code', async () => {
    gw.sandbox.faults.inject({ vendor: 'userhero', status: 403 });
    try {
      const before = await scrape(gw);
      const res = await gw.query(
        'query Mixed { feedback(first: 2) { nodes { id } } surveys(first: 1, sources: [USERLOOP]) { nodes { id } } }',
      );
      expect(res.data).toBeTruthy();
      const codes = res.errors.map((e) => String(e.extensions?.code));
      expect(codes.length).toBeGreaterThan(0);
      const after = await scrape(gw);
      expect(deltaBy(before, after, 'gateway_graphql_requests_total', 'outcome')).toEqual({
        partial: 1,
      });
      const expected: Record<string, number> = {};
      for (const code of codes) expected[code] = (expected[code] ?? 0) + 1;
      expect(deltaBy(before, after, 'gateway_graphql_errors_total', 'code')).toEqual(expected);
    } finally {
      gw.sandbox.faults.clear();
    }
  });
});

describe('cross-request cache lookups', () => {
  it('counts a miss that read the vendor, a hit that did not, and a stale copy served while it is refreshed', async () => {
    const gw = await startTestGateway({
      env: { EXPORT_CACHE_TTL_MS: '2000', EXPORT_CACHE_MAX_AGE_MS: '300000' },
    });
    try {
      const q = '{ npsSummary(filter: { sources: [PLANHAT] }) { responses } }';
      const lookups = (a: Sample[], b: Sample[]) =>
        deltaBy(a, b, 'gateway_cache_lookups_total', 'result', { cache: 'planhat_nps' });
      const s0 = await scrape(gw);
      gw.sandbox.log.clear();
      expect((await gw.query(q)).errors).toEqual([]);
      const s1 = await scrape(gw);
      expect(gw.sandbox.log.count({ vendor: 'planhat' })).toBeGreaterThan(0);
      expect(lookups(s0, s1)).toEqual({ miss: 1 });

      gw.sandbox.log.clear();
      expect((await gw.query(q)).errors).toEqual([]);
      const s2 = await scrape(gw);
      expect(gw.sandbox.log.count({ vendor: 'planhat' })).toBe(0);
      expect(lookups(s1, s2)).toEqual({ hit: 1 });

      await new Promise((resolve) => setTimeout(resolve, 2100));
      gw.sandbox.log.clear();
      expect((await gw.query(q)).errors).toEqual([]);
      const s3 = await scrape(gw);
      expect(lookups(s2, s3)).toEqual({ stale: 1 });
      // The refresh behind the stale answer reads the vendor once more.
      await expect.poll(() => gw.sandbox.log.count({ vendor: 'planhat' })).toBeGreaterThan(0);

      // Slow-changing metadata (UserLoop's survey catalog) is cached the same way.
      const surveys = '{ surveys(first: 2, sources: [USERLOOP]) { nodes { id } } }';
      expect((await gw.query(surveys)).errors).toEqual([]);
      expect((await gw.query(surveys)).errors).toEqual([]);
      const s4 = await scrape(gw);
      expect(
        deltaBy(s3, s4, 'gateway_cache_lookups_total', 'result', { cache: 'userloop_surveys' }),
      ).toEqual({ miss: 1, hit: 1 });
    } finally {
      await gw.close();
    }
  });
});

describe('METRICS=false', () => {
  it('answers /metrics 404 like any other path', async () => {
    const gw = await startTestGateway({ env: { METRICS: 'false' } });
    try {
      expect(gw.services.metrics).toBeUndefined();
      const res = await gw.yoga.fetch('http://gateway.test/metrics');
      expect(res.status).toBe(404);
    } finally {
      await gw.close();
    }
  });
});
