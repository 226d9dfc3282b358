import fc from 'fast-check';
import { GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayEndInstant,
  dayStartInstant,
  FIRST_DATE,
  isCalendarDate,
  LAST_DATE,
  nextDayStartMs,
} from '../../src/domain/date-range.js';
import type { NpsRecord } from '../../src/domain/nps.js';
import { isRepresentableInstant } from '../../src/domain/time.js';
import { npsMatcher } from '../../src/lists/nps.js';
import { withinRange } from '../../src/lists/surveys.js';
import { schema } from '../../src/schema/index.js';

const DAY = 86_400_000;
const FIRST_DAY = Date.parse('0001-01-01T00:00:00Z') / DAY;
const LAST_DAY = Date.parse('9999-12-31T00:00:00Z') / DAY;

/** `YYYY-MM-DD` of a day number, computed apart from the code under test. */
const isoDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

/** Every valid day, as a day number; the edges weighted in so that 9999-12-31 is always tried. */
const dayNumber = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(FIRST_DAY, LAST_DAY, LAST_DAY - 1) },
  { weight: 9, arbitrary: fc.integer({ min: FIRST_DAY, max: LAST_DAY }) },
);
const msOfDay = fc.integer({ min: 0, max: DAY - 1 });

const record = (answeredAt: string): NpsRecord => ({
  source: 'PLANHAT',
  id: 'r',
  score: 9,
  category: 'PROMOTER',
  comment: null,
  answeredAt,
  email: null,
  userlaneUserId: null,
  applicationUserId: null,
  companyId: null,
  campaignId: null,
  planhat: null,
  userloop: null,
});

