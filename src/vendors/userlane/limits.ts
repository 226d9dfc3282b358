// Userlane's request rules (vendor contract, "Userlane Analytics"), each stated once here.
import { addDays, type DateRange, utcDate } from '../../domain/date-range.js';

/** HEART, NPS, Surveys, Tags: `page` ≥ 1, `limit` 0..5000 (default 1000). */
export const USERLANE_PAGE_LIMIT_MIN = 0;
export const USERLANE_PAGE_LIMIT_MAX = 5000;
/**
 * The largest page the gateway asks of those endpoints. The parameter table allows `limit` up to
 * 5000 but the prose says their pages hold "up to 1,000 records": asked for more, a vendor
 * keeping to the prose would send 1,000 and a walk would take that short page for the last one.
 * A page of at most 1,000 is served whole under either reading, so every walk is exact.
 */
export const USERLANE_PAGE_RECORDS_MAX = 1000;
/** Tasks and task actions: `limit` 1..5000. */
export const USERLANE_CURSOR_LIMIT_MIN = 1;
export const USERLANE_CURSOR_LIMIT_MAX = 5000;
export const USERLANE_PROPERTY_ID_MAX_LENGTH = 16;
/** Task actions: `start` no further back than this many days. */
export const USERLANE_TASK_ACTIONS_MAX_AGE_DAYS = 31;

export interface Window {
  start: string;
  end: string;
}

/**
 * Page endpoints filter by instant. `end` is the last second of the `to` day rather than the next
 * midnight: that covers the whole day whether the vendor compares instants (NPS, Surveys) or
 * dates (HEART, Tags), and never pulls in the day after.
 */
export function pageWindow(range: DateRange): Window {
  return { start: `${range.from}T00:00:00Z`, end: `${range.to}T23:59:59Z` };
}

/** Tasks endpoints ignore the time of day and include both dates. */
export function taskWindow(range: DateRange): Window {
  return { start: `${range.from}T00:00:00Z`, end: `${range.to}T00:00:00Z` };
}

/**
 * Why Userlane would refuse this range for task actions, or null when it will not. The vendor
 * answers 422 when `start` is more than 31 days back; as the Tasks endpoints read dates as UTC
 * calendar dates, "31 days back" is counted in calendar days from today (UTC).
 */
export function taskActionsRangeProblem(range: DateRange, now: Date): string | null {
  const earliest = addDays(utcDate(now), -USERLANE_TASK_ACTIONS_MAX_AGE_DAYS);
  if (range.from >= earliest) return null;
  return (
    `Userlane task actions reach back at most ${USERLANE_TASK_ACTIONS_MAX_AGE_DAYS} days: ` +
    `range.from must be ${earliest} or later (got ${range.from})`
  );
}
