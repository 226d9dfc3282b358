import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/sandbox/index.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import type { Sample } from '../support/prometheus.js';
import { deltaBy, parsePrometheus, total } from '../support/prometheus.js';
import { listen } from '../support/raw-http.js';

const CUSTOMER_360 = readFileSync('schema/operations/customer-360.graphql', 'utf8');
const VENDORS = ['userlane', 'userloop', 'userhero', 'planhat'];

/** Per `vendor/status`, what the sandbox received: the oracle for the vendor counters. */
function byVendorStatus(entries: LogEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) {
    const key = `${e.vendor}/${e.status}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

function countBy(entries: LogEntry[], key: (e: LogEntry) => string | undefined) {
  const out: Record<string, number> = {};
  for (const e of entries) {
    const k = key(e);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

async function scrape(gw: TestGateway): Promise<Sample[]> {
  const res = await gw.yoga.fetch('http://gateway.test/metrics');
  expect(res.status).toBe(200);
  return parsePrometheus(await res.text());
}

describe('/metrics on a real server', () => {
  let gw: TestGateway;
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { GATEWAY_API_KEYS: 'dash:dashboard-key-0123456789:read' },
    });
    server = await listen(gw);
  });
  afterEach(() => gw.sandbox.faults.clear());
  afterAll(async () => {
    await server.close();
    await gw.close();
  });

  const base = () => `http://127.0.0.1:${server.port}`;
  const scrapeHttp = async () => {
    const res = await fetch(`${base()}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheus(await res.text());
  };

  it('is open like /healthz (no API key) and lists every vendor metric by its exact name', async () => {
    const res = await fetch(`${base()}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const name of [
      'gateway_vendor_requests_total',
      'gateway_vendor_request_duration_seconds',
      'gateway_vendor_retries_total',
      'gateway_vendor_rate_limited_total',
      'gateway_vendor_budget_remaining',
      'gateway_vendor_budget_wait_seconds',
      'gateway_vendor_circuit_open',
      'gateway_cache_lookups_total',
      'gateway_graphql_request_duration_seconds',
      'gateway_graphql_requests_total',
      'gateway_graphql_errors_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    // /graphql itself still needs the key.
    const graphql = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(graphql.status).toBe(401);
  });

  it('serves every series the shipped Grafana dashboard queries', async () => {
    const dashboard = JSON.parse(readFileSync('ops/grafana-dashboard.json', 'utf8')) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    const names = new Set(
      exprs.flatMap((e) => e.match(/\b(gateway|process|nodejs)_[a-z0-9_]+/g) ?? []),
    );
    expect(names.size).toBeGreaterThan(10);
    const text = await (await fetch(`${base()}/metrics`)).text();
    const typed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    for (const name of names) {
      const family = name.replace(/_(bucket|count|sum)$/, '');
      expect(typed.has(name) || typed.has(family), name).toBe(true);
    }
  });

  it('counts exactly the attempts the sandbox received, by vendor and status, retries and 429s included', async () => {
    // One 503 from Planhat and one 429 from UserLoop: each is retried once.
    gw.sandbox.faults.inject({ vendor: 'planhat', status: 503, times: 1 });
    gw.sandbox.faults.inject({
      vendor: 'userloop',
      status: 429,
      headers: { 'retry-after': '0' },
      times: 1,
    });
    const before = await scrapeHttp();
    gw.sandbox.log.clear();
    const res = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer dashboard-key-0123456789',
      },
      body: JSON.stringify({ query: CUSTOMER_360, variables: { first: 5 } }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
    expect(body.errors ?? []).toEqual([]);
    const seen = gw.sandbox.log.entries();
    const after = await scrapeHttp();

    const oracle = byVendorStatus(seen);
    expect(Object.keys(oracle).length).toBeGreaterThan(0);
    expect(oracle['planhat/503']).toBe(1);
    expect(oracle['userloop/429']).toBe(1);
    expect(deltaBy(before, after, 'gateway_vendor_requests_total', ['vendor', 'status'])).toEqual(
      oracle,
    );
    const perVendor = countBy(seen, (e) => e.vendor);
    expect(
      deltaBy(before, after, 'gateway_vendor_request_duration_seconds_count', 'vendor'),
    ).toEqual(perVendor);
    const failed = countBy(seen, (e) =>
      e.status >= 500 || e.status === 429 ? e.vendor : undefined,
    );
    expect(deltaBy(before, after, 'gateway_vendor_retries_total', 'vendor')).toEqual(failed);
    const limited = countBy(seen, (e) => (e.status === 429 ? e.vendor : undefined));
    expect(deltaBy(before, after, 'gateway_vendor_rate_limited_total', 'vendor')).toEqual(limited);
    // Every admitted attempt has its budget wait observed, queued or not.
    expect(deltaBy(before, after, 'gateway_vendor_budget_wait_seconds_count', 'vendor')).toEqual(
      perVendor,
    );

    // `operation` is the client method's endpoint name: no id, email or path in any label.
    const operations = after
      .filter((s) => s.name === 'gateway_vendor_requests_total')
      .map((s) => s.labels.operation!);
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) expect(op).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
    for (const s of after) {
      if (s.labels.vendor !== undefined) expect(VENDORS).toContain(s.labels.vendor);
    }

    const graphql = deltaBy(before, after, 'gateway_graphql_requests_total', [
      'operation',
      'type',
      'outcome',
    ]);
    expect(graphql).toEqual({ 'Customer360/query/ok': 1 });
    // The refused request of the first test is counted as an error of an unknown operation.
    expect(total(after, 'gateway_graphql_errors_total', { code: 'HTTP_401' })).toBeGreaterThan(0);
  });

  it('says how much of UserHero budget is left, as the sandbox counts it', async () => {
    const limited = await startTestGateway({ sandbox: { userheroRateLimitPerMinute: 100 } });
    try {
      const res = await limited.query('{ feedback(first: 3) { nodes { id } } }');
      expect(res.errors).toEqual([]);
      const calls = limited.sandbox.log.count({ vendor: 'userhero' });
      expect(calls).toBeGreaterThan(0);
      const samples = await scrape(limited);
      expect(total(samples, 'gateway_vendor_budget_remaining', { vendor: 'userhero' })).toBe(
        100 - calls,
      );
    } finally {
      await limited.close();
    }
  });
});

