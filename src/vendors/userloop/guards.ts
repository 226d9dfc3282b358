import { isInstant, isNumber, isRecord, isString } from '../shape.js';
import type {
  WireAnswerCount,
  WireOpenResponse,
  WireQuestion,
  WireResponse,
  WireSurvey,
  WireSurveySummary,
} from './wire.js';

export function isSurveySummary(value: unknown): value is WireSurveySummary {
  return isRecord(value) && isString(value.id) && isString(value.title);
}

function isQuestion(value: unknown): value is WireQuestion {
  return (
    isRecord(value) &&
    isString(value.question_id) &&
    isString(value.question) &&
    isString(value.type) &&
    (value.answers === undefined || Array.isArray(value.answers))
  );
}

export function isSurvey(value: unknown): value is WireSurvey {
  return (
    isRecord(value) &&
    isString(value.survey_id) &&
    isString(value.survey) &&
    Array.isArray(value.questions) &&
    value.questions.every(isQuestion)
  );
}

export function isAnswerCount(value: unknown): value is WireAnswerCount {
  return (
    isRecord(value) &&
    isString(value.answer_id) &&
    isNumber(value.count) &&
    isNumber(value.percentage)
  );
}

export function isOpenResponse(value: unknown): value is WireOpenResponse {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.survey) &&
    isInstant(value.creation_date)
  );
}

/** A single-record read may omit `creation_date`; when present it must be a timestamp. */
export function isResponse(value: unknown): value is WireResponse {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.survey) &&
    (value.creation_date === undefined || isInstant(value.creation_date))
  );
}

/** `has_next_page` is what paging relies on; a missing total is allowed (null). */
export function isPagination(
  value: unknown,
): value is { total_count?: number | null; has_next_page: boolean } {
  return (
    isRecord(value) &&
    typeof value.has_next_page === 'boolean' &&
    (value.total_count === undefined || value.total_count === null || isNumber(value.total_count))
  );
}
