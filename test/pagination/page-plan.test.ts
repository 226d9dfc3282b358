import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPages } from '../../src/pagination/page-plan.js';

describe('planPages', () => {
  it('covers any window of up to max + 1 items with at most 2 pages of an allowed size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.nat({ max: 10_000_000 }),
        fc.nat(),
        (max, start, seed) => {
          const count = 1 + (seed % (max + 1));
          const plan = planPages(start, count, max);
          expect(plan.size).toBeGreaterThanOrEqual(1);
          expect(plan.size).toBeLessThanOrEqual(max);
          expect(plan.page).toBeGreaterThanOrEqual(1);
          expect(plan.pages).toBeLessThanOrEqual(2);
          expect((plan.page - 1) * plan.size).toBeLessThanOrEqual(start);
          expect((plan.page - 1 + plan.pages) * plan.size).toBeGreaterThanOrEqual(start + count);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps consecutive windows of a steady walk in one page each', () => {
    for (const first of [1, 5, 20, 50, 99]) {
      let twoPageWindows = 0;
      for (let start = 0; start < 10_000; start += first) {
        const plan = planPages(start, first + 1, 5000);
        if (plan.pages > 1) twoPageWindows += 1;
        expect(plan.size).toBeLessThanOrEqual(4 * (first + 1));
      }
      expect(twoPageWindows / (10_000 / first)).toBeLessThan(0.05);
    }
  });
});
