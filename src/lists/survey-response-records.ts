// Each vendor's answer rows mapped to the shared record, so lists, nodes and merged orders read
// one shape whichever vendor answered.
import type { UserlaneSurveyResponse } from '../domain/userlane-analytics.js';
import type { OpenResponse, RawResponse } from '../domain/userloop-surveys.js';
import type { SurveyResponseRecord } from './survey-records.js';
import { USERLANE_QUESTION_ID } from './userlane-survey-question.js';

const INTEGER = /^\s*-?\d+\s*$/;

export function fromUserLoopRaw(row: RawResponse): SurveyResponseRecord {
  const lineItems = row.extra.line_items;
  const lineItemsCount = row.extra.line_items_count;
  return {
    source: 'USERLOOP',
    id: row.id,
    surveyId: row.surveyId,
    questionId: row.questionId,
    score: row.answerText !== null && INTEGER.test(row.answerText) ? Number(row.answerText) : null,
    answer: row.answerText,
    answerId: row.answerId,
    comment: row.openEndedResponse,
    answeredAt: row.creationDate,
    email: row.recipient,
    user: null,
    userloop: {
      uniqueId: row.uniqueId,
      questionText: row.questionText,
      orderTotal: row.orderTotal,
      currency: row.currency,
      lineItems: Array.isArray(lineItems) ? lineItems.map(String) : null,
      lineItemsCount: typeof lineItemsCount === 'number' ? lineItemsCount : null,
      environment: row.environment,
      surface: row.surface,
      landingSite: row.landingSite,
      extra: row.extra,
    },
  };
}

/** An open-ended answer (`view=open`): the question is the one asked for. */
export function fromUserLoopOpen(row: OpenResponse, questionId: string): SurveyResponseRecord {
  return {
    source: 'USERLOOP',
    id: row.id,
    surveyId: row.surveyId,
    questionId,
    score: null,
    answer: null,
    answerId: null,
    comment: row.openEndedResponse,
    answeredAt: row.creationDate,
    email: row.recipient,
    user: null,
    userloop: {
      uniqueId: row.uniqueId,
      questionText: null,
      orderTotal: row.orderTotal,
      currency: row.currency,
      lineItems: row.lineItems,
      lineItemsCount: row.lineItemsCount,
      environment: null,
      surface: null,
      landingSite: null,
      extra: {},
    },
  };
}

/** The score is also the answer of the implicit question (answer ids `1`..`5`). */
export function fromUserlane(row: UserlaneSurveyResponse): SurveyResponseRecord {
  return {
    source: 'USERLANE',
    id: row.id,
    surveyId: row.surveyId,
    questionId: USERLANE_QUESTION_ID,
    score: row.score,
    answer: String(row.score),
    answerId: String(row.score),
    comment: row.comment,
    answeredAt: row.answeredAt,
    email: null,
    user: row.user,
    userloop: null,
  };
}

/** Newest first, then source, then the vendor's id: a total order, stable across pages. */
export function newestFirst(a: SurveyResponseRecord, b: SurveyResponseRecord): number {
  const at = (r: SurveyResponseRecord) => (r.answeredAt ? Date.parse(r.answeredAt) : 0);
  return (
    at(b) - at(a) ||
    (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
