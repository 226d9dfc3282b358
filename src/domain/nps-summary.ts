import type { NpsCategory } from './nps.js';

export interface NpsTally {
  /** %promoters - %detractors, -100..100; null without responses. */
  score: number | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export function tally(records: Iterable<{ category: NpsCategory }>): NpsTally {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const { category } of records) {
    if (category === 'PROMOTER') promoters++;
    else if (category === 'PASSIVE') passives++;
    else detractors++;
  }
  const responses = promoters + passives + detractors;
  return {
    score: responses === 0 ? null : round(((promoters - detractors) * 100) / responses),
    responses,
    promoters,
    passives,
    detractors,
  };
}

/** Two decimals: a score is read as a percentage, and float noise must not leak into it. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Groups records by a key; records without one fall into `unknownKey`. Keys sorted ascending. */
export function tallyBy<R extends { category: NpsCategory }>(
  records: readonly R[],
  keyOf: (record: R) => string | null,
  unknownKey = 'UNKNOWN',
): (NpsTally & { key: string })[] {
  const groups = new Map<string, R[]>();
  for (const record of records) {
    const key = keyOf(record) ?? unknownKey;
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(record);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => ({ key, ...tally(group) }));
}

/** ISO 8601 week of an instant, e.g. `2026-W47` (weeks start on Monday; week 1 holds a Thursday). */
export function isoWeek(instant: string): string {
  const date = new Date(instant);
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
