import { DAY_MS, isoDate, parseIsoDate } from '../dates.js';
import { intParam, Refusal } from '../params.js';
import type { SandboxResponse } from '../types.js';
import type { LoopQuestion, LoopSurvey } from './catalog.js';
import { userloopError } from './errors.js';
import { openResponse, rawResponse } from './render.js';
import type { LoopResponse } from './seed.js';
import { createdBetween, type ResponseStore } from './store.js';

export interface LoopScope {
  surveys: ReadonlyMap<string, LoopSurvey>;
  store: ResponseStore;
  today: number;
  /** SandboxReadings.userloopIgnoresQuestionId. */
  ignoresQuestionId?: boolean;
}

/** `GET /responses`: the counts and open views, or raw rows when no view is named. */
export function listResponses(scope: LoopScope, query: URLSearchParams): SandboxResponse {
  const view = query.get('view') ?? '';
  if (view === 'counts') return counts(scope, query);
  if (view === 'open') return openView(scope, query);
  if (view === '') return raw(scope, query);
  throw refuse(400, 'view must be counts or open (or omitted for raw responses)');
}

function counts(scope: LoopScope, query: URLSearchParams): SandboxResponse {
  const { survey, question } = requiredSurveyAndQuestion(scope, query);
  const dates = readDates(query, scope.today);
  const answerIds = readAnswerIds(query, question);
  const wanted = new Set(answerIds);
  const rows = rowsIn(scope.store.forQuestion(question.question_id), dates).filter(
    (row) => row.answer !== null && wanted.has(row.answer.answer_id),
  );
  const byAnswer = new Map<string, { count: number; revenue: number }>();
  const customers = new Set<string>();
  for (const row of rows) {
    const id = row.answer?.answer_id ?? '';
    const entry = byAnswer.get(id) ?? { count: 0, revenue: 0 };
    entry.count++;
    entry.revenue += row.submission.orderTotal;
    byAnswer.set(id, entry);
    customers.add(row.submission.recipient.toLowerCase());
  }
  const sum = rows.length;
  const data = question.answers
    .filter((answer) => wanted.has(answer.answer_id))
    .map((answer) => {
      const { count, revenue } = byAnswer.get(answer.answer_id) ?? { count: 0, revenue: 0 };
      return {
        answer_id: answer.answer_id,
        answer_text: answer.answer,
        count,
        percentage: sum === 0 ? 0 : Math.round((count / sum) * 10_000) / 100,
        revenue: Math.round(revenue),
        aov: count === 0 ? 0 : Math.round(revenue / count),
        currency: survey.currency,
      };
    })
    // Array#sort is stable: ties keep the survey's answer order.
    .sort((a, b) => b.count - a.count);
  return {
    status: 200,
    body: {
      data,
      meta: {
        survey_id: survey.id,
        survey: survey.title,
        question: { id: question.question_id, text: question.question, type: question.type },
        totals: { responses: sum, unique_customers: customers.size, sum_responses: sum },
        filters: { answer_ids: answerIds, start_date: dates.start, end_date: dates.end },
      },
    },
  };
}

function openView(scope: LoopScope, query: URLSearchParams): SandboxResponse {
  const { survey, question } = requiredSurveyAndQuestion(scope, query);
  const dates = readDates(query, scope.today);
  const { limit, offset } = readPaging(query);
  const rows = rowsIn(scope.store.forQuestion(question.question_id), dates).filter(
    (row) => row.text !== null && row.text.trim() !== '',
  );
  const total = rows.length;
  return {
    status: 200,
    body: {
      data: rows.slice(offset, offset + limit).map(openResponse),
      pagination: {
        total_count: total,
        page_size: limit,
        current_page: Math.floor(offset / limit) + 1,
        total_pages: Math.ceil(total / limit),
        has_next_page: offset + limit < total,
        has_previous_page: offset > 0,
      },
      filters: {
        survey_id: survey.id,
        question_id: question.question_id,
        start_date: dates.start,
        end_date: dates.end,
      },
    },
  };
}

