const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An instant in `toISOString()` form. Vendors spell instants differently (`...20Z`, `...20.000Z`,
 * `+00:00`, microseconds); one spelling lets records from several vendors be compared and merged
 * as plain strings. A time without a zone is read as UTC. Null when it cannot be parsed.
 */
export function toInstant(value: string): string | null {
  const ms = Date.parse(HAS_ZONE.test(value) || !value.includes('T') ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
