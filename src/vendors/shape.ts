// Cheap hand-written checks of 2xx bodies. Guards check what a mapping cannot do without (ids,
// scores, timestamps, envelopes); the readers below tolerate optional fields of the wrong type,
// reading them as absent.
import { toInstant } from '../domain/time.js';
import type { VendorName } from '../transport/types.js';
import { badResponse } from '../transport/vendor-error.js';

export type Guard<T> = (value: unknown) => value is T;

export interface ShapeContext {
  vendor: VendorName;
  operation: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isInteger(value: unknown): value is number {
  return Number.isInteger(value);
}

/** A timestamp the mapping can turn into an instant. */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && toInstant(value) !== null;
}

/** The value as T, or a `bad_response` error naming what was expected. */
export function expectShape<T>(
  ctx: ShapeContext,
  value: unknown,
  guard: Guard<T>,
  what: string,
): T {
  if (!guard(value)) throw badResponse(ctx.vendor, ctx.operation, `expected ${what}`);
  return value;
}

/** Every element checked, so the error names the first bad one. */
export function expectArray<T>(
  ctx: ShapeContext,
  value: unknown,
  guard: Guard<T>,
  what: string,
): T[] {
  if (!Array.isArray(value))
    throw badResponse(ctx.vendor, ctx.operation, `${what} is not an array`);
  value.forEach((item, i) => {
    if (!guard(item))
      throw badResponse(ctx.vendor, ctx.operation, `${what}[${i}] has the wrong shape`);
  });
  return value as T[];
}

/** `body[key]`, requiring the body to be an object. */
export function field(ctx: ShapeContext, body: unknown, key: string): unknown {
  if (!isRecord(body))
    throw badResponse(ctx.vendor, ctx.operation, `body is not an object with ${key}`);
  return body[key];
}

export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function num(value: unknown): number | null {
  return isNumber(value) ? value : null;
}

export function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

export function obj(value: unknown): Record<string, unknown> | null {
  return isRecord(value) ? value : null;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter(isString) : [];
}

export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
