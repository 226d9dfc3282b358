import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphQLResult, TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// An export paged through npsResponses: the window after each page is read while the page is
// served, and a write to the vendor drops what was read ahead.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const EXPORT = `query($after: String) {
  npsResponses(filter: { sources: [PLANHAT], range: { from: "2000-01-01", to: "2100-01-01" } }, first: 200, after: $after) {
    edges { node { id score } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Page = {
  npsResponses: {
    edges: { node: { id: string; score: number } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};

const listCalls = () => gw.sandbox.log.entries({ vendor: 'planhat', method: 'GET', path: '/nps' });

async function settle() {
  // A read ahead runs behind the response: wait until the log stops growing.
  let count = -1;
  while (count !== listCalls().length) {
    count = listCalls().length;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

async function page(after: string | null) {
  const res: GraphQLResult<Page> = await gw.query(EXPORT, { after });
  expect(res.errors).toEqual([]);
  return res.data!.npsResponses;
}

describe('npsResponses export', () => {
  it('reads each window once, the next one before its request, and walks every record once', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const connection = await page(after);
      pages++;
      ids.push(...connection.edges.map((e) => e.node.id));
      await settle();
      // Every page read so far, plus the one window ahead of the walk (none past the end).
      expect(listCalls()).toHaveLength(connection.pageInfo.hasNextPage ? pages + 1 : pages);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    const offsets = listCalls().map((e) => Number(e.query.offset));
    expect(new Set(offsets).size).toBe(offsets.length);
    // Screen-sized pages (at most 100) never read ahead.
    gw.sandbox.log.clear();
    await gw.query(EXPORT.replace('first: 200', 'first: 100'), { after: null });
    await settle();
    expect(listCalls()).toHaveLength(1);
  });

  it('drops the window read ahead when a write changes the list', async () => {
    const first = await page(null);
    await settle();
    const ahead = listCalls().at(-1)!;
    expect(Number(ahead.query.offset)).toBe(201);
    // A record the window read ahead holds: delete it through the gateway.
    const second = await page(first.pageInfo.endCursor);
    const victim = second.edges[50]!.node.id;
    const deleted = await gw.query('mutation($id: ID!) { deleteNps(id: $id) { deletedId } }', {
      id: victim,
    });
    expect(deleted.errors).toEqual([]);
    gw.sandbox.log.clear();
    const again = await page(first.pageInfo.endCursor);
    // Read from the vendor again, without the deleted record.
    expect(listCalls().length).toBeGreaterThan(0);
    expect(again.edges.map((e) => e.node.id)).not.toContain(victim);
  });
});
