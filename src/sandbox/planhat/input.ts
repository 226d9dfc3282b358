import { invalid, isPlainObject, type Parsed, valid } from '../params.js';
import type { NpsRecord } from './records.js';

/** Fields a client may set, in the create/update spelling, mapped onto the stored record. */
export type NpsChanges = Partial<
  Pick<
    NpsRecord,
    | 'email'
    | 'nps'
    | 'npsComment'
    | 'npsDate'
    | 'dateSent'
    | 'cId'
    | 'campaignId'
    | 'sourceId'
    | 'source'
    | 'custom'
  >
>;

const STRING_FIELDS = [
  ['comment', 'npsComment'],
  ['cId', 'cId'],
  ['campaignId', 'campaignId'],
  ['sourceId', 'sourceId'],
  ['source', 'source'],
] as const;

const DATE_FIELDS = [
  ['dateAnswered', 'npsDate'],
  ['dateSent', 'dateSent'],
] as const;

/**
 * Reads a create/update body. A create needs `email` and an integer `score` from 0 to 10, as the
 * docs say; an update may carry any subset. `null` clears an optional field.
 */
export function readNpsChanges(body: unknown, mode: 'create' | 'update'): Parsed<NpsChanges> {
  if (!isPlainObject(body)) return invalid('Body must be a JSON object');
  const changes: NpsChanges = {};
  if (body.email !== undefined || mode === 'create') {
    if (typeof body.email !== 'string' || body.email.trim() === '') {
      return invalid('email is required and must be a non-empty string');
    }
    changes.email = body.email.trim();
  }
  if (body.score !== undefined || mode === 'create') {
    const score = body.score;
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > 10) {
      return invalid('score is required and must be an integer from 0 to 10');
    }
    changes.nps = score;
  }
  for (const [key, field] of STRING_FIELDS) {
    const value = body[key];
    if (value === undefined) continue;
    if (value !== null && typeof value !== 'string') return invalid(`${key} must be a string`);
    changes[field] = value;
  }
  for (const [key, field] of DATE_FIELDS) {
    const value = body[key];
    if (value === undefined) continue;
    if (value === null) {
      changes[field] = null;
      continue;
    }
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) return invalid(`${key} must be an ISO date`);
    changes[field] = ms;
  }
  if (body.custom !== undefined) {
    if (body.custom !== null && !isPlainObject(body.custom)) {
      return invalid('custom must be an object');
    }
    changes.custom = body.custom;
  }
  return valid(changes);
}
