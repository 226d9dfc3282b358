import type { Sandbox } from '../../src/sandbox/index.js';

const DAY = 86_400_000;

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
