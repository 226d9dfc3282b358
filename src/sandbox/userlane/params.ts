import { dayNumber, parseIsoDateTime } from '../dates.js';
import { intParam, Refusal } from '../params.js';
import { userlaneError } from './errors.js';

export interface TimeWindow {
  startMs: number;
  endMs: number;
  /** UTC calendar days of start and end, for the daily endpoints and the echo. */
  startDay: number;
  endDay: number;
}

export function refuse(status: number, message?: string): Refusal {
  return new Refusal(userlaneError(status, message));
}

/** `start` and `end` are required ISO date-times with a zone (`Z` or `+00:00`). */
export function readWindow(query: URLSearchParams): TimeWindow {
  const read = (name: string) => {
    const raw = query.get(name);
    const ms = raw === null ? undefined : parseIsoDateTime(raw);
    if (ms === undefined) {
      throw refuse(422, `Request validation failed: ${name} must be an ISO 8601 date-time.`);
    }
    return ms;
  };
  const startMs = read('start');
  const endMs = read('end');
  if (endMs < startMs) throw refuse(422, 'Request validation failed: end is before start.');
  return { startMs, endMs, startDay: dayNumber(startMs), endDay: dayNumber(endMs) };
}

/** `cap`: the "up to 1,000 records per page" reading (SandboxReadings.userlanePageCap). */
export function readPage(
  query: URLSearchParams,
  cap = Number.POSITIVE_INFINITY,
): { offset: number; limit: number } {
  const page = intParam(query, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
  if (!page.ok) throw refuse(422, `Request validation failed: ${page.message}.`);
  const limit = intParam(query, 'limit', 1000, 0, 5000);
  if (!limit.ok) throw refuse(422, `Request validation failed: ${limit.message}.`);
  const size = Math.min(limit.value, cap);
  return { offset: (page.value - 1) * size, limit: size };
}

export function readCursorLimit(query: URLSearchParams): number {
  const limit = intParam(query, 'limit', 1000, 1, 5000);
  if (!limit.ok) throw refuse(422, `Request validation failed: ${limit.message}.`);
  return limit.value;
}

export function readBoolean(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw refuse(422, `Request validation failed: ${name} must be true or false.`);
}

/** `score=1&score=2`, as the contract has it; a comma list (`1,2`) is read the same way. */
export function readScores(query: URLSearchParams): Set<number> | undefined {
  const raws = query.getAll('score').flatMap((value) => value.split(','));
  if (raws.length === 0) return undefined;
  const scores = new Set<number>();
  for (const raw of raws) {
    const score = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || score < 1 || score > 5) {
      throw refuse(422, 'Request validation failed: score must be an integer from 1 to 5.');
    }
    scores.add(score);
  }
  return scores;
}