describe('attempts that got no answer', () => {
  it('counts a reset connection as network and a hung call as timeout, as the sandbox saw them', async () => {
    const gw = await startTestGateway({ env: { VENDOR_TIMEOUT_MS: '300' } });
    try {
      const q = '{ npsResponses(first: 2, filter: { sources: [PLANHAT] }) { nodes { score } } }';
      gw.sandbox.faults.inject({ vendor: 'planhat', reset: true, times: 1 });
      let before = await scrape(gw);
      gw.sandbox.log.clear();
      expect((await gw.query(q)).errors).toEqual([]);
      let after = await scrape(gw);
      // The reset attempt (logged with status 0: no answer sent) and its retry.
      expect(byVendorStatus(gw.sandbox.log.entries())).toEqual({
        'planhat/0': 1,
        'planhat/200': 1,
      });
      expect(deltaBy(before, after, 'gateway_vendor_requests_total', 'status')).toEqual({
        network: 1,
        '200': 1,
      });
      expect(deltaBy(before, after, 'gateway_vendor_retries_total', 'vendor')).toEqual({
        planhat: 1,
      });

      gw.sandbox.faults.inject({ vendor: 'planhat', hang: true, times: 1 });
      before = after;
      gw.sandbox.log.clear();
      const res = await gw.query(q);
      expect(res.errors.map((e) => e.extensions?.code)).toEqual(['VENDOR_TIMEOUT']);
      after = await scrape(gw);
      // Logged once the sandbox sees the gateway close the hung connection.
      await expect.poll(() => byVendorStatus(gw.sandbox.log.entries())).toEqual({ 'planhat/0': 1 });
      expect(deltaBy(before, after, 'gateway_vendor_requests_total', 'status')).toEqual({
        timeout: 1,
      });
    } finally {
      await gw.close();
    }
  });
});

describe('circuit and GraphQL operation metrics', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { BREAKER_FAILURES: '2', BREAKER_COOLDOWN_MS: '60000', METRICS_MAX_OPERATIONS: '2' },
    });
  });
  afterAll(() => gw.close());

  it('shows a circuit open once the vendor failed BREAKER_FAILURES calls in a row', async () => {
    const circuit = async () => {
      const samples = await scrape(gw);
      return Object.fromEntries(
        VENDORS.map((v) => [v, total(samples, 'gateway_vendor_circuit_open', { vendor: v })]),
      );
    };
    expect(await circuit()).toEqual({ userlane: 0, userloop: 0, userhero: 0, planhat: 0 });
    gw.sandbox.faults.inject({ vendor: 'planhat', status: 500 });
    const q = '{ npsResponses(first: 5, filter: { sources: [PLANHAT] }) { nodes { score } } }';
    const res = await gw.query(q);
    expect(res.errors.map((e) => e.extensions?.code)).toContain('VENDOR_UNAVAILABLE');
    expect(await circuit()).toEqual({ userlane: 0, userloop: 0, userhero: 0, planhat: 1 });
    gw.sandbox.faults.clear();
  });

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
