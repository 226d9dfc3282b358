// Response filters, checked before any vendor call so a bad argument costs none.
import { type DateRange, nextDayStartMs } from '../domain/date-range.js';
import { BadUserInputError } from '../errors.js';
import type { SurveySource } from './survey-records.js';

/** UserLoop's numeric answers run 0..10 (Userlane's scores 1..5). */
export const USERLOOP_SCORE_MAX = 10;

export interface ResponseQuery {
  range: DateRange;
  scores: readonly number[] | null;
  commentOnly: boolean;
  /** Userlane's survey `type` parameter (e.g. `custom`). */
  type: string | null;
}

export function checkedScores(
  source: SurveySource,
  scores: readonly number[] | null | undefined,
): readonly number[] | null {
  if (!scores?.length) return null;
  const [min, max] = source === 'USERLANE' ? [1, 5] : [0, USERLOOP_SCORE_MAX];
  const bad = scores.find((s) => !Number.isInteger(s) || s < min || s > max);
  if (bad !== undefined) {
    const vendor = source === 'USERLANE' ? 'Userlane survey' : 'UserLoop';
    throw new BadUserInputError(
      `scores must be integers from ${min} to ${max} for a ${vendor} survey (got ${bad})`,
      { argument: 'scores' },
    );
  }
  return [...new Set(scores)].sort((a, b) => a - b);
}

/** Whether an instant lies within an inclusive range of UTC days. */
export function withinRange(range: DateRange): (instant: string | null) => boolean {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const toEnd = nextDayStartMs(range.to);
  return (instant) => {
    const at = instant === null ? Number.NaN : Date.parse(instant);
    return at >= from && at < toEnd;
  };
}
