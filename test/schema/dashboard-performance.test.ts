import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Customer360Document, NpsTrendDocument } from '../../schema/generated/graphql.js';
import { USERLOOP_PAGE_FANOUT } from '../../src/loaders/exports.js';
import { USERHERO_FANOUT } from '../../src/loaders/userhero.js';
import type { LogEntry } from '../../src/sandbox/request-log.js';
import { USERLOOP_MAX_LIMIT } from '../../src/vendors/userloop/client.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { execute } from '../support/typed.js';
import { maxInFlight } from './userhero-fixtures.js';

// What the dashboards of schema/operations wait for and what they cost: pages read
// concurrently, exports started with the customer list, and range exports shared across requests.

let cold: TestGateway;
let cached: TestGateway;
beforeAll(async () => {
  [cold, cached] = await Promise.all([
    startTestGateway(),
    startTestGateway({ env: { EXPORT_CACHE_TTL_MS: '60000', EXPORT_CACHE_MAX_AGE_MS: '600000' } }),
  ]);
});
afterAll(async () => Promise.all([cold.close(), cached.close()]));
beforeEach(() => {
  for (const gw of [cold, cached]) {
    gw.sandbox.faults.clear();
    gw.sandbox.log.clear();
  }
});

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ended = (e: LogEntry) => e.startedAt + e.durationMs;
const NPS_SUMMARY = '{ npsSummary { responses score } }';
const exportCalls = (gw: TestGateway) =>
  gw.sandbox.log.count({ vendor: 'planhat', method: 'GET', path: '/nps' }) +
  gw.sandbox.log.count({ vendor: 'userlane', path: /\/nps$/ }) +
  gw.sandbox.log.count({ vendor: 'userloop', path: '/responses' });

describe('UserLoop range export', () => {
  it('reads the pages after the first concurrently (bounded), each offset once', async () => {
    cold.sandbox.faults.inject({ vendor: 'userloop', path: '/responses', latencyMs: 30 });
    const res = await cold.query(NPS_SUMMARY);
    expect(res.errors).toEqual([]);
    const bySurvey = new Map<string, LogEntry[]>();
    for (const e of cold.sandbox.log.entries({ vendor: 'userloop', path: '/responses' })) {
      const id = String(e.query.survey_id);
      bySurvey.set(id, [...(bySurvey.get(id) ?? []), e]);
    }
    const [, pages] = [...bySurvey].sort((a, b) => b[1].length - a[1].length)[0]!;
    // The seed holds a survey of several pages: the premise of this test.
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const offsets = pages.map((e) => Number(e.query.offset)).sort((a, b) => a - b);
    expect(offsets).toEqual(pages.map((_, i) => i * USERLOOP_MAX_LIMIT));
    const first = pages.find((e) => Number(e.query.offset) === 0)!;
    const rest = pages.filter((e) => e !== first);
    // The total comes with the first page; the others wait for it, then run together.
    for (const e of rest) expect(e.startedAt).toBeGreaterThanOrEqual(ended(first) - 5);
    expect(maxInFlight(rest)).toBe(Math.min(rest.length, USERLOOP_PAGE_FANOUT));
  });
});

describe('Customer360', () => {
  it('starts the NPS and answer exports with the customer list, not after it', async () => {
    cold.sandbox.faults.inject({ vendor: 'userhero', path: '/customers', latencyMs: 60 });
    const data = await execute(cold, Customer360Document, { first: 5 });
    expect(data.customers?.nodes).toHaveLength(5);
    const [list] = cold.sandbox.log.entries({ vendor: 'userhero', path: '/customers' });
    const firstOf = (vendor: 'planhat' | 'userloop') =>
      cold.sandbox.log.entries({
        vendor,
        method: 'GET',
        path: vendor === 'planhat' ? '/nps' : '/responses',
      })[0]!;
    expect(firstOf('planhat').startedAt).toBeLessThan(ended(list!));
    expect(firstOf('userloop').startedAt).toBeLessThan(ended(list!));
  });

  it('makes no vendor call for a malformed page request, prefetch included', async () => {
    const res = await cold.query(
      '{ customers(first: -1) { nodes { email latestNps { score } } } }',
    );
    expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(cold.sandbox.log.count()).toBe(0);
  });
});

