// Readers for query strings and bodies shared by the simulators. They return a message instead of
// an error response because each vendor wraps refusals in its own envelope.
import type { SandboxResponse } from './types.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const valid = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const invalid = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** An optional integer parameter within bounds; absent or empty gives the default. */
export function intParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): Parsed<number> {
  const raw = query.get(name);
  if (raw === null || raw === '') return valid(fallback);
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
    return invalid(`${name} must be an integer from ${min} to ${max}`);
  }
  return valid(value);
}

export function jsonBody(body: Buffer): Parsed<unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return invalid('Request body must be JSON');
  try {
    return valid(JSON.parse(text) as unknown);
  } catch {
    return invalid('Malformed JSON body');
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A path segment as the client meant it; a malformed escape is kept literally. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Thrown by a simulator's validation with the vendor's own error response; the simulator's
 * entry point catches it, so handlers read as a list of documented checks.
 */
export class Refusal extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`refused with ${response.status}`);
  }
}
