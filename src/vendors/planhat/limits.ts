// Planhat's request rules (vendor contract, "Planhat NPS"), each stated once here.
import { type DateRange, utcDate } from '../../domain/date-range.js';

/** `GET /nps`: `limit` default 100, at most 10,000. */
export const PLANHAT_MAX_LIST_LIMIT = 10_000;
/** `PUT /nps`: at most 5,000 items per request; callers chunk. */
export const PLANHAT_MAX_BULK_ITEMS = 5_000;

/**
 * The `npsExpiryDay` that reaches back to `range.from` (today counts as day 1). Always sent
 * explicitly: the default silently hides older answers, and a narrower window means fewer records
 * to read past.
 */
export function npsExpiryDayFor(range: Pick<DateRange, 'from'>, now: Date): number {
  const days = Math.ceil(
    (Date.parse(`${utcDate(now)}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000,
  );
  return Math.max(1, days + 1);
}
