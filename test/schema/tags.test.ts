import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import type { GraphQLResult, TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { lastDays, portalExports, type Range, tagRows } from '../support/userlane-reference.js';

// Userlane Tags through the graph, checked against the sandbox's seeded interactions.

let gw: TestGateway;
let tagsPath: string;
beforeAll(async () => {
  gw = await startTestGateway();
  tagsPath = `/properties/${gw.sandbox.env.USERLANE_PROPERTY_ID}/tags`;
});
beforeEach(() => {
  gw.sandbox.log.clear();
  gw.sandbox.faults.clear();
});
afterAll(() => gw.close());

const tagCalls = () => gw.sandbox.log.entries({ vendor: 'userlane', path: tagsPath });
const userlaneCalls = () => gw.sandbox.log.count({ vendor: 'userlane', path: /./ });

interface Row {
  date: string;
  tagId: string;
  userId: string;
  count: number;
}

const expectedRows = (range: Range, keep: (tagId: string) => boolean = () => true): Row[] =>
  tagRows(gw.sandbox, range)
    .filter((row) => keep(row.tagId))
    .map((row) => ({
      date: row.date,
      tagId: row.tagId,
      userId: row.user.id,
      count: row.countInteractions,
    }));

interface Page {
  edges: {
    cursor: string;
    node: { date: string; count: number; tag: { tagId: string }; user: { id: string } };
  }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Walks a connection to its end; returns its rows and the vendor calls each page cost. */
async function walk(
  query: string,
  variables: Record<string, unknown>,
  pick: (data: Record<string, unknown>) => Page,
  first: number,
) {
  const rows: Row[] = [];
  const costs: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 500; page++) {
    const before = tagCalls().length;
    const res: GraphQLResult<Record<string, unknown>> = await gw.query(query, {
      ...variables,
      first,
      after,
    });
    expect(res.errors).toEqual([]);
    const connection = pick(res.data as Record<string, unknown>);
    costs.push(tagCalls().length - before);
    rows.push(
      ...connection.edges.map(({ node }) => ({
        date: node.date,
        tagId: node.tag.tagId,
        userId: node.user.id,
        count: node.count,
      })),
    );
    if (!connection.pageInfo.hasNextPage) return { rows, costs };
    expect(connection.edges).toHaveLength(first);
    after = connection.pageInfo.endCursor;
  }
  throw new Error('walk did not end');
}

const EDGES =
  'edges { cursor node { date count tag { tagId } user { id } } } pageInfo { hasNextPage endCursor }';

describe('Query.tags', () => {
  it('lists the range’s tags with totals from one export read with the largest pages', async () => {
    const range = lastDays(gw.sandbox, 120);
    const res = await gw.query<{ tags: Record<string, unknown>[] }>(
      `query($range: DateRange!) { tags(range: $range) {
        id tagId name totalInteractions users interactionsPerUser activeDays
        firstInteractionDate lastInteractionDate } }`,
      { range },
    );
    expect(res.errors).toEqual([]);

    const rows = expectedRows(range);
    const byTag = new Map<string, Row[]>();
    for (const row of rows) byTag.set(row.tagId, [...(byTag.get(row.tagId) ?? []), row]);
    const catalog = gw.sandbox.seed.userlane.catalog.tags;
    const portal = portalExports(gw.sandbox);
    const expected = [...byTag].map(([tagId, tagRowsOf]) => {
      const total = tagRowsOf.reduce((sum, row) => sum + row.count, 0);
      const users = new Set(tagRowsOf.map((row) => row.userId)).size;
      const dates = tagRowsOf.map((row) => row.date).sort();
      return {
        id: encodeGlobalId('Tag', tagId),
        tagId,
        name: portal.hasTag(tagId) ? catalog.find((tag) => tag.tagId === tagId)?.name : null,
        totalInteractions: total,
        users,
        interactionsPerUser: total / users,
        activeDays: new Set(dates).size,
        firstInteractionDate: dates[0],
        lastInteractionDate: dates[dates.length - 1],
      };
    });
    expected.sort(
      (a, b) => b.totalInteractions - a.totalInteractions || Number(a.tagId) - Number(b.tagId),
    );
    expect(res.data?.tags).toEqual(expected);
    // The sandbox leaves some tags out of tags.csv: those have no name, and no error.
    expect(expected.some((tag) => tag.name === null)).toBe(true);

    // One walk of the range, 1,000 rows a page (the documented page, exact under either reading
    // of Userlane's docs), whatever number of tags and fields.
    const calls = tagCalls();
    expect(rows.length).toBeGreaterThan(1000);
    expect(calls).toHaveLength(Math.floor(rows.length / 1000) + 1);
    calls.forEach((call, i) =>
      expect(call.query).toMatchObject({ page: String(i + 1), limit: '1000' }),
    );
  });

  it('shares the export between the list and every tag’s interactions, never repeating a call', async () => {
    const range = lastDays(gw.sandbox, 7);
    const res = await gw.query<{ tags: { tagId: string; interactions: Page }[] }>(
      `query($range: DateRange!) { tags(range: $range) {
        tagId users interactions(range: $range, first: 3) { ${EDGES} } } }`,
      { range },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.tags.length).toBeGreaterThan(0);
    // The premise: some tag has interactions in the range, so the comparisons below compare rows.
    expect(
      res.data?.tags.filter((tag) => tag.interactions.edges.length > 0).length,
    ).toBeGreaterThan(0);
    for (const tag of res.data?.tags ?? []) {
      const rows = expectedRows(range, (id) => id === tag.tagId);
      expect(tag.interactions.edges.map((e) => e.node.count)).toEqual(
        rows.slice(0, 3).map((row) => row.count),
      );
      expect(tag.interactions.pageInfo.hasNextPage).toBe(rows.length > 3);
    }
    const keys = tagCalls().map((call) => JSON.stringify(call.query));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('answers null with the vendor’s error when the Tags endpoint fails, leaving other fields', async () => {
    gw.sandbox.faults.inject({ vendor: 'userlane', path: tagsPath, status: 500 });
    const res = await gw.query<{ tags: null; heartScores: { edges: unknown[] } }>(
      `query($range: DateRange!) { tags(range: $range) { tagId } heartScores(range: $range, first: 1) { edges { cursor } } }`,
      { range: lastDays(gw.sandbox, 3) },
    );
    expect(res.data?.tags).toBeNull();
    expect(res.data?.heartScores.edges).toHaveLength(1);
    expect(res.errors.map((e) => e.path)).toEqual([['tags']]);
  });
});

describe('Tag.interactions and Query.tagInteractions', () => {
  it('walks one tag’s interactions exactly, page after page, as the export lists them', async () => {
    const range = lastDays(gw.sandbox, 10);
    const tagId = expectedRows(range)[0]?.tagId as string;
    const expected = expectedRows(range, (id) => id === tagId);
    const query = `query($id: ID!, $range: DateRange!, $first: Int, $after: String) {
      node(id: $id) { ... on Tag { interactions(range: $range, first: $first, after: $after) { ${EDGES} } } } }`;
    const { rows, costs } = await walk(
      query,
      { id: encodeGlobalId('Tag', tagId), range },
      (data) => (data.node as { interactions: Page }).interactions,
      17,
    );
    expect(rows).toEqual(expected);
    // A sparse filter may scan a few vendor pages, but never the whole range for every page.
    expect(Math.max(...costs)).toBeLessThanOrEqual(4);
  });

  it('pages every tag’s interactions without a filter, each page within 2 vendor calls', async () => {
    const range = lastDays(gw.sandbox, 3);
    const query = `query($range: DateRange!, $first: Int, $after: String) {
      tagInteractions(range: $range, first: $first, after: $after) { ${EDGES} } }`;
    const { rows, costs } = await walk(
      query,
      { range },
      (data) => data.tagInteractions as Page,
      60,
    );
    expect(rows).toEqual(expectedRows(range));
    expect(Math.max(...costs)).toBeLessThanOrEqual(2);
  });

  it('keeps only the given tags, named by tag id or by node id', async () => {
    const range = lastDays(gw.sandbox, 5);
    const all = expectedRows(range);
    const ids = [...new Set(all.map((row) => row.tagId))].slice(0, 2);
    const query = `query($range: DateRange!, $tagIds: [ID!], $first: Int, $after: String) {
      tagInteractions(range: $range, tagIds: $tagIds, first: $first, after: $after) { ${EDGES} } }`;
    const { rows } = await walk(
      query,
      { range, tagIds: [ids[0], encodeGlobalId('Tag', ids[1] as string)] },
      (data) => data.tagInteractions as Page,
      50,
    );
    expect(rows).toEqual(all.filter((row) => ids.includes(row.tagId)));
  });

  it('refuses an id of another type in tagIds, and a reversed range, before any vendor call', async () => {
    const query = `query($range: DateRange!, $tagIds: [ID!]) {
      tagInteractions(range: $range, tagIds: $tagIds, first: 5) { ${EDGES} } }`;
    const wrongType = await gw.query(query, {
      range: lastDays(gw.sandbox, 2),
      tagIds: [encodeGlobalId('Task', '123')],
    });
    expect(wrongType.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongType.errors[0]?.message).toMatch(/tagIds\[0\]/);
    const { from, to } = lastDays(gw.sandbox, 2);
    const reversed = await gw.query(query, { range: { from: to, to: from } });
    expect(reversed.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(userlaneCalls()).toBe(0);
  });
});

describe('Tag node', () => {
  it('refetches a tag by id with its Portal name (null when the export lacks it) and no vendor call', async () => {
    const portal = portalExports(gw.sandbox);
    const catalog = gw.sandbox.seed.userlane.catalog.tags;
    const named = catalog.find((tag) => portal.hasTag(tag.tagId));
    const unnamed = catalog.find((tag) => !portal.hasTag(tag.tagId));
    if (!named || !unnamed) throw new Error('the sandbox should name some tags and not others');
    const res = await gw.query<{ nodes: { tagId: string; name: string | null; users: null }[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Tag { tagId name users } } }`,
      { ids: [encodeGlobalId('Tag', named.tagId), encodeGlobalId('Tag', unnamed.tagId)] },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.nodes).toEqual([
      { tagId: named.tagId, name: named.name, users: null },
      { tagId: unnamed.tagId, name: null, users: null },
    ]);
    expect(userlaneCalls()).toBe(0);
  });
});
