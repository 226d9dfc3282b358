import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { expectNoSecrets } from './support.js';

// VENDOR_CALL_CAP: one request cannot spend more than its share of a vendor's calls.

let gw: TestGateway;
const bodies: string[] = [];

beforeAll(async () => {
  gw = await startTestGateway({ env: { VENDOR_CALL_CAP: '3' } });
});
afterAll(async () => {
  expectNoSecrets(gw, bodies);
  await gw.close();
});

const heart = (alias: string, month: number) =>
  `${alias}: heartScores(range: { from: "2026-0${month}-01", to: "2026-0${month}-20" }, first: 1) { nodes { date } }`;

describe('per-request vendor-call cap', () => {
  it('sends a vendor at most VENDOR_CALL_CAP calls per request; the fields past it fail alone', async () => {
    gw.sandbox.log.clear();
    const res = await gw.query(
      `{ ${[1, 2, 3, 4, 5].map((m) => heart(`m${m}`, m)).join(' ')} workspaces { name } }`,
    );
    bodies.push(res.body);
    expect(gw.sandbox.log.count({ vendor: 'userlane' })).toBe(3);
    const capped = res.errors.filter((e) => e.extensions?.code === 'VENDOR_CALL_CAP_EXCEEDED');
    expect(capped).toHaveLength(2);
    expect(capped[0]?.message).toMatch(
      /this request already made 3 Userlane calls, its limit \(VENDOR_CALL_CAP\)/,
    );
    const data = res.data as Record<string, unknown>;
    expect(Object.values(data).filter((v) => v === null)).toHaveLength(2);
    // Another vendor's fields are untouched, and the next request has a fresh allowance.
    expect(data.workspaces).toEqual(expect.arrayContaining([{ name: 'Acme Inc' }]));
    const next = await gw.query(`{ ${heart('again', 1)} }`);
    expect(next.errors).toEqual([]);
  });
});
