// UTC calendar arithmetic shared by the simulators. Days are counted as whole days since the
// epoch so that lazily generated data can be keyed by a plain integer.

export const DAY_MS = 86_400_000;

export function dayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `2026-05-09T05:07:20Z`: the second-precision form several vendors document. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Parses a strict `YYYY-MM-DD` that names a real calendar day; undefined otherwise. */
export function parseIsoDate(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms) || isoDate(dayNumber(ms)) !== text) return undefined;
  return dayNumber(ms);
}

/** Parses an ISO 8601 date-time that carries a zone (`Z` or `±HH:MM`); undefined otherwise. */
export function parseIsoDateTime(text: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.exec(
    text,
  );
  if (!match?.[1] || parseIsoDate(match[1]) === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The sandbox's clock: starts at its configured "now" and runs at wall-clock speed, so records
 * written during a run get distinct, increasing timestamps.
 */
export function sandboxClock(now: Date): () => number {
  const startedAt = Date.now();
  const origin = now.getTime();
  return () => origin + (Date.now() - startedAt);
}
