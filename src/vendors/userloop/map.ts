import { type NpsRecord, npsCategory } from '../../domain/nps.js';
import { commentOrNull, normalizeEmail } from '../../domain/text.js';
import { toInstant } from '../../domain/time.js';
import type {
  AnswerBreakdown,
  AnswerCount,
  OpenResponse,
  RawResponse,
  SurveyQuestion,
  UserLoopSurvey,
  UserLoopSurveySummary,
} from '../../domain/userloop-surveys.js';
import { num, obj, str, strings } from '../shape.js';
import type {
  WireAnswerCount,
  WireCounts,
  WireOpenResponse,
  WireQuestion,
  WireResponse,
  WireSurvey,
  WireSurveySummary,
} from './wire.js';

export function mapSurveySummary(wire: WireSurveySummary): UserLoopSurveySummary {
  return {
    id: wire.id,
    title: wire.title,
    format: str(wire.format),
    status: str(wire.status),
    questionCount: num(wire.question_count),
    questionIds: strings(wire.question_ids),
    createdAt: instantOrNull(wire.created_at),
    updatedAt: instantOrNull(wire.updated_at),
    settings: {
      toggles: obj(wire.toggles),
      schedule: obj(wire.schedule),
      triggers: obj(wire.triggers),
      discount: obj(wire.discount),
      colors: obj(wire.colors),
      recipients: obj(wire.recipients),
      flags: obj(wire.flags),
      incentives: obj(wire.incentives),
      sharing: obj(wire.sharing),
      integrations: obj(wire.integrations),
    },
  };
}

export function mapSurvey(wire: WireSurvey): UserLoopSurvey {
  return {
    id: wire.survey_id,
    title: wire.survey,
    companyId: str(wire.company_id),
    questions: wire.questions.map((q) => mapQuestion(wire.survey_id, q)),
  };
}

function mapQuestion(surveyId: string, wire: WireQuestion): SurveyQuestion {
  const answers = (wire.answers ?? []).flatMap((a) =>
    typeof a?.answer_id === 'string' ? [{ id: a.answer_id, text: String(a.answer ?? '') }] : [],
  );
  return { id: wire.question_id, surveyId, text: wire.question, type: wire.type, answers };
}

export function mapCounts(surveyId: string, questionId: string, wire: WireCounts): AnswerBreakdown {
  const meta = wire.meta;
  const answers = wire.data.map(mapAnswerCount);
  const sum = answers.reduce((total, a) => total + a.count, 0);
  return {
    surveyId: str(meta.survey_id) ?? surveyId,
    surveyTitle: str(meta.survey),
    question: {
      id: str(meta.question?.id) ?? questionId,
      text: str(meta.question?.text),
      type: str(meta.question?.type),
    },
    totalResponses: num(meta.totals?.responses) ?? sum,
    uniqueCustomers: num(meta.totals?.unique_customers) ?? 0,
    sumResponses: num(meta.totals?.sum_responses) ?? sum,
    answers,
    filters: {
      answerIds: strings(meta.filters?.answer_ids),
      startDate: str(meta.filters?.start_date),
      endDate: str(meta.filters?.end_date),
    },
  };
}

function mapAnswerCount(wire: WireAnswerCount): AnswerCount {
  return {
    answerId: wire.answer_id,
    answerText: str(wire.answer_text),
    count: wire.count,
    percentage: wire.percentage,
    revenue: num(wire.revenue),
    aov: num(wire.aov),
    currency: str(wire.currency),
  };
}

export function mapOpenResponse(wire: WireOpenResponse): OpenResponse {
  return {
    id: wire.id,
    uniqueId: str(wire.unique_id),
    recipient: normalizeEmail(str(wire.recipient)),
    surveyId: wire.survey,
    creationDate: toInstant(wire.creation_date)!,
    openEndedResponse: commentOrNull(str(wire.open_ended_response)),
    lineItems: strings(wire.line_items),
    lineItemsCount: num(wire.line_items_count),
    orderTotal: num(wire.order_total),
    currency: str(wire.currency),
  };
}

/** Keys given their own field; every other key of a raw response lands in `extra`. */
const KNOWN_RESPONSE_KEYS = new Set([
  'id',
  'unique_id',
  'survey',
  'question_id',
  'question_text',
  'creation_date',
  'answer_id',
  'answer_text',
  'open_ended_response',
  'recipient',
  'order_total',
  'currency',
  'environment',
  'surface',
  'landing_site',
]);

export function mapResponse(wire: WireResponse): RawResponse {
  const extra = Object.fromEntries(
    Object.entries(wire).filter(([key]) => !KNOWN_RESPONSE_KEYS.has(key)),
  );
  return {
    id: wire.id,
    uniqueId: str(wire.unique_id),
    surveyId: wire.survey,
    questionId: str(wire.question_id),
    questionText: str(wire.question_text),
    creationDate: instantOrNull(wire.creation_date),
    answerId: str(wire.answer_id),
    // NPS and CSAT values may come as numbers; the field is text.
    answerText:
      str(wire.answer_text) ?? (num(wire.answer_text) === null ? null : String(wire.answer_text)),
    openEndedResponse: commentOrNull(str(wire.open_ended_response)),
    recipient: normalizeEmail(str(wire.recipient)),
    orderTotal: num(wire.order_total),
    currency: str(wire.currency),
    environment: str(wire.environment),
    surface: str(wire.surface),
    landingSite: str(wire.landing_site),
    extra,
  };
}

/**
 * A raw response to an NPS question as an NPS record; null when its answer is not a 0..10 score
 * or it has no date. Which questions are NPS questions the survey metadata says (`type`).
 */
export function rawResponseToNps(response: RawResponse): NpsRecord | null {
  const text = response.answerText?.trim() ?? '';
  if (!/^\d{1,2}$/.test(text) || response.creationDate === null) return null;
  const score = Number(text);
  if (score > 10) return null;
  return {
    source: 'USERLOOP',
    id: response.id,
    score,
    category: npsCategory(score),
    comment: response.openEndedResponse,
    answeredAt: response.creationDate,
    email: response.recipient,
    userlaneUserId: null,
    applicationUserId: null,
    companyId: null,
    campaignId: null,
    planhat: null,
    userloop: {
      surveyId: response.surveyId,
      questionId: response.questionId,
      answerId: response.answerId,
      orderTotal: response.orderTotal,
      currency: response.currency,
    },
  };
}

function instantOrNull(value: unknown): string | null {
  return typeof value === 'string' ? toInstant(value) : null;
}
