import { deriveSeed } from '../seed/derive.js';
import { refuse } from './params.js';

/** A position in a day-ordered stream: the day and how many of its rows were already sent. */
export interface StreamPosition {
  day: number;
  offset: number;
}

/**
 * Opaque to clients: base64url JSON of the position plus a fingerprint of the query it belongs
 * to, so that a cursor replayed against other parameters is refused (422) instead of silently
 * resuming somewhere meaningless.
 */
export function encodeCursor(
  position: StreamPosition,
  query: readonly (string | number)[],
): string {
  const body = { d: position.day, o: position.offset, f: fingerprint(query) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeCursor(
  raw: string | null,
  query: readonly (string | number)[],
  fromDay: number,
  toDay: number,
): StreamPosition | undefined {
  if (raw === null || raw === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const { d, o, f } = (parsed ?? {}) as { d?: unknown; o?: unknown; f?: unknown };
  if (
    !Number.isInteger(d) ||
    !Number.isInteger(o) ||
    (o as number) < 0 ||
    (d as number) < fromDay ||
    (d as number) > toDay + 1 ||
    f !== fingerprint(query)
  ) {
    throw invalidCursor();
  }
  return { day: d as number, offset: o as number };
}

function fingerprint(query: readonly (string | number)[]): string {
  return deriveSeed(0x5eed, ...query).toString(36);
}

function invalidCursor() {
  return refuse(422, 'Request validation failed: cursor is invalid.');
}

/**
 * Reads up to `limit` rows of a day-ordered stream from `start` through `lastDay`. `next` is
 * where the following page starts, or undefined when nothing is left, so the last page is the
 * one that says so (nextCursor null) rather than an extra empty one.
 */
export function readStream<T>(
  rowsOf: (day: number) => readonly T[],
  hasRows: (day: number) => boolean,
  start: StreamPosition,
  lastDay: number,
  limit: number,
): { data: T[]; next: StreamPosition | undefined } {
  const data: T[] = [];
  let { day, offset } = start;
  while (day <= lastDay && data.length < limit) {
    const rows = hasRows(day) ? rowsOf(day) : [];
    const taken = rows.slice(offset, offset + limit - data.length);
    data.push(...taken);
    offset += taken.length;
    if (offset >= rows.length) {
      day++;
      offset = 0;
    }
  }
  if (offset > 0) return { data, next: { day, offset } };
  for (let rest = day; rest <= lastDay; rest++) {
    if (hasRows(rest)) return { data, next: { day, offset } };
  }
  return { data, next: undefined };
}
