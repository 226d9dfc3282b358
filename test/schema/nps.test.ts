import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphQLResult, TestGateway } from '../support/gateway.js';
import { npsReference, referenceCategory, referenceTally } from '../support/nps-reference.js';
import { startTestGateway } from '../support/gateway.js';

// The unified NPS feed and summary, checked against the sandbox's own seeded data.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const reference = (from: string, to: string) => npsReference(gw.sandbox, from, to);

const key = (a: { source: string; score: number; second: number }) =>
  `${a.second}|${a.source}|${a.score}`;

const FEED = `query Feed($filter: NpsFilter, $first: Int, $after: String) {
  npsResponses(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id source score category answeredAt comment respondent { email } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface FeedNode {
  id: string;
  source: string;
  score: number;
  category: string;
  answeredAt: string;
  comment: string | null;
  respondent: { email: string | null };
}

interface FeedPage {
  edges: { node: FeedNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function walk(filter: Record<string, unknown>, first: number) {
  const nodes: FeedNode[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const res: GraphQLResult<{ npsResponses: FeedPage }> = await gw.query(FEED, {
      filter,
      first,
      after,
    });
    expect(res.errors).toEqual([]);
    const connection: FeedPage | undefined = res.data?.npsResponses;
    if (!connection) throw new Error('no data');
    nodes.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) return { nodes, pages: page + 1 };
    expect(connection.edges).toHaveLength(first);
    after = connection.pageInfo.endCursor;
  }
  throw new Error('feed did not end');
}

describe('npsResponses', () => {
  it('merges the three vendors newest first, every answer exactly once across pages', async () => {
    const to = day(gw.sandbox.seed.now.getTime());
    const from = day(gw.sandbox.seed.now.getTime() - 45 * DAY);
    const { nodes } = await walk({ range: { from, to } }, 37);
    const expected = reference(from, to);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(
      nodes.map((n) => key({ ...n, second: Math.floor(Date.parse(n.answeredAt) / 1000) })).sort(),
    ).toEqual(expected.map(key).sort());
    for (let i = 1; i < nodes.length; i++) {
      expect(Date.parse(nodes[i - 1]!.answeredAt)).toBeGreaterThanOrEqual(
        Date.parse(nodes[i]!.answeredAt),
      );
    }
    expect(new Set(nodes.map((n) => n.source))).toEqual(
      new Set(['USERLANE', 'PLANHAT', 'USERLOOP']),
    );
    // Categories by the vendors' documented buckets, not the gateway's own rule.
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.filter((n) => n.category !== referenceCategory(n.score))).toEqual([]);
    // The premise: the range holds the scores on both sides of each bucket edge (6/7, 8/9).
    const scores = new Set(nodes.map((n) => n.score));
    expect([6, 7, 8, 9].filter((score) => !scores.has(score))).toEqual([]);
  });

  it('applies category and comment filters the vendors cannot apply themselves', async () => {
    const to = day(gw.sandbox.seed.now.getTime());
    const from = day(gw.sandbox.seed.now.getTime() - 60 * DAY);
    const { nodes } = await walk(
      { range: { from, to }, categories: ['DETRACTOR'], hasComment: true },
      50,
    );
    expect(nodes.length).toBeGreaterThan(0);
    expect(
      nodes.filter(
        (n) =>
          n.category !== 'DETRACTOR' ||
          referenceCategory(n.score) !== 'DETRACTOR' ||
          n.comment === null,
      ),
    ).toEqual([]);
  });

  it.each([[['PROMOTER']], [['PASSIVE']], [['PASSIVE', 'DETRACTOR']]])(
    'filters categories %j to exactly the answers whose scores the vendor docs put there',
    async (categories) => {
      const to = day(gw.sandbox.seed.now.getTime());
      const from = day(gw.sandbox.seed.now.getTime() - 30 * DAY);
      const { nodes } = await walk({ range: { from, to }, categories }, 100);
      const expected = reference(from, to).filter((a) =>
        categories.includes(referenceCategory(a.score)),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(
        nodes.map((n) => key({ ...n, second: Math.floor(Date.parse(n.answeredAt) / 1000) })).sort(),
      ).toEqual(expected.map(key).sort());
      expect(nodes.filter((n) => !categories.includes(n.category))).toEqual([]);
    },
  );

  it('reaches Planhat answers older than its 360-day default by asking with npsExpiryDay', async () => {
    const now = gw.sandbox.seed.now.getTime();
    const from = day(now - 600 * DAY);
    const to = day(now - 400 * DAY);
    const { nodes } = await walk({ range: { from, to }, sources: ['PLANHAT'] }, 100);
    const expected = reference(from, to).filter((a) => a.source === 'PLANHAT');
    expect(expected.length).toBeGreaterThan(0);
    expect(nodes).toHaveLength(expected.length);
    const asked = gw.sandbox.log.entries({ vendor: 'planhat', path: '/nps' });
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.map((e) => e.query.npsExpiryDay).filter((days) => !(Number(days) >= 600))).toEqual(
      [],
    );
  });

  it('refetches each source through node(id)', async () => {
    const { nodes } = await walk({}, 30);
    const bySource = ['USERLANE', 'PLANHAT', 'USERLOOP'].map((s) =>
      nodes.find((n) => n.source === s),
    );
    for (const node of bySource) {
      expect(node).toBeDefined();
      const res = await gw.query<{ node: FeedNode | null }>(
        'query($id: ID!) { node(id: $id) { id ... on NpsResponse { source score answeredAt } } }',
        { id: node?.id },
      );
      expect(res.errors).toEqual([]);
      expect(res.data?.node).toMatchObject({
        id: node?.id,
        source: node?.source,
        score: node?.score,
      });
    }
  });

  it('refuses a cursor of other filters before any vendor call', async () => {
    const first = await gw.query<{ npsResponses: { pageInfo: { endCursor: string } } }>(FEED, {
      first: 5,
    });
    gw.sandbox.log.clear();
    const res = await gw.query(FEED, {
      first: 5,
      after: first.data?.npsResponses.pageInfo.endCursor,
      filter: { categories: ['PROMOTER'] },
    });
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'foreign_cursor',
    });
    expect(gw.sandbox.log.count()).toBe(0);
  });
});

describe('npsSummary', () => {
  const SUMMARY = `query($filter: NpsFilter, $groupBy: NpsGrouping) {
    npsSummary(filter: $filter, groupBy: $groupBy) {
      score responses promoters passives detractors
      groups { key score responses promoters passives detractors }
    }
  }`;

  it('computes %promoters - %detractors over the range, overall and per source', async () => {
    const now = gw.sandbox.seed.now.getTime();
    const range = { from: day(now - 90 * DAY), to: day(now) };
    const res = await gw.query<{
      npsSummary: {
        score: number;
        responses: number;
        promoters: number;
        passives: number;
        detractors: number;
        groups: {
          key: string;
          score: number;
          responses: number;
          promoters: number;
          passives: number;
          detractors: number;
        }[];
      };
    }>(SUMMARY, { filter: { range }, groupBy: 'SOURCE' });
    expect(res.errors).toEqual([]);
    const expected = reference(range.from, range.to);
    expect(expected.length).toBeGreaterThan(0);
    const { score, ...counts } = referenceTally(expected.map((a) => a.score));
    const summary = res.data?.npsSummary;
    expect(summary).toMatchObject(counts);
    expect(summary?.score).toBeCloseTo(score!, 2);
    expect(summary?.groups.map((g) => g.key)).toEqual(['PLANHAT', 'USERLANE', 'USERLOOP']);
    for (const group of summary?.groups ?? []) {
      const mine = expected.filter((a) => a.source === group.key);
      const { score: groupScore, ...groupCounts } = referenceTally(mine.map((a) => a.score));
      expect(mine.length).toBeGreaterThan(0);
      expect(group).toMatchObject(groupCounts);
      expect(group.score).toBeCloseTo(groupScore!, 2);
    }
  });

  it('groups by month and by the directory role, with UNKNOWN for answers without one', async () => {
    const now = gw.sandbox.seed.now.getTime();
    const range = { from: day(now - 90 * DAY), to: day(now) };
    const months = await gw.query<{
      npsSummary: { responses: number; groups: { key: string; responses: number }[] };
    }>(SUMMARY, { filter: { range }, groupBy: 'MONTH' });
    const groups = months.data?.npsSummary.groups ?? [];
    // 91 days always touch at least three calendar months.
    expect(groups.length).toBeGreaterThanOrEqual(3);
    expect(groups.map((g) => g.key).filter((key) => !/^\d{4}-\d{2}$/.test(key))).toEqual([]);
    expect(groups.reduce((n, g) => n + g.responses, 0)).toBe(months.data?.npsSummary.responses);

    const roles = await gw.query<{ npsSummary: { groups: { key: string; responses: number }[] } }>(
      SUMMARY,
      { filter: { range, sources: ['USERLANE'] }, groupBy: 'ROLE' },
    );
    const byRole = new Map<string, number>();
    for (const answer of gw.sandbox.seed.userlane.nps) {
      const start = Date.parse(`${range.from}T00:00:00Z`);
      if (answer.ms < start || answer.ms >= Date.parse(`${range.to}T00:00:00Z`) + DAY) continue;
      const role = answer.user.inDirectory ? (answer.user.person?.role ?? 'UNKNOWN') : 'UNKNOWN';
      byRole.set(role, (byRole.get(role) ?? 0) + 1);
    }
    // The premise: answers with a directory role and answers without one.
    expect(byRole.has('UNKNOWN')).toBe(true);
    expect(byRole.size).toBeGreaterThan(1);
    expect(
      Object.fromEntries((roles.data?.npsSummary.groups ?? []).map((g) => [g.key, g.responses])),
    ).toEqual(Object.fromEntries(byRole));
  });

  it('reads each vendor range once however many summaries and customers ask for it', async () => {
    const res = await gw.query(`{
      a: npsSummary { responses } b: npsSummary(groupBy: SOURCE) { responses }
      c: npsSummary(groupBy: WEEK) { score }
    }`);
    expect(res.errors).toEqual([]);
    const planhat = gw.sandbox.log.entries({ vendor: 'planhat' });
    const userlane = gw.sandbox.log.entries({ vendor: 'userlane' });
    expect(new Set(planhat.map((e) => JSON.stringify(e.query))).size).toBe(planhat.length);
    expect(new Set(userlane.map((e) => JSON.stringify(e.query))).size).toBe(userlane.length);
  });
});

describe('UserLoop reads of the NPS summary', () => {
  it('reads only the surveys that ask an NPS question, each once', async () => {
    const res = await gw.query('{ npsSummary { responses } }');
    expect(res.errors).toEqual([]);
    const npsSurveys = gw.sandbox.seed.userloop.surveys
      .filter((s) => s.allowed && s.questions.some((q) => q.type.toUpperCase() === 'NPS'))
      .map((s) => s.id);
    const others = gw.sandbox.seed.userloop.surveys.filter((s) => !npsSurveys.includes(s.id));
    // The premise: the seed has surveys without an NPS question, which the summary must skip.
    expect(others.length).toBeGreaterThan(0);
    const reads = gw.sandbox.log
      .entries({ vendor: 'userloop', path: '/responses' })
      .map((e) => ({ survey: String(e.query.survey_id), offset: String(e.query.offset ?? 0) }));
    expect(new Set(reads.map((r) => r.survey))).toEqual(new Set(npsSurveys));
    const keys = reads.map((r) => `${r.survey}@${r.offset}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the feed beside a summary of its range', () => {
  const BESIDE = `query($filter: NpsFilter, $feed: NpsFilter, $first: Int, $after: String) {
    npsSummary(filter: $filter) { responses }
    npsResponses(filter: $feed, first: $first, after: $after) {
      edges { cursor node { id score } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  const ALONE = `query($feed: NpsFilter, $first: Int, $after: String) {
    npsResponses(filter: $feed, first: $first, after: $after) {
      edges { cursor node { id score } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  type Page = { npsResponses: FeedPage & { edges: { cursor: string }[] } };

  // The last range ends in the past: Planhat's newer answers lead the list before it.
  for (const [days, endsAgo] of [
    [30, 0],
    [200, 0],
    [200, 100],
  ] as const) {
    it(`is served from the summary's read over ${days} days ending ${endsAgo} days ago: no call of its own, same edges and cursors`, async () => {
      const now = gw.sandbox.seed.now.getTime();
      const range = { from: day(now - days * DAY), to: day(now - endsAgo * DAY) };
      const feed = { range, categories: ['DETRACTOR'], hasComment: true };

      const summaryOnly = await gw.query(
        `query($filter: NpsFilter) { npsSummary(filter: $filter) { responses } }`,
        {
          filter: { range },
        },
      );
      expect(summaryOnly.errors).toEqual([]);
      const summaryCalls = gw.sandbox.log.entries().length;
      gw.sandbox.log.clear();

      let after: string | null = null;
      for (let page = 0; page < 3; page++) {
        const alone: GraphQLResult<Page> = await gw.query(ALONE, { feed, first: 7, after });
        const aloneCalls = gw.sandbox.log.entries().length;
        gw.sandbox.log.clear();
        const beside: GraphQLResult<Page> = await gw.query(BESIDE, {
          filter: { range },
          feed,
          first: 7,
          after,
        });
        expect(alone.errors).toEqual([]);
        expect(beside.errors).toEqual([]);
        expect(aloneCalls).toBeGreaterThan(0);
        // Every call was the summary's own: the feed read nothing the summary did not.
        expect(gw.sandbox.log.entries().length).toBe(summaryCalls);
        gw.sandbox.log.clear();
        expect(beside.data?.npsResponses).toEqual(alone.data?.npsResponses);
        const connection = alone.data?.npsResponses;
        expect(connection?.edges.length).toBeGreaterThan(0);
        if (!connection?.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
    });
  }
});

describe('customers and their NPS', () => {
  function respondents(count: number): string[] {
    const now = gw.sandbox.seed.now.getTime();
    const emails = reference(day(now - 359 * DAY), day(now))
      .map((a) => a.email)
      .filter((e): e is string => e !== null);
    return [...new Set(emails)].slice(0, count);
  }

  it("lists a person's answers from every source newest first, and the latest one", async () => {
    const now = gw.sandbox.seed.now.getTime();
    const all = reference(day(now - 359 * DAY), day(now));
    const counts = new Map<string, Set<string>>();
    for (const a of all)
      if (a.email) counts.set(a.email, (counts.get(a.email) ?? new Set()).add(a.source));
    const email = [...counts.entries()].find(([, sources]) => sources.size >= 2)?.[0] as string;
    const res = await gw.query<{
      customer: {
        email: string;
        npsResponses: { totalCount: number; nodes: FeedNode[] };
        latestNps: FeedNode;
      };
    }>(
      `query($email: String!) { customer(email: $email) { email
        npsResponses(first: 100) { totalCount nodes { source score answeredAt } }
        latestNps { source score answeredAt } } }`,
      { email: email.toUpperCase() },
    );
    expect(res.errors).toEqual([]);
    const mine = all.filter((a) => a.email === email);
    expect(res.data?.customer.email).toBe(email);
    expect(res.data?.customer.npsResponses.totalCount).toBe(mine.length);
    const newest = Math.max(...mine.map((a) => a.second));
    expect(Math.floor(Date.parse(res.data?.customer.latestNps.answeredAt ?? '') / 1000)).toBe(
      newest,
    );
  });

  async function callsFor(emails: string[]) {
    gw.sandbox.log.clear();
    const fields = emails
      .map(
        (email, i) =>
          `c${i}: customer(email: "${email}") { npsResponses(first: 3) { totalCount } latestNps { score } }`,
      )
      .join('\n');
    const res = await gw.query(`{ ${fields} }`);
    expect(res.errors).toEqual([]);
    return ['planhat', 'userlane', 'userloop'].map((vendor) =>
      gw.sandbox.log.count({ vendor: vendor as 'planhat' }),
    );
  }

  it('costs the same NPS vendor calls for 3 customers as for 40', async () => {
    const few = await callsFor(respondents(3));
    const many = await callsFor(respondents(40));
    expect(many).toEqual(few);
  });

  it('refuses a malformed email without any vendor call, and answers null for an unknown one', async () => {
    const bad = await gw.query('{ customer(email: "not-an-email") { email } }');
    expect(bad.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'email' });
    expect(gw.sandbox.log.count()).toBe(0);
    const unknown = await gw.query('{ customer(email: "nobody@nowhere.example") { email } }');
    expect(unknown.errors).toEqual([]);
    expect(unknown.data).toEqual({ customer: null });
  });
});

describe('export-sized pages', () => {
  it('serves up to 1,000 answers a page when every source pages that far, in one call each', async () => {
    gw.sandbox.log.clear();
    const res = await gw.query<{ npsResponses: { edges: unknown[] } }>(
      '{ npsResponses(filter: { sources: [PLANHAT, USERLANE] }, first: 1000) { edges { cursor } } }',
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.npsResponses.edges).toHaveLength(1000);
    expect(gw.sandbox.log.count({ vendor: 'planhat' })).toBeLessThanOrEqual(2);
    expect(gw.sandbox.log.count({ vendor: 'userlane' })).toBeLessThanOrEqual(2);
  });

  it.each([
    ['{ npsResponses(first: 201) { edges { cursor } } }', '200'],
    ['{ npsResponses(filter: { sources: [PLANHAT] }, first: 1001) { edges { cursor } } }', '1000'],
  ])('refuses %s before any vendor call, naming the largest page', async (query, max) => {
    gw.sandbox.log.clear();
    const res = await gw.query(query);
    expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors[0]?.message).toContain(max);
    expect(gw.sandbox.log.count()).toBe(0);
  });
});
