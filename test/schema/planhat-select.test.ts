import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultNpsRange } from '../../src/domain/nps-range.js';
import { encodeGlobalId } from '../../src/global-id.js';
import { rangeKey } from '../../src/loaders/export-cache.js';
import type { LogEntry } from '../../src/sandbox/index.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { referenceTally } from '../support/nps-reference.js';

// Planhat's `select` ("Select specific properties. Multiple properties can be specified
// separating them by commas", planhat-nps.txt) on the range exports: a request that only counts
// answers asks for the properties counting needs; one that also reads whole records (a feed, a
// person's answers, an answer by id) reads them once, as before, and its counts use that read.

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** What a count needs: the record's id, person, score and date, its company and its comment. */
const COUNTED = ['_id', 'cId', 'email', 'nps', 'npsComment', 'npsDate'];

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

/** Planhat's range reads (no company filter): the exports. */
const exportReads = (g: TestGateway = gw): LogEntry[] =>
  g.sandbox.log
    .entries({ vendor: 'planhat', method: 'GET', path: '/nps' })
    .filter((e) => e.query.companyId === undefined);
const selected = (e: LogEntry) =>
  typeof e.query.select === 'string' ? e.query.select.split(',').sort() : undefined;

const SUMMARIES = `
  overall: npsSummary(filter: { sources: [PLANHAT], range: $range }) {
    score responses promoters passives detractors missingSources
  }
  byCompany: npsSummary(filter: { sources: [PLANHAT], range: $range }, groupBy: COMPANY) {
    groups { key score responses }
  }
  byWeek: npsSummary(filter: { sources: [PLANHAT], range: $range }, groupBy: WEEK) {
    groups { key score responses }
  }
  byRegion: npsSummary(filter: { sources: [PLANHAT], range: $range }, groupBy: REGION) {
    groups { key responses }
  }
  commented: npsSummary(filter: { sources: [PLANHAT], range: $range, hasComment: true }) {
    responses score
  }`;
const COUNTS_ONLY = `query($range: DateRange!) { ${SUMMARIES} }`;
const COUNTS_AND_RECORDS = `query($range: DateRange!) { ${SUMMARIES}
  npsResponses(filter: { sources: [PLANHAT], range: $range }, first: 5) {
    nodes { id score planhat { scoreType source } }
  } }`;

interface Tally {
  score: number | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}
interface Summaries {
  overall: Tally & { missingSources: string[] };
  byCompany: { groups: { key: string; responses: number }[] };
  byWeek: { groups: { key: string; responses: number }[] };
  byRegion: { groups: { key: string; responses: number }[] };
  commented: { responses: number; score: number | null };
}

function range90() {
  const now = gw.sandbox.seed.now.getTime();
  return { from: isoDay(now - 89 * DAY), to: isoDay(now) };
}

