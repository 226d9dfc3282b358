import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

describe('smoke', () => {
  it('answers vendors and heartScores', async () => {
    const res = await gw.query(`{ vendors { source enabled sandbox healthy }
      heartScores(range: {from: "2026-10-01", to: "2026-11-20"}, first: 3) { nodes { date heart } pageInfo { hasNextPage endCursor } totalCount } }`);
    console.log(JSON.stringify(res, null, 1).slice(0, 2000));
    expect(res.errors).toEqual([]);
  });
});
