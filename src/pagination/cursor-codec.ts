import { createHash } from 'node:crypto';
import { setRecent } from '../cache/recent-map.js';
import { BadUserInputError } from '../errors.js';
import type { Position } from './position.js';

// Bumped whenever the record changes meaning; older cursors are then refused as stale.
const VERSION = 1;
const MAX_CURSOR_LENGTH = 8192;
const MAX_VENDOR_CURSOR_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** `p`age, `o`ffset, `c`ursor sources; `m`erged feeds. */
export type CursorKind = 'p' | 'o' | 'c' | 'm';

export type CursorArgument = 'after' | 'before';

/** A decoded cursor whose envelope checked out; its body is still unchecked client data. */
export type CursorBody = Record<string, unknown>;

export interface CursorExpectation {
  argument: CursorArgument;
  field: string;
  fingerprint: string;
  kind: CursorKind;
}

/** Ties a cursor to one field and one set of filter arguments (and, for merges, its streams). */
export function fingerprint(
  field: string,
  filters: unknown,
  streams: readonly string[] = [],
): string {
  const text = JSON.stringify([field, canonical(filters), [...streams].sort()]);
  let digest = digests.get(text);
  if (digest === undefined) {
    digest = createHash('sha256').update(text).digest('base64url').slice(0, 16);
    setRecent(digests, text, digest, DIGESTS);
  }
  return digest;
}

// Every page of a list hashes the same field and filters again: the last few are remembered
// (a pure function of its text, so nothing request-scoped is kept).
const DIGESTS = 500;
const digests = new Map<string, string>();

// Key order, and null versus absent filter properties, must not change the fingerprint:
// GraphQL clients send `filter: { hasComment: null }` and `filter: {}` meaning the same thing.
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item !== null && item !== undefined) out[key] = canonical(item);
  }
  return out;
}

export function encodeCursor(fp: string, kind: CursorKind, body: CursorBody): string {
  return Buffer.from(JSON.stringify({ v: VERSION, f: fp, k: kind, ...body })).toString('base64url');
}

/** Checks everything a cursor carries about its origin; the caller checks the body. */
export function decodeCursor(raw: string, expect: CursorExpectation): CursorBody {
  const refuse = cursorRefusal(expect);
  if (typeof raw !== 'string' || raw.length > MAX_CURSOR_LENGTH || !BASE64URL.test(raw)) {
    throw refuse('malformed');
  }
  const bytes = Buffer.from(raw, 'base64url');
  // Node's decoder skips what it cannot read, so only an exact round trip proves the text intact.
  if (bytes.toString('base64url') !== raw) throw refuse('malformed');
  let record: unknown;
  try {
    record = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refuse('malformed');
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw refuse('malformed');
  }
  const { v, f, k, ...body } = record as Record<string, unknown>;
  if (typeof v !== 'number' || typeof f !== 'string') throw refuse('malformed');
  if (v !== VERSION) throw refuse('stale');
  if (f !== expect.fingerprint) throw refuse('foreign');
  // Same field and filters but another paging style: the field changed vendors or strategy.
  if (k !== expect.kind) throw refuse('stale');
  return body;
}

export type CursorProblem = 'malformed' | 'foreign' | 'stale';

export function cursorRefusal(expect: Pick<CursorExpectation, 'argument' | 'field'>) {
  return (problem: CursorProblem): BadUserInputError => {
    const { argument, field } = expect;
    const restart = `request the first page again without \`${argument}\``;
    const message =
      problem === 'malformed'
        ? `The \`${argument}\` cursor is malformed; pass a cursor exactly as a previous page of ${field} returned it, or ${restart}.`
        : problem === 'foreign'
          ? `The \`${argument}\` cursor belongs to another field or to other filter arguments than this ${field} request; use cursors from the same query with the same arguments, or ${restart}.`
          : `The \`${argument}\` cursor was issued by an earlier version of ${field}'s paging and cannot be resumed; ${restart}.`;
    return new BadUserInputError(message, { argument, reason: `${problem}_cursor` });
  };
}

/** Position fields as cursors store them: `i` index, `c` vendor cursor, `s` skip. */
export function positionBody(position: Position, withVendorCursor: boolean): CursorBody {
  if (!withVendorCursor) return { i: position.index };
  return { i: position.index, c: position.vendorCursor ?? null, s: position.skip ?? 0 };
}

/** The position a cursor body names, or null when any part is out of shape or range. */
export function readPosition(
  body: CursorBody,
  withVendorCursor: boolean,
  maxSkip: number,
): Position | null {
  const { i, c, s } = body;
  if (!isCount(i)) return null;
  if (!withVendorCursor) return c === undefined && s === undefined ? { index: i } : null;
  if (c !== null && (typeof c !== 'string' || c.length > MAX_VENDOR_CURSOR_LENGTH)) return null;
  if (!isCount(s) || s > maxSkip || s > i) return null;
  return { index: i, vendorCursor: c, skip: s };
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
