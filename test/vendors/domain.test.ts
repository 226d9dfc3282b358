import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate } from '../../src/domain/date-range.js';
import { npsCategory, parseUserlaneNpsId, userlaneNpsId } from '../../src/domain/nps.js';
import { tally } from '../../src/domain/nps-summary.js';
import { commentOrNull, normalizeEmail } from '../../src/domain/text.js';
import { toInstant } from '../../src/domain/time.js';

describe('npsCategory', () => {
  it('buckets 0-6 as detractors, 7-8 passives, 9-10 promoters', () => {
    const buckets = Array.from({ length: 11 }, (_, score) => npsCategory(score));
    expect(buckets).toEqual([
      ...Array(7).fill('DETRACTOR'),
      'PASSIVE',
      'PASSIVE',
      'PROMOTER',
      'PROMOTER',
    ]);
  });
});

describe('tally', () => {
  const of = (counts: { PROMOTER?: number; PASSIVE?: number; DETRACTOR?: number }) =>
    Object.entries(counts).flatMap(([category, n]) =>
      Array.from({ length: n }, () => ({ category: category as 'PROMOTER' })),
    );

  it('scores %promoters - %detractors, passives counting only as responses', () => {
    expect(tally(of({ PROMOTER: 3, PASSIVE: 1, DETRACTOR: 1 }))).toEqual({
      score: 40,
      responses: 5,
      promoters: 3,
      passives: 1,
      detractors: 1,
    });
    expect(tally(of({ PASSIVE: 4 })).score).toBe(0);
    expect(tally(of({ PROMOTER: 2 })).score).toBe(100);
    expect(tally(of({ DETRACTOR: 2 })).score).toBe(-100);
    expect(tally(of({ PROMOTER: 1, PASSIVE: 2 })).score).toBe(33.33);
  });

  it('has no score without responses', () => {
    expect(tally([])).toEqual({
      score: null,
      responses: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
    });
  });
});

describe('toInstant', () => {
  it('gives every vendor spelling one form', () => {
    expect(toInstant('2026-05-09T05:07:20Z')).toBe('2026-05-09T05:07:20.000Z');
    expect(toInstant('2026-04-01T00:00:00+00:00')).toBe('2026-04-01T00:00:00.000Z');
    expect(toInstant('2026-04-01T02:00:00+02:00')).toBe('2026-04-01T00:00:00.000Z');
  });

  it('reads a time without a zone as UTC', () => {
    expect(toInstant('2026-06-10T07:39:37.167000')).toBe('2026-06-10T07:39:37.167Z');
  });

  it('is null for garbage', () => {
    expect(toInstant('yesterday')).toBeNull();
  });
});

describe('text helpers', () => {
  it('lower-cases and trims emails; blank is null', () => {
    expect(normalizeEmail(' Jane@Example.COM ')).toBe('jane@example.com');
    expect(normalizeEmail('')).toBeNull();
    expect(normalizeEmail(undefined)).toBeNull();
  });

  it('turns empty comments into null and keeps others as they are', () => {
    expect(commentOrNull('')).toBeNull();
    expect(commentOrNull('   ')).toBeNull();
    expect(commentOrNull(null)).toBeNull();
    expect(commentOrNull(' ok ')).toBe(' ok ');
  });
});

describe('dates', () => {
  it('adds days across months and checks calendar dates', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-2-28')).toBe(false);
  });
});

describe('userlaneNpsId', () => {
  it('is stable and can be read back, whatever the user id holds', () => {
    const id = userlaneNpsId('2026-05-09T05:07:20Z', 'u|1', 7);
    expect(id).toBe(userlaneNpsId('2026-05-09T05:07:20Z', 'u|1', 7));
    expect(parseUserlaneNpsId(id)).toEqual({
      timestamp: '2026-05-09T05:07:20Z',
      score: 7,
      userId: 'u|1',
    });
    expect(parseUserlaneNpsId('nope')).toBeNull();
  });
});
