// Planhat's request rules (vendor contract, "Planhat NPS"), each stated once here.
import { type DateRange, utcDate } from '../../domain/date-range.js';

/** `GET /nps`: `limit` default 100, at most 10,000. */
export const PLANHAT_MAX_LIST_LIMIT = 10_000;
/** `PUT /nps`: at most 5,000 items per request; callers chunk. */
export const PLANHAT_MAX_BULK_ITEMS = 5_000;
/** `GET /nps` only returns answers of the last `npsExpiryDay` days, 360 unless told. */
export const PLANHAT_DEFAULT_EXPIRY_DAYS = 360;

/**
 * The `npsExpiryDay` that reaches back to `range.from`, or undefined when the default already
 * does (so the usual query stays as the vendor's docs show it).
 */
export function npsExpiryDayFor(range: Pick<DateRange, 'from'>, now: Date): number | undefined {
  const days = Math.ceil(
    (Date.parse(`${utcDate(now)}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000,
  );
  return days + 1 > PLANHAT_DEFAULT_EXPIRY_DAYS ? days + 1 : undefined;
}
