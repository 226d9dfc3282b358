// One Planhat NPS record and its two spellings: list/get answers use `nps`, `npsComment`,
// `npsDate`; create/update answers use `score`, `comment`, `dateAnswered` (see the docs).

export interface NpsRecord {
  _id: string;
  npsId: string | null;
  email: string;
  /** Dates are epoch ms internally: cheap to filter and sort, ISO strings on the wire. */
  npsDate: number | null;
  nps: number;
  npsComment: string | null;
  npsSent: number | null;
  cId: string | null;
  euId: string | null;
  campaignId: string | null;
  dateSent: number | null;
  dateReminderSent: number | null;
  source: string | null;
  sourceId: string | null;
  custom: Record<string, unknown> | null;
}

export type ScoreType = 'promoter' | 'passive' | 'detractor';

export function scoreType(score: number): ScoreType {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

export const LIST_FIELDS = [
  '_id',
  'npsId',
  'email',
  'npsDate',
  'nps',
  'npsComment',
  'npsSent',
  'scoreType',
  'cId',
  'euId',
  'campaignId',
  'dateSent',
  'dateReminderSent',
  'source',
  'sourceId',
  'custom',
] as const;
export type ListField = (typeof LIST_FIELDS)[number];

const DATE_FIELDS = new Set<string>(['npsDate', 'npsSent', 'dateSent', 'dateReminderSent']);

/** The raw value used for sorting: dates stay numbers, which order like their ISO strings. */
export function sortValue(record: NpsRecord, field: string): unknown {
  if (field === 'scoreType') return scoreType(record.nps);
  return (record as unknown as Record<string, unknown>)[field];
}

export function listValue(record: NpsRecord, field: ListField): unknown {
  const value = sortValue(record, field);
  return DATE_FIELDS.has(field) ? isoOrNull(value as number | null) : value;
}

export function toListSpelling(record: NpsRecord, fields: readonly ListField[] = LIST_FIELDS) {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field] = listValue(record, field);
  return out;
}

/** Shaped like the create/update examples: optional fields appear only when they hold a value. */
export function toCreateSpelling(record: NpsRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    _id: record._id,
    email: record.email,
    score: record.nps,
    euId: record.euId,
    cId: record.cId,
    scoreType: scoreType(record.nps),
    dateSent: isoOrNull(record.dateSent),
    dateAnswered: isoOrNull(record.npsDate),
    __v: 0,
  };
  const optional = {
    campaignId: record.campaignId,
    comment: record.npsComment,
    sourceId: record.sourceId,
    source: record.source,
    custom: record.custom,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== null) out[key] = value;
  return out;
}

function isoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}
