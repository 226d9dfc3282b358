// Surveys of both vendors in one shape, their node keys, and their lists as bridge adapters.
import { type DateRange, nextDayStartMs } from '../domain/date-range.js';
import { parseUserlaneNpsId } from '../domain/nps.js';
import type { UserlaneSurveyResponse, UserlaneUserRef } from '../domain/userlane-analytics.js';
import type {
  AnswerBreakdown,
  OpenResponse,
  RawResponse,
  SurveyQuestion,
  UserLoopSurveySummary,
} from '../domain/userloop-surveys.js';
import { BadUserInputError } from '../errors.js';
import type {
  FilterVerdict,
  ListAdapter,
  OffsetAdapter,
  PageAdapter,
} from '../pagination/index.js';
import { filteredList } from '../pagination/index.js';
import type { SurveyResponseFilter, UserlaneClient } from '../vendors/userlane/client.js';
import { USERLANE_PAGE_LIMIT_MAX } from '../vendors/userlane/limits.js';
import { USERLOOP_MAX_LIMIT, type UserLoopClient } from '../vendors/userloop/client.js';

export type SurveySource = 'USERLANE' | 'USERLOOP';
export const SURVEY_SOURCES: readonly SurveySource[] = ['USERLOOP', 'USERLANE'];

/** A survey of either vendor; `userloop` holds UserLoop's catalog entry. */
export interface SurveyRecord {
  source: SurveySource;
  id: string;
  title: string;
  userloop: UserLoopSurveySummary | null;
}

export interface QuestionRecord extends SurveyQuestion {
  source: SurveySource;
}

/** One answer of either vendor. UserLoop answers one question per row; Userlane gives a score. */
export interface SurveyResponseRecord {
  source: SurveySource;
  /** UserLoop's response id; for Userlane, which has none, the synthetic `userlaneNpsId`. */
  id: string;
  surveyId: string;
  questionId: string | null;
  score: number | null;
  answer: string | null;
  answerId: string | null;
  comment: string | null;
  /** ISO instant; null only when UserLoop's single-record read leaves it out. */
  answeredAt: string | null;
  /** Lower-cased UserLoop recipient. */
  email: string | null;
  user: UserlaneUserRef | null;
  userloop: UserLoopResponseDetails | null;
}