describe('the upper bound of a range ending on day d, for every day 0001-01-01..9999-12-31', () => {
  it('sorts, as a string, after every instant of d and before every instant of d + 1', () => {
    fc.assert(
      fc.property(dayNumber, msOfDay, (n, ms) => {
        const d = isoDay(n);
        const end = dayEndInstant(d);
        const on = iso(n * DAY + ms);
        expect(dayStartInstant(d) <= on).toBe(true);
        expect(on <= end).toBe(true);
        if (n < LAST_DAY) expect(iso((n + 1) * DAY + ms) > end).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps in the NPS filter every instant of from..to and nothing after to', () => {
    fc.assert(
      fc.property(dayNumber, fc.integer({ min: 0, max: 40 }), msOfDay, (n, length, ms) => {
        const from = isoDay(Math.max(FIRST_DAY, n - length));
        const to = isoDay(n);
        const verdict = npsMatcher({ range: { from, to }, sources: ['PLANHAT'] });
        expect(verdict(record(iso(n * DAY + ms)))).toBe('keep');
        expect(verdict(record(iso(Date.parse(`${from}T00:00:00Z`) + ms)))).toBe('keep');
        if (n < LAST_DAY) expect(verdict(record(iso((n + 1) * DAY + ms)))).toBe('skip');
      }),
      { numRuns: 5_000 },
    );
  });

  it('is the next midnight in milliseconds, with no date after 9999-12-31 needed', () => {
    fc.assert(
      fc.property(dayNumber, msOfDay, (n, ms) => {
        const d = isoDay(n);
        expect(nextDayStartMs(d)).toBe((n + 1) * DAY);
        const within = withinRange({ from: d, to: d });
        expect(within(iso(n * DAY + ms))).toBe(true);
        if (n < LAST_DAY) expect(within(iso((n + 1) * DAY + ms))).toBe(false);
        if (n > FIRST_DAY) expect(within(iso((n - 1) * DAY + ms))).toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps the whole of 9999-12-31 in a range ending that day', () => {
    const verdict = npsMatcher({ range: { from: '9999-12-01', to: LAST_DATE }, sources: [] });
    for (const at of [
      '9999-12-31T00:00:00.000Z',
      '9999-12-31T12:00:00.000Z',
      dayEndInstant(LAST_DATE),
    ]) {
      expect(verdict(record(at))).toBe('keep');
    }
    expect(verdict(record('9999-12-30T23:59:59.999Z'))).toBe('keep');
    expect(verdict(record('9999-11-30T23:59:59.999Z'))).toBe('end');
  });
});

describe('calendar days at the edges', () => {
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

  it('has 29 February exactly in the Gregorian leap years 0001..9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (y) => {
        const year = String(y).padStart(4, '0');
        expect(isCalendarDate(`${year}-02-29`)).toBe(leap(y));
        expect(isCalendarDate(`${year}-02-28`)).toBe(true);
      }),
      { numRuns: 3_000 },
    );
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
  });

  it('accepts every day of the range, steps to the next one, and refuses to step past either end', () => {
    fc.assert(
      fc.property(dayNumber, (n) => {
        const d = isoDay(n);
        expect(isCalendarDate(d)).toBe(true);
        if (n < LAST_DAY) expect(addDays(d, 1)).toBe(isoDay(n + 1));
        if (n > FIRST_DAY) expect(addDays(d, -1)).toBe(isoDay(n - 1));
      }),
      { numRuns: 5_000 },
    );
    expect(() => addDays(LAST_DATE, 1)).toThrow(/9999-12-31/);
    expect(() => addDays(FIRST_DATE, -1)).toThrow(/0001-01-01/);
  });

  it.each(['0000-01-01', '0000-02-29', '10000-01-01', '+010000-01-01', '-000001-12-31'])(
    'refuses %s, a day outside 0001..9999',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );

  it('represents exactly the instants of 0001-01-01..9999-12-31', () => {
    expect(isRepresentableInstant(Date.parse('0001-01-01T00:00:00.000Z'))).toBe(true);
    expect(isRepresentableInstant(Date.parse('9999-12-31T23:59:59.999Z'))).toBe(true);
    expect(isRepresentableInstant(Date.parse('0001-01-01T00:00:00.000Z') - 1)).toBe(false);
    expect(isRepresentableInstant(Date.parse('9999-12-31T23:59:59.999Z') + 1)).toBe(false);
  });
});

describe('the Date and DateTime scalars', () => {
  const scalar = (name: string) => {
    const type = schema.getType(name);
    if (!(type instanceof GraphQLScalarType)) throw new Error(`no scalar ${name}`);
    return type;
  };
  const date = scalar('Date');
  const dateTime = scalar('DateTime');

  it.each(['0001-01-01', '9999-12-31', '2024-02-29'])('accepts the day %s', (value) => {
    expect(date.parseValue(value)).toBe(value);
  });

  it.each(['10000-01-01', '+010000-01-01', '0000-12-31', '-000001-01-01'])(
    'refuses %s naming it and the range 0001-01-01..9999-12-31',
    (value) => {
      expect(() => date.parseValue(value)).toThrow(
        `Date "${value}" is out of range: dates run from 0001-01-01 to 9999-12-31`,
      );
    },
  );

  it.each(['2025-02-29', '2026-02-30', '2026-13-01', '26-01-01', ''])(
    'refuses %j, which is no calendar day, naming it',
    (value) => {
      expect(() => date.parseValue(value)).toThrow(`(got ${JSON.stringify(value)})`);
    },
  );

  it('accepts instants up to the last millisecond of 9999-12-31 and refuses those after', () => {
    expect(dateTime.parseValue('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    expect(dateTime.parseValue('9999-12-31T23:30:00+01:00')).toBe('9999-12-31T22:30:00.000Z');
    expect(dateTime.parseValue('0001-01-01T00:30:00-01:00')).toBe('0001-01-01T01:30:00.000Z');
    for (const value of [
      '9999-12-31T23:30:00-01:00',
      '0001-01-01T00:30:00+01:00',
      '0000-06-01T00:00:00Z',
      '10000-01-01T00:00:00Z',
    ]) {
      expect(() => dateTime.parseValue(value)).toThrow(`DateTime "${value}" is out of range`);
    }
  });

  it('refuses an instant on 29 February of a common year rather than rolling it to 1 March', () => {
    expect(dateTime.parseValue('2024-02-29T12:00:00Z')).toBe('2024-02-29T12:00:00.000Z');
    expect(() => dateTime.parseValue('2025-02-29T12:00:00Z')).toThrow(
      'DateTime must be ISO 8601 with a zone, on a real calendar day',
    );
  });
});