describe('NpsTrend', () => {
  it('looks up the detractors’ customers in one wave', async () => {
    cold.sandbox.faults.inject({ vendor: 'userhero', path: '/customers', latencyMs: 30 });
    const now = cold.sandbox.seed.now.getTime();
    await execute(cold, NpsTrendDocument, { range: { from: day(now - 84 * DAY), to: day(now) } });
    const lookups = cold.sandbox.log.entries({ vendor: 'userhero', path: '/customers' });
    expect(lookups.length).toBeGreaterThan(6);
    expect(maxInFlight(lookups)).toBe(Math.min(lookups.length, USERHERO_FANOUT));
  });
});

describe('cross-request export cache', () => {
  it('serves a repeated dashboard without re-reading the ranges, per request at most once', async () => {
    const first = await cached.query(NPS_SUMMARY);
    expect(first.errors).toEqual([]);
    expect(exportCalls(cached)).toBeGreaterThan(0);
    cached.sandbox.log.clear();
    const second = await cached.query(NPS_SUMMARY);
    expect(second.data).toEqual(first.data);
    expect(exportCalls(cached)).toBe(0);
  });

  it('serves a feed page of a cached range from the cached read, at the same positions', async () => {
    const feed = `{ npsResponses(filter: { categories: [DETRACTOR] }, first: 5) {
      edges { cursor node { id } } } }`;
    for (const cache of Object.values(cached.services.caches.exports)) cache.clear();
    const fromVendor = await cached.query(feed);
    expect(fromVendor.errors).toEqual([]);
    // Without a cached copy a feed page reads a page of each list, never a whole export.
    const limits = cached.sandbox.log
      .entries({ vendor: 'planhat', method: 'GET', path: '/nps' })
      .map((e) => Number(e.query.limit));
    expect(Math.max(...limits)).toBeLessThan(100);
    // A request that reads whole records (its summary beside a feed) caches the range's whole
    // read; a summary alone caches a counted one (`select`), which holds no feed's records.
    await cached.query(
      '{ npsSummary { responses score } npsResponses(first: 1) { nodes { id } } }',
    );
    cached.sandbox.log.clear();
    const served = await cached.query(feed);
    expect(served.errors).toEqual([]);
    expect(exportCalls(cached)).toBe(0);
    expect(served.data).toEqual(fromVendor.data);
  });

  it('is off in a cold gateway: each request reads its ranges', async () => {
    await cold.query(NPS_SUMMARY);
    const once = exportCalls(cold);
    cold.sandbox.log.clear();
    await cold.query(NPS_SUMMARY);
    expect(exportCalls(cold)).toBe(once);
  });

  it('drops the Planhat entry after an NPS write through the gateway', async () => {
    const before = await cached.query<{ npsSummary: { responses: number } }>(NPS_SUMMARY);
    const list = await cached.query<{ npsResponses: { nodes: { id: string }[] } }>(
      '{ npsResponses(filter: { sources: [PLANHAT] }, first: 1) { nodes { id } } }',
    );
    const id = list.data!.npsResponses.nodes[0]!.id;
    const deleted = await cached.query('mutation($id: ID!) { deleteNps(id: $id) { deletedId } }', {
      id,
    });
    expect(deleted.errors).toEqual([]);
    cached.sandbox.log.clear();
    const after = await cached.query<{ npsSummary: { responses: number } }>(NPS_SUMMARY);
    expect(after.data!.npsSummary.responses).toBe(before.data!.npsSummary.responses - 1);
    expect(cached.sandbox.log.count({ vendor: 'planhat', method: 'GET', path: '/nps' })).toBe(1);
    // The other vendors' entries stay.
    expect(cached.sandbox.log.count({ vendor: 'userloop', path: '/responses' })).toBe(0);
  });
});

describe('stale-while-revalidate', () => {
  let stale: TestGateway;
  beforeAll(async () => {
    stale = await startTestGateway({
      env: { EXPORT_CACHE_TTL_MS: '1', EXPORT_CACHE_MAX_AGE_MS: '600000' },
    });
  });
  afterAll(async () => stale.close());

  it('answers from the stale entry at once while one refresh runs behind it', async () => {
    const first = await stale.query(NPS_SUMMARY);
    await new Promise((resolve) => setTimeout(resolve, 5));
    stale.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', latencyMs: 300 });
    stale.sandbox.log.clear();
    const started = Date.now();
    const second = await stale.query(NPS_SUMMARY);
    expect(Date.now() - started).toBeLessThan(250);
    expect(second.data).toEqual(first.data);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // One background read of Planhat's range, though the request did not wait for it.
    expect(stale.sandbox.log.count({ vendor: 'planhat', method: 'GET', path: '/nps' })).toBe(1);
  });
});
