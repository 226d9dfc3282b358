// /metrics against the sandbox's request log: vendor attempts, retries, 429s, budgets, circuits.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import {
  byVendorStatus,
  countBy,
  deltaBy,
  parsePrometheus,
  scrape,
  total,
} from '../support/prometheus.js';
import { listen } from '../support/raw-http.js';

const CUSTOMER_360 = readFileSync('schema/operations/customer-360.graphql', 'utf8');
const VENDORS = ['userlane', 'userloop', 'userhero', 'planhat'];

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

describe('circuit', () => {
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
});
