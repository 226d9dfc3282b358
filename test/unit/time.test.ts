import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toInstant } from '../../src/domain/time.js';

/** The general rule, without the fast path: parse (UTC when no zone), then print. */
function reference(value: string): string | null {
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) || !value.includes('T');
  const ms = Date.parse(zoned ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('toInstant', () => {
  it('answers exactly as parsing and printing would, for every string of the canonical shape', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 999 }),
        (year, month, day, hour, minute, second, ms) => {
          const value =
            `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` +
            `T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(ms, 3)}Z`;
          expect(toInstant(value)).toBe(reference(value));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('normalises other spellings to the canonical one', () => {
    expect(toInstant('2026-11-22T10:00:00Z')).toBe('2026-11-22T10:00:00.000Z');
    expect(toInstant('2026-11-22T10:00:00+01:00')).toBe('2026-11-22T09:00:00.000Z');
    expect(toInstant('2026-11-22T10:00:00')).toBe('2026-11-22T10:00:00.000Z');
    expect(toInstant('2026-02-30T10:00:00.000Z')).toBe('2026-03-02T10:00:00.000Z');
    expect(toInstant('not a date')).toBeNull();
  });
});
