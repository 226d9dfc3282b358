import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NpsTrendDocument } from '../../schema/generated/graphql.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { execute } from '../support/typed.js';

// The dashboard operations of schema/operations, run through their generated typed documents.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('dashboard operations', () => {
  it('NpsTrend: weekly, per-source and per-region groups that add up to the overall count', async () => {
    const now = gw.sandbox.seed.now.getTime();
    const data = await execute(gw, NpsTrendDocument, {
      range: { from: day(now - 84 * DAY), to: day(now) },
    });
    const total = data.overall?.responses ?? 0;
    expect(total).toBeGreaterThan(0);
    for (const grouping of [data.weekly, data.bySource, data.byRegion]) {
      expect(grouping?.groups.reduce((sum, g) => sum + g.responses, 0)).toBe(total);
    }
    expect(data.weekly?.groups.length).toBeGreaterThanOrEqual(12);
    const comments = data.detractorComments?.nodes ?? [];
    expect(comments.length).toBe(10);
    for (const node of comments) {
      expect(node.score).toBeLessThanOrEqual(6);
      expect(node.comment).toEqual(expect.any(String));
    }
  });
});
