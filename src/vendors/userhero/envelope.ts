// UserHero's answer envelopes (vendor contract, "UserHero"): objects and lists as `{ data }`,
// automations as `{ automations, nextCursor }`, runs as `{ runs }`, a macro run bare.
import { VendorError } from '../../transport/vendor-error.js';
import {
  expectArray,
  expectShape,
  field,
  type Guard,
  isRecord,
  isString,
  type ShapeContext,
} from '../shape.js';

export function ctx(operation: string): ShapeContext {
  return { vendor: 'userhero', operation };
}

/** `{ data: {...} }`. */
export function data<T>(operation: string, body: unknown, guard: Guard<T>): T {
  const c = ctx(operation);
  return expectShape(c, field(c, body, 'data'), guard, 'data to be an object of the right shape');
}

/** `{ data: [...] }`, with or without paging metadata (which nothing reads). */
export function dataList<T>(operation: string, body: unknown, guard: Guard<T>): T[] {
  const c = ctx(operation);
  return expectArray(c, field(c, body, 'data'), guard, 'data');
}

/**
 * A single automation: the docs show no envelope and the contract lists no exception, so
 * `{ data }` is expected; a bare object (like the list's items) is accepted too.
 */
export function dataOrBare<T>(operation: string, body: unknown, guard: Guard<T>): T {
  const wire = isRecord(body) && isRecord(body.data) ? body.data : body;
  return expectShape(ctx(operation), wire, guard, 'an object of the right shape');
}

/** A macro run: the bare object. */
export function bare<T>(operation: string, body: unknown, guard: Guard<T>): T {
  return expectShape(ctx(operation), body, guard, 'an object of the right shape');
}

/** `{ [key]: [...] }`: automations and runs. */
export function keyedList<T>(operation: string, body: unknown, key: string, guard: Guard<T>): T[] {
  const c = ctx(operation);
  return expectArray(c, field(c, body, key), guard, key);
}

/** `nextCursor`: null (or, leniently, absent or empty) on the last page. */
export function nextCursor(operation: string, body: unknown): string | null {
  const c = ctx(operation);
  const next = field(c, body, 'nextCursor');
  if (next === undefined || next === null || next === '') return null;
  return expectShape(c, next, isString, 'nextCursor to be a string');
}

export const NOT_FOUND = Symbol('not found');

/** For lookups, "no such thing" is an answer, not a failure. */
export async function orNotFound(pending: Promise<unknown>): Promise<unknown> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof VendorError && error.kind === 'not_found') return NOT_FOUND;
    throw error;
  }
}
