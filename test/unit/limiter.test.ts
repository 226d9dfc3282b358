import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limiter } from '../../src/loaders/limit.js';

describe('limiter', () => {
  it('never has more than its limit in flight, starts calls in arrival order, loses none', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        async (limit, delays, failures) => {
          const run = limiter(limit);
          let active = 0;
          let peak = 0;
          const started: number[] = [];
          const results = await Promise.allSettled(
            delays.map((delay, i) =>
              run(async () => {
                started.push(i);
                active += 1;
                peak = Math.max(peak, active);
                await new Promise((resolve) => setTimeout(resolve, delay));
                active -= 1;
                if (failures[i]) throw new Error(`call ${i}`);
                return i;
              }),
            ),
          );
          expect(peak).toBeLessThanOrEqual(limit);
          expect(started).toEqual(delays.map((_, i) => i));
          results.forEach((result, i) => {
            if (failures[i]) expect(result.status).toBe('rejected');
            else expect(result).toEqual({ status: 'fulfilled', value: i });
          });
          // A failed call frees its slot too: the limiter is usable afterwards at full width.
          let concurrent = 0;
          let widest = 0;
          await Promise.all(
            Array.from({ length: limit * 2 }, () =>
              run(async () => {
                concurrent += 1;
                widest = Math.max(widest, concurrent);
                await new Promise((resolve) => setTimeout(resolve, 1));
                concurrent -= 1;
              }),
            ),
          );
          expect(widest).toBe(limit);
        },
      ),
      { numRuns: 60 },
    );
  });
});
