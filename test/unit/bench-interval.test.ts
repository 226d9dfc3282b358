// The bench's interval for a pooled ratio of CPU per request (scenario 7): a bootstrap over
// paired rounds. Oracles are arithmetic on the rounds themselves, not the code under test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pooledRatioInterval, type RoundCost } from '../../src/bench/interval.js';

/** Rounds of two variants where the second costs `ratios[r]` times the first in round r. */
const paired = (ratios: number[], speeds: number[]): RoundCost[][] =>
  ratios.map((ratio, r) => [
    { cpuMs: 100 * speeds[r]!, requests: 250 },
    { cpuMs: 100 * speeds[r]! * ratio, requests: 250 },
  ]);

describe('pooled ratio interval (bench scenario 7)', () => {
  it('is one point when every round has the same ratio, however much the machine drifts', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.array(fc.double({ min: 0.3, max: 3, noNaN: true }), { minLength: 2, maxLength: 30 }),
        (ratio, speeds) => {
          const { low, high } = pooledRatioInterval(
            paired(
              speeds.map(() => ratio),
              speeds,
            ),
            1,
            0,
          );
          expect(low).toBeCloseTo(ratio, 9);
          expect(high).toBeCloseTo(ratio, 9);
        },
      ),
    );
  });

  it("lies within the rounds' smallest and largest ratios, low below high", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ratio: fc.double({ min: 0.8, max: 1.4, noNaN: true }),
            speed: fc.double({ min: 0.5, max: 2, noNaN: true }),
          }),
          { minLength: 2, maxLength: 24 },
        ),
        (rounds) => {
          const ratios = rounds.map((r) => r.ratio);
          const { low, high } = pooledRatioInterval(
            paired(
              ratios,
              rounds.map((r) => r.speed),
            ),
            1,
            0,
            { resamples: 500 },
          );
          expect(low).toBeLessThanOrEqual(high);
          expect(low).toBeGreaterThanOrEqual(Math.min(...ratios) - 1e-12);
          expect(high).toBeLessThanOrEqual(Math.max(...ratios) + 1e-12);
        },
      ),
    );
  });

  it('holds the pooled ratio of rounds that alternate between +0 % and +20 %, and narrows with more rounds', () => {
    const rounds = (n: number) =>
      paired(
        Array.from({ length: n }, (_, r) => (r % 2 === 0 ? 1 : 1.2)),
        Array.from({ length: n }, () => 1),
      );
    const few = pooledRatioInterval(rounds(6), 1, 0);
    const many = pooledRatioInterval(rounds(60), 1, 0);
    // Equal rounds: the pooled ratio is the mean, 1.1.
    for (const { low, high } of [few, many]) {
      expect(low).toBeLessThan(1.1);
      expect(high).toBeGreaterThan(1.1);
    }
    expect(many.high - many.low).toBeLessThan((few.high - few.low) / 2);
  });

  it('gives the same interval for the same rounds, and none for a single round', () => {
    const rounds = paired([1.05, 1.2, 0.98, 1.11], [1, 1.3, 0.8, 1]);
    expect(pooledRatioInterval(rounds, 1, 0)).toEqual(pooledRatioInterval(rounds, 1, 0));
    const one = pooledRatioInterval(rounds.slice(0, 1), 1, 0);
    expect(Number.isNaN(one.low) && Number.isNaN(one.high)).toBe(true);
  });
});