/** The seed's Planhat answers of a range, from the sandbox's own data. */
function seeded(range: { from: string; to: string }) {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`) + DAY;
  return gw.sandbox.seed.planhat.store
    .all()
    .filter((r) => r.npsDate !== null && r.npsDate >= from && r.npsDate < to);
}

describe('a request that only counts', () => {
  it('asks Planhat for the counted properties alone and counts what whole records count', async () => {
    const range = range90();
    const counted = await gw.query<Summaries>(COUNTS_ONLY, { range });
    expect(counted.errors).toEqual([]);
    const reads = exportReads();
    // One read of the range, as before, now with `select`.
    expect(reads).toHaveLength(1);
    expect(selected(reads[0]!)).toEqual(COUNTED);

    // The figures, by the documented buckets over the sandbox's own records.
    const records = seeded(range);
    expect(records.length).toBeGreaterThan(100);
    const { score, ...counts } = referenceTally(records.map((r) => r.nps));
    expect(counted.data?.overall).toMatchObject({ ...counts, missingSources: [] });
    expect(counted.data?.overall.score).toBeCloseTo(score!, 2);
    const companies = new Set(records.map((r) => r.cId ?? 'UNKNOWN'));
    expect(counted.data?.byCompany.groups.map((g) => g.key).sort()).toEqual([...companies].sort());
    const withComment = records.filter((r) => (r.npsComment ?? '').trim() !== '');
    expect(withComment.length).toBeGreaterThan(0);
    expect(counted.data?.commented.responses).toBe(withComment.length);

    // The same summaries beside whole records: one whole read, the same figures.
    gw.sandbox.log.clear();
    const whole = await gw.query<Summaries & { npsResponses: { nodes: unknown[] } }>(
      COUNTS_AND_RECORDS,
      { range },
    );
    expect(whole.errors).toEqual([]);
    expect(whole.data?.npsResponses.nodes).toHaveLength(5);
    const { npsResponses: _feed, ...summaries } = whole.data!;
    expect(summaries).toEqual(counted.data);
    expect(exportReads().map(selected)).toEqual([undefined]);
  });

  it('receives fewer bytes a record with select than whole records', async () => {
    const range = range90();
    await gw.query(COUNTS_ONLY, { range });
    const [countedRead] = exportReads();
    gw.sandbox.log.clear();
    await gw.query(COUNTS_AND_RECORDS, { range });
    const [wholeRead] = exportReads();
    // The same page of the same list: the same records, each spelled with fewer properties.
    expect(countedRead!.query.offset).toBe(wholeRead!.query.offset);
    expect(countedRead!.query.npsExpiryDay).toBe(wholeRead!.query.npsExpiryDay);
    const now = gw.sandbox.seed.now.getTime();
    const window = Number(wholeRead!.query.npsExpiryDay);
    const listed = gw.sandbox.seed.planhat.store
      .all()
      .filter((r) => r.npsDate !== null && r.npsDate >= now - window * DAY).length;
    expect(listed).toBeGreaterThan(0);
    const perRecord = (e: LogEntry) => e.responseBytes / listed;
    expect(perRecord(countedRead!)).toBeLessThan(perRecord(wholeRead!) / 2);
  });

  it("asks for the counted properties for a person's company, and for its company's answers", async () => {
    const res = await gw.query<{
      customers: { nodes: { planhatCompanyId: string | null; companyNps: Tally | null }[] };
    }>('{ customers(first: 5) { nodes { planhatCompanyId companyNps { responses } } } }');
    expect(res.errors).toEqual([]);
    const nodes = res.data?.customers.nodes ?? [];
    expect(nodes.filter((n) => n.planhatCompanyId !== null).length).toBeGreaterThan(0);
    const planhat = gw.sandbox.log.entries({ vendor: 'planhat', method: 'GET', path: '/nps' });
    expect(planhat.length).toBe(2);
    for (const read of planhat) expect(selected(read)).toEqual(COUNTED);
  });
});

describe('a request that also reads whole records', () => {
  it('makes as many Planhat calls as before: its counts read the whole records it reads', async () => {
    const cases = [
      // A summary beside the merged feed.
      `{ npsSummary(groupBy: SOURCE) { responses } npsResponses(first: 10) { nodes { id } } }`,
      // A person's company (started early with the list) beside their answers.
      `{ customers(first: 5) { nodes { planhatCompanyId latestNps { score }
          npsResponses(first: 2) { nodes { planhat { scoreType } } } } } }`,
      // Whole records behind a fragment on an abstract type (node lookups).
      `query($ids: [ID!]!) { npsSummary { responses } nodes(ids: $ids) { ...N } }
       fragment N on NpsResponse { score planhat { npsId } }`,
    ];
    const ids = seeded(range90())
      .slice(0, 8)
      .map((r) => encodeGlobalId('NpsResponse', `PLANHAT|${r._id}`));
    for (const query of cases) {
      gw.sandbox.log.clear();
      const res = await gw.query(query, { ids });
      expect(res.errors).toEqual([]);
      // The default window holds fewer than 10,000 answers: one read of it.
      expect(exportReads().map(selected)).toEqual([undefined]);
      // No answer read one by one either.
      expect(gw.sandbox.log.count({ vendor: 'planhat', path: /^\/nps\/./ })).toBe(0);
    }
  });
});

describe('across requests (EXPORT_CACHE_TTL_MS)', () => {
  let cached: TestGateway;
  beforeAll(async () => {
    cached = await startTestGateway({ env: { EXPORT_CACHE_TTL_MS: '60000' } });
  });
  beforeEach(() => {
    for (const cache of Object.values(cached.services.caches.exports)) cache.clear();
    cached.sandbox.log.clear();
  });
  afterAll(() => cached.close());
  const COUNTS = '{ npsSummary(filter: { sources: [PLANHAT] }) { responses } }';

  it('serves counts from a cached whole read, and from a cached counted one', async () => {
    const whole = await cached.query<{ npsSummary: { responses: number } }>(
      '{ npsSummary(filter: { sources: [PLANHAT] }) { responses } npsResponses(first: 1) { nodes { id } } }',
    );
    expect(exportReads(cached).map(selected)).toEqual([undefined]);
    cached.sandbox.log.clear();
    const fromWhole = await cached.query<{ npsSummary: { responses: number } }>(COUNTS);
    expect(fromWhole.data).toEqual({ npsSummary: whole.data?.npsSummary });
    expect(exportReads(cached)).toHaveLength(0);

    for (const cache of Object.values(cached.services.caches.exports)) cache.clear();
    cached.sandbox.log.clear();
    await cached.query(COUNTS);
    expect(exportReads(cached).map(selected)).toEqual([COUNTED]);
    cached.sandbox.log.clear();
    const again = await cached.query(COUNTS);
    expect(again.data).toEqual(fromWhole.data);
    expect(exportReads(cached)).toHaveLength(0);
  });

  it('joins a whole read still under way instead of making a counted one', async () => {
    cached.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', latencyMs: 200, times: 1 });
    const wholeRequest = cached.query(
      '{ npsSummary(filter: { sources: [PLANHAT] }) { responses } npsResponses(first: 1) { nodes { id } } }',
    );
    // Once the whole read has started, a request that only counts arrives.
    const exports = cached.services.caches.exports.planhatNps;
    const key = rangeKey(defaultNpsRange(new Date()));
    const started = Date.now();
    while (!exports.holds(key) && Date.now() - started < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(exports.holds(key)).toBe(true);
    const [whole, counts] = await Promise.all([wholeRequest, cached.query(COUNTS)]);
    expect(whole.errors).toEqual([]);
    expect(counts.errors).toEqual([]);
    expect(exportReads(cached).map(selected)).toEqual([undefined]);
  });

  it('does not serve a feed page from a counted copy: the page reads its own page', async () => {
    await cached.query(COUNTS);
    cached.sandbox.log.clear();
    const feed = await cached.query<{ npsResponses: { nodes: { planhat: unknown }[] } }>(
      '{ npsResponses(filter: { sources: [PLANHAT] }, first: 5) { nodes { planhat { scoreType sourceId } } } }',
    );
    expect(feed.errors).toEqual([]);
    expect(feed.data?.npsResponses.nodes).toHaveLength(5);
    const reads = exportReads(cached);
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      expect(read.query.select).toBeUndefined();
      expect(Number(read.query.limit)).toBeLessThan(100);
    }
  });
});
