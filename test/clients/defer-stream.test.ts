import { print } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HealthOverviewQuery } from '../../schema/generated/graphql.js';
import { HealthOverviewDocument } from '../../schema/generated/graphql.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { assemble, readParts } from '../support/multipart.js';

// @defer and @stream (incremental delivery, answered as multipart/mixed): fast panels first,
// the slow one after, and the limits counting deferred parts like any other.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => {
  gw.sandbox.log.clear();
  gw.sandbox.faults.clear();
});
afterAll(() => gw.close());

const day = (daysBack: number) =>
  new Date(gw.sandbox.seed.now.getTime() - daysBack * 86_400_000).toISOString().slice(0, 10);

async function incremental(query: string, variables: Record<string, unknown> = {}) {
  const start = Date.now();
  const response = await gw.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return readParts(response, start);
}

const PLANHAT_LATENCY_MS = 1200;

describe('@defer', () => {
  it('answers the fast panels before the deferred NPS panel while Planhat is slow', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', latencyMs: PLANHAT_LATENCY_MS });
    const parts = await incremental(print(HealthOverviewDocument), {
      range: { from: day(89), to: day(0) },
    });
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const [initial, ...rest] = parts;
    // The first part: vendors and customers with their feedback, no NPS yet.
    const first = initial!.json.data as Partial<HealthOverviewQuery>;
    expect(first.vendors?.length).toBe(4);
    expect(first.customers?.nodes.length).toBe(5);
    expect(first.customers?.nodes.some((c) => (c.feedback?.nodes.length ?? 0) > 0)).toBe(true);
    expect(first).not.toHaveProperty('nps');
    expect(initial!.json.hasNext).toBe(true);
    // The deferred part comes once Planhat has answered, well after the first one.
    const last = rest.at(-1)!;
    expect(last.json.hasNext).toBe(false);
    const deferred = rest.flatMap((p) => p.json.incremental ?? []);
    expect(deferred.map((d) => d.label)).toContain('nps');
    expect(last.at - initial!.at).toBeGreaterThanOrEqual(PLANHAT_LATENCY_MS * 0.7);
    expect(initial!.at).toBeLessThan(last.at);
    // The whole answer, assembled, is the typed result; NPS counts all three vendors.
    const data = assemble(parts) as HealthOverviewQuery;
    if (!('nps' in data) || !data.nps) throw new Error('the deferred NPS panel never arrived');
    expect(data.nps.responses).toBeGreaterThan(0);
    expect(data.nps.groups.map((g) => g.key).sort()).toEqual(['PLANHAT', 'USERLANE', 'USERLOOP']);
    expect(gw.sandbox.log.count({ vendor: 'planhat' })).toBeGreaterThan(0);
  });

  it('gives the same NPS panel as the same query without @defer', async () => {
    const range = { from: day(89), to: day(0) };
    const plain = await gw.query<{ nps: unknown }>(
      `query($range: DateRange!) { nps: npsSummary(filter: { range: $range }, groupBy: SOURCE) { score responses groups { key score responses } } }`,
      { range },
    );
    expect(plain.errors).toEqual([]);
    const data = assemble(await incremental(print(HealthOverviewDocument), { range }));
    expect(data.nps).toEqual(plain.data?.nps);
  });

  it("carries a failing vendor's error in the deferred part only, the first part whole", async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', status: 503 });
    const parts = await incremental(print(HealthOverviewDocument), {
      range: { from: day(89), to: day(0) },
    });
    expect(parts[0]!.json.errors).toBeUndefined();
    expect((parts[0]!.json.data as Partial<HealthOverviewQuery>).customers?.nodes).toHaveLength(5);
    const deferred = parts.slice(1).flatMap((p) => p.json.incremental ?? []);
    const errors = deferred.flatMap(
      (d) => (d.errors ?? []) as { extensions?: { code?: string; vendor?: string } }[],
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => [e.extensions?.code, e.extensions?.vendor])).toContainEqual([
      'VENDOR_UNAVAILABLE',
      'PLANHAT',
    ]);
    // The panel is what the same query without @defer answers with Planhat down.
    const plain = await gw.query<{ nps: unknown }>(
      `query($range: DateRange!) { nps: npsSummary(filter: { range: $range }, groupBy: SOURCE) { score responses groups { key score responses } } }`,
      { range: { from: day(89), to: day(0) } },
    );
    expect(plain.errors.map((e) => e.extensions?.code)).toContain('VENDOR_UNAVAILABLE');
    expect(assemble(parts).nps).toEqual(plain.data?.nps);
  });

  it('refuses a deferred part over the cost limit before any vendor call', async () => {
    // Each feedback item's customer is a profile read: 100 x 50 of them, far over 1000.
    const costly =
      'customers(first: 100) { nodes { name feedback(first: 50) { nodes { customer { name } } } } }';
    for (const query of [
      `{ vendors { source } ${costly} }`,
      `{ vendors { source } ... @defer { ${costly} } }`,
    ]) {
      const res = await gw.query(query);
      expect(res.data ?? null).toBeNull();
      expect(res.errors.map((e) => e.extensions?.limit)).toEqual(['cost']);
      expect(Number(res.errors[0]!.extensions?.actual)).toBeGreaterThan(1000);
    }
    expect(gw.sandbox.log.entries()).toEqual([]);
  });

  it('refuses a deferred part over the depth limit', async () => {
    const level = (inner: string) => `feedback(first: 1) { nodes { customer { ${inner} } } }`;
    const deep = `customer(email: "a@b.c") { ${level(level(level(level('email'))))} }`;
    const res = await gw.query(`{ vendors { source } ... @defer { ${deep} } }`);
    expect(res.errors.map((e) => e.extensions?.limit)).toEqual(['depth']);
    expect(gw.sandbox.log.entries()).toEqual([]);
  });
});

describe('@stream', () => {
  const range = () => `{ range: { from: "${day(89)}", to: "${day(0)}" } }`;

  it("streams a connection's nodes after the first ones, the same list as without @stream", async () => {
    const field = (directive: string) =>
      `npsResponses(filter: ${range()}, first: 12) { nodes ${directive} { id score source } }`;
    const plain = await gw.query<{ npsResponses: { nodes: unknown[] } }>(`{ ${field('')} }`);
    expect(plain.errors).toEqual([]);
    const expected = plain.data!.npsResponses.nodes;
    expect(expected).toHaveLength(12);
    const parts = await incremental(`{ ${field('@stream(initialCount: 2)')} }`);
    expect((parts[0]!.json.data as any).npsResponses.nodes).toHaveLength(2);
    const streamed = parts.slice(1).flatMap((p) => p.json.incremental ?? []);
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed.every((s) => Array.isArray(s.items))).toBe(true);
    expect((assemble(parts) as any).npsResponses.nodes).toEqual(expected);
  });

  it("streams a connection's edges with their cursors", async () => {
    const field = (directive: string) =>
      `customers(first: 6) { edges ${directive} { cursor node { email } } }`;
    const plain = await gw.query<{ customers: { edges: { cursor: string }[] } }>(
      `{ ${field('')} }`,
    );
    const expected = plain.data!.customers.edges;
    expect(expected).toHaveLength(6);
    const parts = await incremental(`{ ${field('@stream(initialCount: 1)')} }`);
    expect(parts.length).toBeGreaterThan(1);
    expect((assemble(parts) as any).customers.edges).toEqual(expected);
  });
});
