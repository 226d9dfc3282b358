// How far a pooled ratio of CPU per request can be trusted: a bootstrap over the rounds it pools.
//
// Scenario 7's variants run at the same time, round by round, so a round is one paired
// observation: the machine's speed in that round weighs on every variant alike. Resampling whole
// rounds keeps that pairing (the figure's own estimator, total CPU over total requests, is applied
// to each resample), so drift the variants share drops out and what remains is what differs
// between them round to round. This machine's per-round noise is ±5–15 %; with a handful of
// rounds a single pooled figure moves by several points from run to run, which the interval says.

import { seededRandom } from '../sandbox/random.js';

/** One variant's share of one round. */
export interface RoundCost {
  cpuMs: number;
  requests: number;
}

export interface Interval {
  low: number;
  high: number;
}

/** Total CPU over total requests of `variant`, over the same of `base`, in the rounds picked. */
function pooledRatio(
  rounds: readonly (readonly RoundCost[])[],
  picked: readonly number[],
  variant: number,
  base: number,
): number {
  let cpu = 0;
  let requests = 0;
  let baseCpu = 0;
  let baseRequests = 0;
  for (const r of picked) {
    const round = rounds[r]!;
    cpu += round[variant]!.cpuMs;
    requests += round[variant]!.requests;
    baseCpu += round[base]!.cpuMs;
    baseRequests += round[base]!.requests;
  }
  return cpu / requests / (baseCpu / baseRequests);
}

/**
 * The percentile bootstrap interval of the pooled ratio of `variant` over `base`: `rounds[r][v]`
 * is variant v's cost in round r. NaN bounds when there are fewer than two rounds.
 */
export function pooledRatioInterval(
  rounds: readonly (readonly RoundCost[])[],
  variant: number,
  base: number,
  options: { confidence?: number; resamples?: number; seed?: number } = {},
): Interval {
  const { confidence = 0.95, resamples = 4000, seed = 7 } = options;
  if (rounds.length < 2) return { low: Number.NaN, high: Number.NaN };
  // Seeded: the same rounds give the same interval in every run.
  const random = seededRandom(seed);
  const picked = new Array<number>(rounds.length);
  const ratios = new Float64Array(resamples);
  for (let k = 0; k < resamples; k++) {
    for (let i = 0; i < rounds.length; i++) picked[i] = Math.floor(random() * rounds.length);
    ratios[k] = pooledRatio(rounds, picked, variant, base);
  }
  ratios.sort();
  const tail = (1 - confidence) / 2;
  const at = (p: number) =>
    ratios[Math.min(resamples - 1, Math.max(0, Math.floor(p * resamples)))]!;
  return { low: at(tail), high: at(1 - tail) };
}
