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
