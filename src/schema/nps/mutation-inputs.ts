// Inputs of the Planhat NPS mutations and their checks, all made before any vendor call.
import { builder } from '../../builder.js';
import type { NpsWrite } from '../../domain/nps-writes.js';
import { decodeGlobalId } from '../../global-id.js';
import { InputChecks } from '../../writes/validate.js';

const IDEMPOTENCY_KEY_MAX = 255;

const fieldDocs = {
  email: 'Email of the contact surveyed; Planhat creates the enduser on first sight.',
  score: '0..10.',
  comment: 'What the contact wrote with the score.',
  dateAnswered: 'When the survey was answered; Planhat uses the time of the write when absent.',
  dateSent: 'When the survey was sent.',
  companyId: 'Planhat company id (`cId`, 24 hexadecimal characters).',
  campaignId: 'Planhat campaign id (24 hexadecimal characters).',
  source: 'Name of the system the score comes from, e.g. `custom-nps.com`.',
  custom: 'Custom properties, a JSON object.',
} as const;

export const CreateNpsInput = builder.inputType('CreateNpsInput', {
  description: 'A new Planhat NPS record: an email and a score are required.',
  fields: (t) => ({
    email: t.string({ required: true, description: fieldDocs.email }),
    score: t.int({ required: true, description: fieldDocs.score }),
    comment: t.string({ description: fieldDocs.comment }),
    dateAnswered: t.field({ type: 'DateTime', description: fieldDocs.dateAnswered }),
    dateSent: t.field({ type: 'DateTime', description: fieldDocs.dateSent }),
    companyId: t.id({ description: fieldDocs.companyId }),
    campaignId: t.id({ description: fieldDocs.campaignId }),
    sourceId: t.string({
      description: 'The id the record has in the system it comes from; unique in Planhat.',
    }),
    source: t.string({ description: fieldDocs.source }),
    custom: t.field({ type: 'JSON', description: fieldDocs.custom }),
    idempotencyKey: t.string({
      description:
        'Accepted for uniformity with the other creates, but not sent: Planhat documents no ' +
        'idempotency, so a Planhat create is never retried by the gateway. After a failure whose ' +
        'outcome is unknown (timeout, 5xx), look for the record (e.g. by `sourceId`) before ' +
        'creating it again.',
    }),
  }),
});

const changeFields = {
  comment: 'What the contact wrote; null clears it.',
  other: 'Left out: unchanged. Null is refused: only the comment can be cleared.',
} as const;

export const UpdateNpsInput = builder.inputType('UpdateNpsInput', {
  description:
    'Changes to one Planhat NPS record, named by `id` or, without `id`, by `sourceId`. Fields left ' +
    'out are unchanged; at least one must change.',
  fields: (t) => ({
    id: t.id({ description: 'The NpsResponse id (Planhat records only).' }),
    sourceId: t.string({
      description:
        "Without `id`: names the record by the id it has in the system it comes from (Planhat's " +
        '`srcid-` form). With `id`: the new sourceId of the record.',
    }),
    email: t.string({ description: `${fieldDocs.email} ${changeFields.other}` }),
    score: t.int({ description: `${fieldDocs.score} ${changeFields.other}` }),
    comment: t.string({ description: changeFields.comment }),
    dateAnswered: t.field({ type: 'DateTime', description: changeFields.other }),
    dateSent: t.field({ type: 'DateTime', description: changeFields.other }),
    companyId: t.id({ description: `${fieldDocs.companyId} ${changeFields.other}` }),
    campaignId: t.id({ description: `${fieldDocs.campaignId} ${changeFields.other}` }),
    source: t.string({ description: `${fieldDocs.source} ${changeFields.other}` }),
    custom: t.field({ type: 'JSON', description: `${fieldDocs.custom} ${changeFields.other}` }),
  }),
});

