import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../src/domain/date-range.js';

describe('calendar dates', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31'])('accepts the real day %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['2026-02-30', '2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00Z', ''])(
    'refuses %j, which JavaScript may still parse',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});
