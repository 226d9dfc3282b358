import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphQLResult, TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { npsReference, type ReferenceAnswer } from '../support/nps-reference.js';

// Ranges at the edges of the calendar (year 9999, one-day ranges, leap days) through the gateway,
// checked against the sandbox's own seeded data.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const FEED = `query Feed($filter: NpsFilter, $first: Int, $after: String) {
  npsResponses(filter: $filter, first: $first, after: $after) {
    totalCount
    nodes { id source score answeredAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

const SUMMARY = `query Summary($filter: NpsFilter) {
  npsSummary(filter: $filter, groupBy: SOURCE) {
    score responses promoters passives detractors
    groups { key responses }
  }
}`;

interface FeedNode {
  id: string;
  source: string;
  score: number;
  answeredAt: string;
}

interface FeedPage {
  totalCount: number | null;
  nodes: FeedNode[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface Summary {
  score: number | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  groups: { key: string; responses: number }[];
}

/** Every answer of the filter, page by page, with the last page's totalCount. */
async function walk(filter: Record<string, unknown>) {
  const nodes: FeedNode[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const res: GraphQLResult<{ npsResponses: FeedPage }> = await gw.query(FEED, {
      filter,
      first: 200,
      after,
    });
    expect(res.errors).toEqual([]);
    const connection = res.data?.npsResponses;
    if (!connection) throw new Error('no data');
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return { nodes, totalCount: connection.totalCount };
    after = connection.pageInfo.endCursor;
  }
  throw new Error('feed did not end');
}

async function summary(filter: Record<string, unknown>): Promise<Summary> {
  const res = await gw.query<{ npsSummary: Summary }>(SUMMARY, { filter });
  expect(res.errors).toEqual([]);
  if (!res.data) throw new Error('no data');
  return res.data.npsSummary;
}

const second = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const fromNodes = (nodes: FeedNode[]) =>
  nodes.map((n) => `${n.source}|${second(n.answeredAt)}|${n.score}`).sort();
const fromReference = (answers: ReferenceAnswer[]) =>
  answers.map((a) => `${a.source}|${a.second}|${a.score}`).sort();

describe('a range ending on the last representable day', () => {
  it('answers "to: 9999-12-31" exactly as "to: 9999-12-30": the same non-empty answers, count and summary', async () => {
    const from = day(gw.sandbox.seed.now.getTime() - 20 * DAY);
    const expected = npsReference(gw.sandbox, from, '9999-12-31');
    expect(expected.length).toBeGreaterThan(0);

    const last = await walk({ range: { from, to: '9999-12-31' } });
    const before = await walk({ range: { from, to: '9999-12-30' } });
    expect(last.nodes.length).toBeGreaterThan(0);
    expect(fromNodes(last.nodes)).toEqual(fromReference(expected));
    expect(fromNodes(last.nodes)).toEqual(fromNodes(before.nodes));
    expect(last.totalCount).toBe(expected.length);
    expect(last.totalCount).toBe(before.totalCount);
    expect(new Set(last.nodes.map((n) => n.source))).toEqual(
      new Set(['USERLANE', 'PLANHAT', 'USERLOOP']),
    );

    const lastSummary = await summary({ range: { from, to: '9999-12-31' } });
    expect(lastSummary.responses).toBe(expected.length);
    expect(lastSummary).toEqual(await summary({ range: { from, to: '9999-12-30' } }));
  });
});

describe('a one-day range (from = to)', () => {
  it("returns exactly that day's answers, from every source", async () => {
    // The most recent fully elapsed day with answers from all three sources, per the seed.
    const now = gw.sandbox.seed.now.getTime();
    let target: string | undefined;
    for (let back = 1; back <= 30 && target === undefined; back++) {
      const candidate = day(now - back * DAY);
      const sources = new Set(npsReference(gw.sandbox, candidate, candidate).map((a) => a.source));
      if (sources.size === 3) target = candidate;
    }
    if (target === undefined) throw new Error('no seeded day with answers from every source');
    const expected = npsReference(gw.sandbox, target, target);
    expect(expected.length).toBeGreaterThan(0);

    const { nodes, totalCount } = await walk({ range: { from: target, to: target } });
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.filter((n) => n.answeredAt.slice(0, 10) !== target)).toEqual([]);
    expect(fromNodes(nodes)).toEqual(fromReference(expected));
    expect(totalCount).toBe(expected.length);
    expect((await summary({ range: { from: target, to: target } })).responses).toBe(
      expected.length,
    );
  });
});

describe('dates the gateway cannot represent', () => {
  it.each([
    ['a five-digit year', { from: '2026-01-01', to: '10000-01-01' }, '10000-01-01'],
    ['an expanded-year spelling', { from: '2026-01-01', to: '+010000-01-01' }, '+010000-01-01'],
    ['year 0000', { from: '0000-12-31', to: '2026-01-01' }, '0000-12-31'],
  ])(
    'refuses %s as BAD_USER_INPUT naming the value and the valid range, before any vendor call',
    async (_what, range, value) => {
      const res = await gw.query(FEED, { filter: { range }, first: 10 });
      expect(res.data ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors[0]?.message).toContain(JSON.stringify(value));
      expect(res.errors[0]?.message).toContain('0001-01-01');
      expect(res.errors[0]?.message).toContain('9999-12-31');
      expect(gw.sandbox.log.count()).toBe(0);
    },
  );

  it('refuses 29 February of a common year, naming it, before any vendor call', async () => {
    const res = await gw.query(FEED, {
      filter: { range: { from: '2025-02-29', to: '2025-03-01' } },
      first: 10,
    });
    expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors[0]?.message).toContain('"2025-02-29"');
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('refuses a reversed range clearly, before any vendor call', async () => {
    const res = await gw.query(FEED, {
      filter: { range: { from: '9999-12-31', to: '9999-12-30' } },
      first: 10,
    });
    expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors[0]?.message).toContain('is after');
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('accepts 29 February of a leap year', async () => {
    const res = await gw.query<{ npsResponses: FeedPage }>(FEED, {
      filter: { range: { from: '2024-02-29', to: '2024-02-29' } },
      first: 10,
    });
    expect(res.errors).toEqual([]);
    expect(res.data?.npsResponses.nodes).toBeDefined();
  });
});
