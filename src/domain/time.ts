import { dayEndInstant, dayStartInstant, FIRST_DATE, LAST_DATE } from './date-range.js';
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * An instant in `toISOString()` form. Vendors spell instants differently (`...20Z`, `...20.000Z`,
 * `+00:00`, microseconds); one spelling lets records from several vendors be compared and merged
 * as plain strings. A time without a zone is read as UTC. Null when it cannot be parsed.
 */
export function toInstant(value: string): string | null {
  // Most vendors already send this form: kept as is when it names a real instant (days past the
  // 28th and hour 24 roll over in Date.parse, so those take the slow path and are normalised).
  if (
    CANONICAL.test(value) &&
    value.slice(8, 10) <= '28' &&
    value.slice(11, 13) <= '23' &&
    !Number.isNaN(Date.parse(value))
  ) {
    return value;
  }
  const ms = Date.parse(HAS_ZONE.test(value) || !value.includes('T') ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The instants the gateway represents: those of the days 0001-01-01..9999-12-31 (UTC). */
export const FIRST_INSTANT = dayStartInstant(FIRST_DATE);
export const LAST_INSTANT = dayEndInstant(LAST_DATE);
const FIRST_MS = Date.parse(FIRST_INSTANT);
const LAST_MS = Date.parse(LAST_INSTANT);

/**
 * Whether epoch milliseconds fall within FIRST_INSTANT..LAST_INSTANT, where `toISOString()` keeps
 * four year digits and instants order as strings (outside, it prints `+010000-…` or `-000001-…`).
 */
export function isRepresentableInstant(ms: number): boolean {
  return ms >= FIRST_MS && ms <= LAST_MS;
}
