import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendor } from '../../src/sandbox/index.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { npsReference } from '../support/nps-reference.js';

// The bridge end to end: random sequences of page sizes walked through GraphQL against the
// sandbox's vendors, compared with the vendor's whole list.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Walks a connection with the given `first` values in turn; checks each page's size, exact
 * hasNextPage and the vendor calls it cost (per vendor); returns the nodes in order.
 */
async function walk<T>(
  run: (first: number, after: string | null) => Promise<Page<T>>,
  firsts: number[],
  total: number,
  maxCalls: Partial<Record<SandboxVendor, number>>,
  /** Only calls to these vendor paths count against `maxCalls` (others refetch parents). */
  path?: RegExp,
): Promise<T[]> {
  const seen: T[] = [];
  let after: string | null = null;
  for (let step = 0; ; step++) {
    const first = firsts[step % firsts.length] as number;
    const before = Object.fromEntries(
      Object.keys(maxCalls).map((v) => [
        v,
        gw.sandbox.log.count({ vendor: v as SandboxVendor, path }),
      ]),
    );
    const page = await run(first, after);
    for (const [vendor, max] of Object.entries(maxCalls)) {
      const calls =
        gw.sandbox.log.count({ vendor: vendor as SandboxVendor, path }) - (before[vendor] ?? 0);
      expect(calls).toBeLessThanOrEqual(max as number);
    }
    const remaining = total - seen.length;
    expect(page.edges).toHaveLength(Math.min(first, remaining));
    expect(page.pageInfo.hasNextPage).toBe(first < remaining);
    seen.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
}

describe('page sources (Userlane HEART: page + limit, no total)', () => {
  it('concatenated pages equal the vendor list for any page sizes, at most 2 calls a page', async () => {
    const seed = gw.sandbox.seed;
    const now = seed.now.getTime();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 90 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 }),
        async (startBack, length, firsts) => {
          const range = {
            from: day(now - (startBack + length) * DAY),
            to: day(now - startBack * DAY),
          };
          const expected = seed.userlane.heart
            .filter((d) => d.date >= range.from && d.date <= range.to)
            .map((d) => d.date)
            .reverse();
          const dates = await walk<{ date: string }>(
            async (first, after) => {
              const res = await gw.query<{ heartScores: Page<{ date: string }> }>(
                `query($range: DateRange!, $first: Int, $after: String) {
                  heartScores(range: $range, first: $first, after: $after) {
                    edges { cursor node { date } } pageInfo { hasNextPage endCursor } } }`,
                { range, first, after },
              );
              expect(res.errors).toEqual([]);
              return res.data?.heartScores as Page<{ date: string }>;
            },
            firsts,
            expected.length,
            { userlane: 2 },
          );
          expect(dates.map((d) => d.date)).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('merged feeds (npsResponses: Userlane pages + Planhat offsets + UserLoop offsets)', () => {
  it('concatenated pages hold every answer once, newest first, for any page sizes', async () => {
    const now = gw.sandbox.seed.now.getTime();
    const range = { from: day(now - 40 * DAY), to: day(now) };
    const query = `query($range: DateRange!, $first: Int, $after: String) {
      npsResponses(filter: { range: $range }, first: $first, after: $after) {
        edges { cursor node { id answeredAt } } pageInfo { hasNextPage endCursor } } }`;
    // One walk at the largest page gives the order; its content is checked against the seed.
    const full = await collectAll(query, range);
    expect(full).toHaveLength(npsReference(gw.sandbox, range.from, range.to).length);
    expect(new Set(full.map((n) => n.id)).size).toBe(full.length);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
        async (firsts) => {
          const nodes = await walk<{ id: string; answeredAt: string }>(
            async (first, after) =>
              (
                await gw.query<{ npsResponses: Page<{ id: string; answeredAt: string }> }>(query, {
                  range,
                  first,
                  after,
                })
              ).data?.npsResponses as Page<{ id: string; answeredAt: string }>,
            firsts,
            full.length,
            // Each stream reads at most twice a page; the dense filter of the range end rarely
            // needs a second scan.
            { userlane: 2, planhat: 2 },
          );
          expect(nodes.map((n) => n.id)).toEqual(full.map((n) => n.id));
        },
      ),
      { numRuns: 8 },
    );
  });
});

async function collectAll(query: string, range: { from: string; to: string }) {
  const nodes: { id: string; answeredAt: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const res = await gw.query<{ npsResponses: Page<{ id: string; answeredAt: string }> }>(query, {
      range,
      first: 100,
      after,
    });
    const page = res.data?.npsResponses as Page<{ id: string; answeredAt: string }>;
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

/** Walks a whole connection at its largest page, for the reference order. */
async function collect<T>(run: (first: number, after: string | null) => Promise<Page<T>>) {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await run(100, after);
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

describe('offset sources (UserLoop raw answers: limit + offset, with a total)', () => {
  it('concatenated pages equal the survey answers, one call a page, with an exact total', async () => {
    const survey = gw.sandbox.seed.userloop.surveys.find((s) => s.allowed && s.status === 'active');
    const list = await gw.query<{ surveys: { nodes: { id: string; title: string }[] } }>(
      '{ surveys(sources: [USERLOOP], first: 20) { nodes { id title } } }',
    );
    const id = list.data?.surveys.nodes.find((s) => s.title === survey?.title)?.id;
    const now = gw.sandbox.seed.now.getTime();
    const range = { from: day(now - 200 * DAY), to: day(now) };
    const start = Date.parse(`${range.from}T00:00:00Z`);
    const expected = gw.sandbox.seed.userloop.store.visible.filter(
      (r) => r.survey.id === survey?.id && r.createdMs >= start,
    ).length;
    const query = `query($id: ID!, $range: DateRange, $first: Int, $after: String) {
      node(id: $id) { ... on Survey { responses(range: $range, first: $first, after: $after) {
        totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } } }`;
    const run = async (first: number, after: string | null) => {
      const res = await gw.query<{
        node: { responses: Page<{ id: string }> & { totalCount: number | null } };
      }>(query, { id, range, first, after });
      expect(res.errors).toEqual([]);
      const responses = res.data?.node.responses;
      expect(responses?.totalCount).toBe(expected);
      return responses as Page<{ id: string }>;
    };
    const full = await collect(run);
    expect(full).toHaveLength(expected);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
        async (firsts) => {
          const nodes = await walk(run, firsts, full.length, { userloop: 1 });
          expect(nodes.map((n) => n.id)).toEqual(full.map((n) => n.id));
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('cursor sources (UserHero automations: opaque next cursor, no total)', () => {
  it('concatenated pages equal the project automations, at most 2 calls a page', async () => {
    const data = gw.sandbox.seed.userhero.data;
    const project = [...data.projects.values()].find(
      (p) => p.workspaceId === gw.sandbox.seed.userhero.workspaceId,
    );
    const expected = [...data.automations.values()].filter(
      (a) => a.projectId === project?.id && !a.systemGenerated,
    ).length;
    const list = await gw.query<{
      workspaces: { projects: { nodes: { id: string; name: string }[] } }[];
    }>('{ workspaces { projects(first: 50) { nodes { id name } } } }');
    const id = list.data?.workspaces
      .flatMap((w) => w.projects.nodes)
      .find((p) => p.name === project?.name)?.id;
    const query = `query($id: ID!, $first: Int, $after: String) {
      node(id: $id) { ... on Project { automations(first: $first, after: $after) {
        edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } } }`;
    const run = async (first: number, after: string | null) => {
      const res = await gw.query<{ node: { automations: Page<{ id: string }> } }>(query, {
        id,
        first,
        after,
      });
      expect(res.errors).toEqual([]);
      return res.data?.node.automations as Page<{ id: string }>;
    };
    const full = await collect(run);
    expect(full).toHaveLength(expected);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 4 }),
        async (firsts) => {
          const nodes = await walk(run, firsts, full.length, { userhero: 2 }, /^\/automations$/);
          expect(nodes.map((n) => n.id)).toEqual(full.map((n) => n.id));
        },
      ),
      { numRuns: 10 },
    );
  });
});

describe('refusals, each before any vendor call', () => {
  const FEEDBACK = `query($first: Int, $last: Int, $after: String, $status: String) {
    feedback(filter: { status: $status }, first: $first, last: $last, after: $after) {
      edges { cursor } pageInfo { endCursor } } }`;
  const HEART = `query($after: String) { heartScores(range: { from: "2026-01-01", to: "2026-01-31" }, first: 2, after: $after) {
      pageInfo { endCursor } } }`;

  async function refused(query: string, variables: Record<string, unknown>, reason?: string) {
    gw.sandbox.log.clear();
    const res = await gw.query(query, variables);
    expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    if (reason) expect(res.errors[0]?.extensions?.reason).toBe(reason);
    expect(gw.sandbox.log.count()).toBe(0);
    return res.errors[0]?.message ?? '';
  }

  it('refuses malformed, foreign and other-filter cursors and bad counts', async () => {
    const feedback = await gw.query<{ feedback: { pageInfo: { endCursor: string } } }>(FEEDBACK, {
      first: 3,
      status: 'new',
    });
    const cursor = feedback.data?.feedback.pageInfo.endCursor as string;
    const heart = await gw.query<{ heartScores: { pageInfo: { endCursor: string } } }>(HEART, {});
    const heartCursor = heart.data?.heartScores.pageInfo.endCursor as string;

    await refused(FEEDBACK, { first: 3, after: 'not a cursor' }, 'malformed_cursor');
    await refused(FEEDBACK, { first: 3, after: `${cursor.slice(0, -3)}AAA` });
    await refused(FEEDBACK, { first: 3, after: heartCursor }, 'foreign_cursor');
    await refused(HEART, { after: cursor }, 'foreign_cursor');
    await refused(FEEDBACK, { first: 3, after: cursor, status: 'resolved' }, 'foreign_cursor');
    expect(await refused(FEEDBACK, { first: -1 })).toContain('first');
    expect(await refused(FEEDBACK, { first: 101 })).toContain('100');
    await refused(FEEDBACK, { first: 2, last: 2 });
  });
});
