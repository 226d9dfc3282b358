import { isInstant, isInteger, isNumber, isRecord, isString } from '../shape.js';
import { unspell } from './map.js';
import type { WireBulkResult, WireNps } from './wire.js';

const absent = (value: unknown): boolean => value === undefined || value === null;

/**
 * A record in either spelling: an id, and a score and date that are valid where present (an
 * unanswered record has neither).
 */
export function isNps(value: unknown): value is WireNps {
  if (!isRecord(value) || !isString(value._id)) return false;
  const { score, answeredAt: date } = unspell(value as unknown as WireNps);
  return (
    (absent(score) || (isInteger(score) && score >= 0 && score <= 10)) &&
    (absent(date) || isInstant(date)) &&
    (absent(value.email) || isString(value.email))
  );
}

export function isBulkResult(value: unknown): value is WireBulkResult {
  return isRecord(value) && isNumber(value.created) && isNumber(value.updated);
}
