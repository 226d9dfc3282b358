import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { companyBatches } from '../../src/loaders/planhat.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { referenceTally } from '../support/nps-reference.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const DAY = 86_400_000;

describe('company batches', () => {
  it('keep every id once, in order, within the id-count and URL budgets', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 60 }),
          { maxLength: 400 },
        ),
        (ids) => {
          const batches = companyBatches(ids);
          expect(batches.flat()).toEqual(ids);
          for (const batch of batches) {
            expect(batch.length).toBeGreaterThan(0);
            expect(batch.length).toBeLessThanOrEqual(100);
            if (batch.length > 1) expect(batch.join(',').length).toBeLessThanOrEqual(2000);
          }
        },
      ),
    );
  });
});

describe("Customer.companyNps: the account's NPS", () => {
  /** Recent Planhat respondents, one per company, so each customer has a distinct company. */
  function respondents(count: number) {
    const since = gw.sandbox.seed.now.getTime() - 300 * DAY;
    const seen = new Set<string>();
    const picked: { email: string; companyId: string }[] = [];
    const records = [...gw.sandbox.seed.planhat.store.all()].sort(
      (a, b) => (b.npsDate ?? 0) - (a.npsDate ?? 0),
    );
    for (const record of records) {
      if (!record.cId || (record.npsDate ?? 0) < since || seen.has(record.cId)) continue;
      seen.add(record.cId);
      picked.push({ email: record.email.toLowerCase(), companyId: record.cId });
      if (picked.length === count) break;
    }
    return picked;
  }

  it("summarises every answer of the person's Planhat company", async () => {
    const [person] = respondents(1);
    const res = await gw.query<{
      customer: {
        planhatCompanyId: string;
        companyNps: {
          score: number | null;
          responses: number;
          promoters: number;
          passives: number;
          detractors: number;
        };
      };
    }>(
      `query($email: String!) { customer(email: $email) { planhatCompanyId
        companyNps { score responses promoters passives detractors } } }`,
      { email: person?.email },
    );
    expect(res.errors).toEqual([]);
    const since = gw.sandbox.seed.now.getTime() - 359 * DAY;
    const cutoff = Date.parse(new Date(since).toISOString().slice(0, 10));
    const expected = gw.sandbox.seed.planhat.store
      .all()
      .filter((r) => r.cId === person?.companyId && r.npsDate !== null && r.npsDate >= cutoff);
    expect(res.data?.customer.planhatCompanyId).toBe(person?.companyId);
    expect(expected.length).toBeGreaterThan(0);
    // Counts and score by the vendors' documented buckets, not the gateway's own rule.
    const { score, ...counts } = referenceTally(expected.map((r) => r.nps));
    expect(res.data?.customer.companyNps).toMatchObject(counts);
    expect(res.data?.customer.companyNps.score).toBeCloseTo(score!, 2);
  });

  it('reads the companies of 3 or 30 listed customers in one batched Planhat call', async () => {
    for (const count of [3, 30]) {
      gw.sandbox.log.clear();
      const res = await gw.query<{
        customers: {
          nodes: { planhatCompanyId: string | null; companyNps: { responses: number } | null }[];
        };
      }>(`{ customers(first: ${count}) { nodes { planhatCompanyId companyNps { responses } } } }`);
      expect(res.errors).toEqual([]);
      const companies = new Set(
        (res.data?.customers.nodes ?? []).flatMap((c) => c.planhatCompanyId ?? []),
      );
      expect(companies.size).toBeGreaterThan(0);
      const batched = gw.sandbox.log
        .entries({ vendor: 'planhat', path: '/nps' })
        .filter((e) => typeof e.query.companyId === 'string');
      expect(batched).toHaveLength(1);
      expect(new Set(String(batched[0]?.query.companyId).split(','))).toEqual(companies);
    }
  });
});