function raw(scope: LoopScope, query: URLSearchParams): SandboxResponse {
  const surveyId = query.get('survey_id');
  // Undocumented on raw responses: one reading filters by it, the other ignores it.
  const questionId = scope.ignoresQuestionId ? null : query.get('question_id');
  const survey = surveyId ? findSurvey(scope, surveyId) : undefined;
  const question = questionId ? findQuestion(scope, questionId, survey) : undefined;
  const dates = readDates(query, scope.today);
  const { limit, offset } = readPaging(query);
  const source = question
    ? scope.store.forQuestion(question.question_id)
    : survey
      ? scope.store.forSurvey(survey.id)
      : scope.store.visible;
  const [start, end] = createdBetween(source, dates.fromMs, dates.untilMs);
  const total = end - start;
  const first = Math.min(end, start + offset);
  return {
    status: 200,
    body: {
      responses: source.slice(first, Math.min(end, first + limit)).map(rawResponse),
      pagination: {
        // The docs allow null "when exact count unavailable": here, any export across surveys.
        total_count: survey ? total : null,
        limit,
        offset,
        has_next_page: offset + limit < total,
      },
    },
  };
}

export function findSurvey(scope: LoopScope, id: string): LoopSurvey {
  const survey = scope.surveys.get(id);
  if (!survey) throw refuse(404, `Survey ${id} not found`);
  if (!survey.allowed) throw refuse(403, 'Survey not allowed for this key');
  return survey;
}

function findQuestion(scope: LoopScope, id: string, survey?: LoopSurvey): LoopQuestion {
  const surveys = survey ? [survey] : [...scope.surveys.values()].filter((s) => s.allowed);
  for (const candidate of surveys) {
    const question = candidate.questions.find((q) => q.question_id === id);
    if (question) return question;
  }
  throw refuse(404, `Question ${id} not found${survey ? ' in this survey' : ''}`);
}

function requiredSurveyAndQuestion(scope: LoopScope, query: URLSearchParams) {
  const surveyId = query.get('survey_id');
  const questionId = query.get('question_id');
  if (!surveyId || !questionId) throw refuse(400, 'survey_id and question_id are required');
  const survey = findSurvey(scope, surveyId);
  return { survey, question: findQuestion(scope, questionId, survey) };
}

interface DateWindow {
  start: string;
  end: string;
  fromMs: number;
  untilMs: number;
}

/** Inclusive calendar days; the documented defaults are 1970-01-01 through today. */
function readDates(query: URLSearchParams, today: number): DateWindow {
  const day = (name: string, fallback: number) => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    const parsed = parseIsoDate(raw);
    if (parsed === undefined) throw refuse(400, `${name} must be a date in YYYY-MM-DD format`);
    return parsed;
  };
  const startDay = day('start_date', 0);
  const endDay = day('end_date', today);
  if (startDay > endDay) throw refuse(400, 'start_date must not be after end_date');
  return {
    start: isoDate(startDay),
    end: isoDate(endDay),
    fromMs: startDay * DAY_MS,
    untilMs: (endDay + 1) * DAY_MS,
  };
}

function readPaging(query: URLSearchParams): { limit: number; offset: number } {
  const limit = intParam(query, 'limit', 50, 1, 200);
  if (!limit.ok) throw refuse(400, limit.message);
  const offset = intParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (!offset.ok) throw refuse(400, offset.message);
  return { limit: limit.value, offset: offset.value };
}

function readAnswerIds(query: URLSearchParams, question: LoopQuestion): string[] {
  const raw = query.get('answer_ids');
  const all = question.answers.map((answer) => answer.answer_id);
  if (raw === null || raw.trim() === '') return all;
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = ids.find((id) => !all.includes(id));
  if (unknown !== undefined)
    throw refuse(400, `answer_id ${unknown} is not an answer of this question`);
  return ids;
}

function rowsIn(rows: readonly LoopResponse[], dates: DateWindow): readonly LoopResponse[] {
  const [start, end] = createdBetween(rows, dates.fromMs, dates.untilMs);
  return rows.slice(start, end);
}

function refuse(status: number, detail: string): Refusal {
  return new Refusal(userloopError(status, detail));
}
