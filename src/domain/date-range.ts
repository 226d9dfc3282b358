/** Inclusive range of UTC calendar dates, both `YYYY-MM-DD` (the schema's `DateRange`). */
export interface DateRange {
  from: string;
  to: string;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real day: `2026-02-30` parses in JavaScript (as 2 March) but is no calendar date. */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE.test(value)) return false;
  const at = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value;
}

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return utcDate(at);
}
