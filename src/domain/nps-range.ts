import { addDays, type DateRange, utcDate } from './date-range.js';

/** The NPS window when the caller gives none: the last 360 days, today included. */
export const DEFAULT_NPS_DAYS = 360;

/**
 * The default NPS window on `now`'s UTC day. A pure rule of the domain, so the schema, the lists
 * and the loaders all share it without depending on one another.
 */
export function defaultNpsRange(now: Date): DateRange {
  // Asked for by every customer's NPS fields: computed once per UTC day, not per field.
  const day = Math.floor(now.getTime() / 86_400_000);
  if (lastDefault?.day !== day) {
    const to = utcDate(now);
    lastDefault = { day, range: { from: addDays(to, -(DEFAULT_NPS_DAYS - 1)), to } };
  }
  return { ...lastDefault.range };
}

let lastDefault: { day: number; range: DateRange } | undefined;
