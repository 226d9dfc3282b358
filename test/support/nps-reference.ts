import type { Sandbox } from '../../src/sandbox/index.js';

const DAY = 86_400_000;

// The NPS rules, written from the vendors' documentation and nothing in src/, so that a test
// comparing the gateway with them fails when the gateway's own rule drifts:
// - Userlane Analytics docs (NPS API): "NPS responses are bucketed into Promoters (9–10),
//   Passives (7–8), and Detractors (0–6)"; the design's vendor-contract.md says the same.
// - Planhat's docs show the same buckets on its records (`scoreType`): 6 "detractor",
//   7 and 8 "passive", 9 "promoter".
// - The score (schema sketch, NpsSummary.score): %promoters - %detractors, -100..100, null
//   without responses.

export type ReferenceCategory = 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';

/** The category of each score 0..10, spelled out as the docs list them. */
const CATEGORY_OF_SCORE: readonly ReferenceCategory[] = [
  'DETRACTOR', // 0
  'DETRACTOR', // 1
  'DETRACTOR', // 2
  'DETRACTOR', // 3
  'DETRACTOR', // 4
  'DETRACTOR', // 5
  'DETRACTOR', // 6
  'PASSIVE', // 7
  'PASSIVE', // 8
  'PROMOTER', // 9
  'PROMOTER', // 10
];

/** The documented category of an NPS score; throws for anything but an integer 0..10. */
export function referenceCategory(score: number): ReferenceCategory {
  const category = Number.isInteger(score) ? CATEGORY_OF_SCORE[score] : undefined;
  if (category === undefined) throw new Error(`not an NPS score: ${score}`);
  return category;
}

export interface ReferenceTally {
  /** %promoters - %detractors, unrounded; null without responses. */
  score: number | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/** Counts and score of a set of answers by the documented rules. */
export function referenceTally(scores: readonly number[]): ReferenceTally {
  const count = (category: ReferenceCategory) =>
    scores.filter((score) => referenceCategory(score) === category).length;
  const promoters = count('PROMOTER');
  const passives = count('PASSIVE');
  const detractors = count('DETRACTOR');
  const responses = scores.length;
  return {
    score: responses === 0 ? null : (100 * promoters) / responses - (100 * detractors) / responses,
    responses,
    promoters,
    passives,
    detractors,
  };
}

export interface ReferenceAnswer {
  source: 'USERLANE' | 'PLANHAT' | 'USERLOOP';
  score: number;
  /** Whole seconds: the finest grain every vendor's wire format keeps. */
  second: number;
  email: string | null;
}

/** Every NPS answer the sandbox holds in [from, to] (UTC days), independent of the gateway. */
export function npsReference(sandbox: Sandbox, from: string, to: string): ReferenceAnswer[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`) + DAY;
  const seed = sandbox.seed;
  const inRange = (ms: number | null) => ms !== null && ms >= start && ms < end;
  const userlane = seed.userlane.nps
    .filter((r) => inRange(r.ms))
    .map((r) => ({
      source: 'USERLANE' as const,
      score: r.score,
      second: Math.floor(r.ms / 1000),
      email: r.user.inDirectory ? (r.user.person?.email ?? null) : null,
    }));
  const planhat = seed.planhat.store
    .all()
    .filter((r) => inRange(r.npsDate))
    .map((r) => ({
      source: 'PLANHAT' as const,
      score: r.nps,
      second: Math.floor((r.npsDate as number) / 1000),
      email: r.email.toLowerCase(),
    }));
  const userloop = seed.userloop.store.visible
    .filter((r) => r.question.type === 'NPS' && r.answer !== null && inRange(r.createdMs))
    .map((r) => ({
      source: 'USERLOOP' as const,
      score: Number(r.answer?.answer),
      second: Math.floor(r.createdMs / 1000),
      email: r.submission.recipient?.toLowerCase() ?? null,
    }));
  return [...userlane, ...planhat, ...userloop];
}
