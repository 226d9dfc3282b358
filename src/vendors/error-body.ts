// Helpers for the vendors' `parseError`: error bodies may come as parsed JSON, as JSON text, as
// plain text or not at all, and reading them must never throw. What they return is the vendor's
// raw text: the transport redacts and bounds it (`vendorText`, `vendorCode`) for every vendor.
import { isRecord } from './shape.js';

/** The body as an object when it is one, or JSON text of one. */
export function errorObject(body: unknown): Record<string, unknown> | null {
  if (isRecord(body)) return body;
  if (typeof body !== 'string' || !body.trimStart().startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The message of a plain-text body; HTML error pages and blanks say nothing useful. Not cut here:
 * cutting before redaction could keep half of an echoed key that redaction no longer recognises.
 */
export function textMessage(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  const text = body.trim();
  if (text === '' || text.startsWith('<')) return undefined;
  return text;
}

export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