export const NpsRecordInput = builder.inputType('NpsRecordInput', {
  description:
    'One record of a bulk upsert, matched as Planhat does: by `id` first, then by `sourceId`. A ' +
    'record with neither is created and needs `email` and `score`; so does a keyed record that ' +
    'matches nothing (Planhat then creates it, and refuses it per record without them).',
  fields: (t) => ({
    id: t.id({ description: 'The NpsResponse id of the record to update (Planhat records only).' }),
    sourceId: t.string({
      description:
        'Without `id`: the key to match (and to create with). With `id`: the new sourceId.',
    }),
    email: t.string({ description: fieldDocs.email }),
    score: t.int({ description: fieldDocs.score }),
    comment: t.string({ description: changeFields.comment }),
    dateAnswered: t.field({ type: 'DateTime', description: fieldDocs.dateAnswered }),
    dateSent: t.field({ type: 'DateTime', description: fieldDocs.dateSent }),
    companyId: t.id({ description: fieldDocs.companyId }),
    campaignId: t.id({ description: fieldDocs.campaignId }),
    source: t.string({ description: fieldDocs.source }),
    custom: t.field({ type: 'JSON', description: fieldDocs.custom }),
  }),
});

type CreateInput = typeof CreateNpsInput.$inferInput;
type UpdateInput = typeof UpdateNpsInput.$inferInput;
type RecordInput = typeof NpsRecordInput.$inferInput;

/** The fields every input shares; `null` is the caller's explicit null. */
interface FieldValues {
  email?: string | null;
  score?: number | null;
  comment?: string | null;
  dateAnswered?: string | null;
  dateSent?: string | null;
  companyId?: string | number | null;
  campaignId?: string | number | null;
  sourceId?: string | null;
  source?: string | null;
  custom?: unknown;
}

/**
 * Our write from the caller's fields. In a create, null is the same as absent; in a change it
 * means "clear", which the write model (`NpsWrite`) carries for the comment only, so any other
 * null is refused rather than silently ignored.
 */
function writeFrom(
  checks: InputChecks,
  at: string,
  input: FieldValues,
  nulls: 'absent' | 'clear',
): NpsWrite {
  const write: NpsWrite = {};
  const given = <K extends keyof FieldValues>(key: K): NonNullable<FieldValues[K]> | undefined => {
    const value = input[key];
    if (value === undefined) return undefined;
    if (value === null) {
      if (nulls === 'clear' && key !== 'comment') {
        checks.refuse(
          `${at}.${key}`,
          'cannot be cleared (only the comment can): leave it out to keep the current value',
        );
      }
      return undefined;
    }
    return value as NonNullable<FieldValues[K]>;
  };
  const email = given('email');
  if (email !== undefined) write.email = checks.email(`${at}.email`, email);
  const score = given('score');
  if (score !== undefined) write.score = checks.int(`${at}.score`, score, 0, 10);
  const comment = given('comment');
  if (comment !== undefined) write.comment = comment;
  else if (input.comment === null && nulls === 'clear') write.comment = null;
  const answered = given('dateAnswered');
  if (answered !== undefined) write.answeredAt = checks.instant(`${at}.dateAnswered`, answered);
  const sent = given('dateSent');
  if (sent !== undefined) write.dateSent = checks.instant(`${at}.dateSent`, sent);
  const companyId = given('companyId');
  if (companyId !== undefined) {
    write.companyId = checks.objectId(`${at}.companyId`, String(companyId));
  }
  const campaignId = given('campaignId');
  if (campaignId !== undefined) {
    write.campaignId = checks.objectId(`${at}.campaignId`, String(campaignId));
  }
  const sourceId = given('sourceId');
  if (sourceId !== undefined) write.sourceId = checks.text(`${at}.sourceId`, sourceId);
  const source = given('source');
  if (source !== undefined) write.source = checks.text(`${at}.source`, source);
  const custom = given('custom');
  if (custom !== undefined) write.custom = checks.jsonObject(`${at}.custom`, custom);
  return withoutUndefined(write);
}

/**
 * The Planhat id inside an NpsResponse global id (`PLANHAT|<_id>`). Ids of other types or other
 * sources are refused: only Planhat's answers can be written through the API.
 */