export interface UserLoopResponseDetails {
  uniqueId: string | null;
  questionText: string | null;
  orderTotal: number | null;
  currency: string | null;
  lineItems: string[] | null;
  lineItemsCount: number | null;
  environment: string | null;
  surface: string | null;
  landingSite: string | null;
  /** Every undocumented key of a raw row (`utm_*`, `line_items`, ...), as the vendor sent it. */
  extra: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Userlane surveys have no question list: each answer is one score. The gateway models that as
// one implicit question, so both vendors' surveys read the same way.

export const USERLANE_QUESTION_ID = 'score';
export const USERLANE_QUESTION_TYPE = 'SCORE_1_5';
export const USERLANE_SCORES: readonly number[] = [1, 2, 3, 4, 5];
export const USERLOOP_SCORE_MAX = 10;

export function userlaneQuestion(survey: { id: string; title: string }): QuestionRecord {
  return {
    source: 'USERLANE',
    id: USERLANE_QUESTION_ID,
    surveyId: survey.id,
    // Userlane's API does not return the question's wording; the survey's title stands in.
    text: survey.title,
    type: USERLANE_QUESTION_TYPE,
    answers: USERLANE_SCORES.map((score) => ({ id: String(score), text: String(score) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Node keys: JSON arrays, since vendor ids (and Userlane's synthetic ids) may hold any separator.

export const surveyKey = (s: { source: SurveySource; id: string }) =>
  JSON.stringify([s.source, s.id]);
export const questionKey = (q: { source: SurveySource; surveyId: string; id: string }) =>
  JSON.stringify([q.source, q.surveyId, q.id]);
/** UserLoop response ids are global to the account; a Userlane answer needs its survey. */
export const responseKey = (r: SurveyResponseRecord) =>
  JSON.stringify(r.source === 'USERLOOP' ? [r.source, r.id] : [r.source, r.surveyId, r.id]);

/** The strings of a key of `length` parts after its source; null when it is not one of ours. */
function parseKey(key: string, length: number): { source: SurveySource; parts: string[] } | null {
  let value: unknown;
  try {
    value = JSON.parse(key);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== length + 1) return null;
  if (!value.every((p): p is string => typeof p === 'string' && p !== '')) return null;
  const [source, ...parts] = value;
  return source === 'USERLANE' || source === 'USERLOOP' ? { source, parts } : null;
}

export function parseSurveyKey(key: string): { source: SurveySource; id: string } | null {
  const parsed = parseKey(key, 1);
  const [id] = parsed?.parts ?? [];
  return parsed && id !== undefined ? { source: parsed.source, id } : null;
}

export function parseQuestionKey(
  key: string,
): { source: SurveySource; surveyId: string; id: string } | null {
  const parsed = parseKey(key, 2);
  const [surveyId, id] = parsed?.parts ?? [];
  return parsed && surveyId !== undefined && id !== undefined
    ? { source: parsed.source, surveyId, id }
    : null;
}

export function parseResponseKey(
  key: string,
):
  { source: 'USERLOOP'; id: string } | { source: 'USERLANE'; surveyId: string; id: string } | null {
  const userloop = parseKey(key, 1);
  const [id] = userloop?.parts ?? [];
  if (userloop?.source === 'USERLOOP' && id !== undefined) return { source: 'USERLOOP', id };
  const userlane = parseKey(key, 2);
  const [surveyId, answerId] = userlane?.parts ?? [];
  return userlane?.source === 'USERLANE' && surveyId !== undefined && answerId !== undefined
    ? { source: 'USERLANE', surveyId, id: answerId }
    : null;
}

/** The Userlane response key's answer instant, which says which day's page holds it. */
export function userlaneAnswerDay(syntheticId: string): string | null {
  const parsed = parseUserlaneNpsId(syntheticId);
  const at = parsed ? Date.parse(parsed.timestamp) : Number.NaN;
  return Number.isNaN(at) ? null : new Date(at).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Vendor records in the shared shape.

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

// ---------------------------------------------------------------------------------------------
// Filters, checked before any vendor call.

export interface ResponseQuery {
  range: DateRange;
  scores: readonly number[] | null;
  commentOnly: boolean;
  /** Userlane's survey `type` parameter (e.g. `custom`). */
  type: string | null;
}

export function checkedScores(
  source: SurveySource,
  scores: readonly number[] | null | undefined,
): readonly number[] | null {
  if (!scores?.length) return null;
  const [min, max] = source === 'USERLANE' ? [1, 5] : [0, USERLOOP_SCORE_MAX];
  const bad = scores.find((s) => !Number.isInteger(s) || s < min || s > max);
  if (bad !== undefined) {
    const vendor = source === 'USERLANE' ? 'Userlane survey' : 'UserLoop';
    throw new BadUserInputError(
      `scores must be integers from ${min} to ${max} for a ${vendor} survey (got ${bad})`,
      { argument: 'scores' },
    );
  }
  return [...new Set(scores)].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Adapters.

/** A Userlane survey's answers, newest first, filtered by the vendor. */
export function userlaneResponsesList(
  client: UserlaneClient,
  surveyId: string,
  range: DateRange,
  filter: SurveyResponseFilter,
): PageAdapter<SurveyResponseRecord> {
  return {
    kind: 'page',
    maxPageSize: USERLANE_PAGE_LIMIT_MAX,
    fetchPage: async (page, size, signal) => ({
      items: (await client.surveyResponses(surveyId, range, filter, page, size, { signal })).map(
        fromUserlane,
      ),
    }),
  };
}

/**
 * A UserLoop survey's raw rows (one per question answered), newest first. UserLoop filters by
 * date only: scores (numeric answers) and comments are filtered here.
 */
export function userloopResponsesList(
  client: UserLoopClient,
  surveyId: string,
  query: Pick<ResponseQuery, 'range' | 'scores' | 'commentOnly'>,
): ListAdapter<SurveyResponseRecord> {
  const rows: OffsetAdapter<SurveyResponseRecord> = {
    kind: 'offset',
    maxLimit: USERLOOP_MAX_LIMIT,
    // The docs allow a null total "when exact count unavailable".
    reportsTotal: false,
    fetch: async (offset, limit, signal) => {
      const page = await client.responses({ surveyId, range: query.range }, offset, limit, {
        signal,
      });
      return {
        items: page.items.map(fromUserLoopRaw),
        total: page.total,
        hasNextPage: page.hasNextPage,
      };
    },
  };
  const { scores, commentOnly } = query;
  if (!scores && !commentOnly) return rows;
  const verdict = (r: SurveyResponseRecord): FilterVerdict =>
    (scores === null || (r.score !== null && scores.includes(r.score))) &&
    (!commentOnly || r.comment !== null)
      ? 'keep'
      : 'skip';
  return filteredList(rows, verdict);
}

/** Free-text answers of one UserLoop question (`view=open`), newest first, with a total. */
export function userloopOpenList(
  client: UserLoopClient,
  surveyId: string,
  questionId: string,
  range: DateRange,
): OffsetAdapter<SurveyResponseRecord> {
  return {
    kind: 'offset',
    maxLimit: USERLOOP_MAX_LIMIT,
    fetch: async (offset, limit, signal) => {
      const page = await client.openResponses(surveyId, questionId, range, offset, limit, {
        signal,
      });
      return {
        items: page.items.map((r) => fromUserLoopOpen(r, questionId)),
        total: page.total,
        hasNextPage: page.hasNextPage,
      };
    },
  };
}

/** Whether an instant lies within an inclusive range of UTC days. */
export function withinRange(range: DateRange): (instant: string | null) => boolean {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const toEnd = nextDayStartMs(range.to);
  return (instant) => {
    const at = instant === null ? Number.NaN : Date.parse(instant);
    return at >= from && at < toEnd;
  };
}

/**
 * A Userlane question's breakdown, counted from the survey's answers (Userlane has no counts
 * view): one row per score asked for, most answered first (ties in score order), like UserLoop's.
 * Unique customers are distinct Userlane users; revenue does not apply.
 */
export function scoreBreakdown(
  question: QuestionRecord,
  records: readonly SurveyResponseRecord[],
  answerIds: readonly string[],
  range: DateRange,
): AnswerBreakdown {
  const counts = new Map(answerIds.map((id) => [id, 0]));
  const users = new Set<string>();
  for (const record of records) {
    const id = record.answerId ?? '';
    const count = counts.get(id);
    if (count === undefined) continue;
    counts.set(id, count + 1);
    if (record.user) users.add(record.user.id);
  }
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const answers = [...counts]
    .map(([answerId, count]) => ({
      answerId,
      answerText: question.answers.find((a) => a.id === answerId)?.text ?? answerId,
      count,
      percentage: total === 0 ? 0 : Math.round((count / total) * 10_000) / 100,
      revenue: null,
      aov: null,
      currency: null,
    }))
    .sort((a, b) => b.count - a.count || Number(a.answerId) - Number(b.answerId));
  return {
    surveyId: question.surveyId,
    surveyTitle: question.text,
    question: { id: question.id, text: question.text, type: question.type },
    totalResponses: total,
    uniqueCustomers: users.size,
    sumResponses: total,
    answers,
    filters: { answerIds: [...answerIds], startDate: range.from, endDate: range.to },
  };
}
