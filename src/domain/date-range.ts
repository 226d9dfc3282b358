/** Inclusive range of UTC calendar dates, both `YYYY-MM-DD` (the schema's `DateRange`). */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * The days the gateway represents: four-digit years 0001..9999. Within them an instant's
 * `toISOString()` form keeps four year digits, so instants and days order as plain strings
 * (year 10000 prints as `+010000-…`, which sorts before every other date); year 0000 is left
 * out as the vendors' usual date types (0001..9999) have no such year.
 */
export const FIRST_DATE = '0001-01-01';
export const LAST_DATE = '9999-12-31';

const DAY_MS = 86_400_000;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real day between FIRST_DATE and LAST_DATE: `2026-02-30` parses in JavaScript (as 2 March)
 * but is no calendar date, and neither is `2025-02-29`; `2024-02-29` is one.
 */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE.test(value) || value < FIRST_DATE) return false;
  const at = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value;
}

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The date `days` after (or before) `date`; throws when that leaves FIRST_DATE..LAST_DATE. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  const result = Number.isNaN(at.getTime()) ? '' : utcDate(at);
  if (!isCalendarDate(result)) {
    throw new RangeError(
      `${date} ${days < 0 ? '-' : '+'} ${Math.abs(days)} days is no date from ${FIRST_DATE} to ${LAST_DATE}`,
    );
  }
  return result;
}

/** The first instant of a day, in `toISOString()` form. */
export function dayStartInstant(date: string): string {
  return `${date}T00:00:00.000Z`;
}

/**
 * The last instant of a day, in `toISOString()` form: the inclusive upper bound of a range ending
 * on `date`. An instant lies on or before `date` exactly when it is `<=` this as a string. Unlike
 * the next day's midnight it exists for LAST_DATE too.
 */
export function dayEndInstant(date: string): string {
  return `${date}T23:59:59.999Z`;
}

/** Epoch milliseconds of a day's first instant. */
export function dayStartMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/**
 * Epoch milliseconds of the midnight after `date`: the exclusive upper bound of a range ending on
 * `date`, counted in milliseconds so that it needs no date after LAST_DATE.
 */
export function nextDayStartMs(date: string): number {
  return dayStartMs(date) + DAY_MS;
}