export function planhatNpsId(
  checks: InputChecks,
  field: string,
  globalId: string,
): string | undefined {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalId(globalId);
  } catch {
    return checks.refuse(field, 'is not a valid id: pass an id exactly as the API returned it');
  }
  if (decoded.typename !== 'NpsResponse') {
    return checks.refuse(field, `must be an NpsResponse id (got the id of a ${decoded.typename})`);
  }
  const at = decoded.id.indexOf('|');
  const source = decoded.id.slice(0, at);
  if (source !== 'PLANHAT') {
    return checks.refuse(
      field,
      `must be the id of a Planhat NPS response (got a ${source || 'malformed'} one: only Planhat records can be written)`,
    );
  }
  return checks.objectId(field, decoded.id.slice(at + 1)) === undefined
    ? undefined
    : decoded.id.slice(at + 1);
}

export function checkCreate(input: CreateInput): {
  write: NpsWrite & { email: string; score: number };
} {
  const checks = new InputChecks('input');
  const write = writeFrom(checks, 'input', input, 'absent');
  if (input.idempotencyKey !== undefined && input.idempotencyKey !== null) {
    checks.text('input.idempotencyKey', input.idempotencyKey, { maxLength: IDEMPOTENCY_KEY_MAX });
  }
  checks.done();
  return { write: write as NpsWrite & { email: string; score: number } };
}

export function checkUpdate(input: UpdateInput): {
  ref: string | { sourceId: string };
  write: NpsWrite;
} {
  const checks = new InputChecks('input');
  const { id: globalId, ...fields } = input;
  const id =
    globalId === undefined || globalId === null
      ? undefined
      : planhatNpsId(checks, 'input.id', String(globalId));
  const byId = globalId !== undefined && globalId !== null;
  let sourceKey: string | undefined;
  if (!byId) {
    if (input.sourceId === undefined || input.sourceId === null) {
      checks.refuse('input.id', 'or input.sourceId is required: one names the record to change');
    } else {
      sourceKey = checks.text('input.sourceId', input.sourceId);
    }
  }
  // Without an id, sourceId is the record's name, not a change.
  const write = writeFrom(
    checks,
    'input',
    byId ? fields : { ...fields, sourceId: undefined },
    'clear',
  );
  if (checks.ok && Object.keys(write).length === 0) {
    checks.refuse('input', 'must change at least one field besides the one naming the record');
  }
  checks.done();
  return { ref: id ?? { sourceId: sourceKey ?? '' }, write };
}

/**
 * Every record checked, every problem reported at once, before any vendor call. Two records with
 * the same key are refused: chunks go out concurrently, so which one would win is not defined.
 */
export function checkBatch(records: readonly RecordInput[]): NpsWrite[] {
  const checks = new InputChecks('records');
  const firstByKey = new Map<string, number>();
  const writes = records.map((record, index) => {
    const at = `records[${index}]`;
    const { id: globalId, ...fields } = record;
    const hasId = globalId !== undefined && globalId !== null;
    const id = hasId ? planhatNpsId(checks, `${at}.id`, String(globalId)) : undefined;
    const keyed = hasId || (fields.sourceId !== undefined && fields.sourceId !== null);
    // A record without a key can only be a create, where null has nothing to clear.
    const write = writeFrom(checks, at, fields, keyed ? 'clear' : 'absent');
    if (!keyed) {
      const why = 'to create a record (a record with neither id nor sourceId is created)';
      checks.required(`${at}.email`, fields.email, why);
      checks.required(`${at}.score`, fields.score, why);
    }
    const key =
      id !== undefined
        ? `id ${id}`
        : write.sourceId !== undefined
          ? `sourceId ${write.sourceId}`
          : undefined;
    if (key !== undefined) {
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, index);
      else {
        checks.refuse(
          `${at}.${key.split(' ')[0]}`,
          `names the same record as records[${first}]: give each record once per batch`,
        );
      }
    }
    return id === undefined ? write : { id, ...write };
  });
  checks.done();
  return writes;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
