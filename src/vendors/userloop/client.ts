import type { DateRange } from '../../domain/date-range.js';
import type {
  AnswerBreakdown,
  OpenResponse,
  RawResponse,
  UserLoopSurvey,
  UserLoopSurveySummary,
} from '../../domain/userloop-surveys.js';
import type { RequestPath, VendorHttp, VendorRequest } from '../../transport/types.js';
import type { CallOptions } from '../call-options.js';
import type { OffsetPage } from '../pages.js';
import { checkLimit, path } from '../path.js';
import {
  expectArray,
  expectShape,
  field,
  isRecord,
  isString,
  type ShapeContext,
} from '../shape.js';
import {
  isAnswerCount,
  isOpenResponse,
  isPagination,
  isResponse,
  isSurvey,
  isSurveySummary,
} from './guards.js';
import { mapCounts, mapOpenResponse, mapResponse, mapSurvey, mapSurveySummary } from './map.js';

/** Contract: `limit` defaults to 50, at most 200. */
export const USERLOOP_MAX_LIMIT = 200;

export interface ResponseFilter {
  surveyId?: string;
  questionId?: string;
  range?: DateRange;
}

/** UserLoop's public API, one vendor page per call. */
export class UserLoopClient {
  readonly #http: VendorHttp;
  readonly #companyId: string | undefined;

  constructor(http: VendorHttp, options: { companyId?: string } = {}) {
    this.#http = http;
    this.#companyId = options.companyId;
  }

  async health(opts?: CallOptions): Promise<{ status: string }> {
    const body = await this.#get('health', '/health', {}, opts);
    const status = field(ctx('health'), body, 'status');
    return { status: expectShape(ctx('health'), status, isString, 'status to be a string') };
  }

  /** The surveys the key may read, latest update first. */
  async surveys(opts?: CallOptions & { companyId?: string }): Promise<UserLoopSurveySummary[]> {
    const c = ctx('surveys.list');
    // `company_id` only makes the vendor check the key's company; it never changes the answer.
    const companyId = opts?.companyId ?? this.#companyId;
    const body = await this.#get(c.operation, '/surveys', { company_id: companyId }, opts);
    return expectArray(c, field(c, body, 'surveys'), isSurveySummary, 'surveys').map(
      mapSurveySummary,
    );
  }

  async survey(id: string, opts?: CallOptions): Promise<UserLoopSurvey> {
    const c = ctx('surveys.get');
    const body = await this.#get(c.operation, path`/surveys/${id}`, {}, opts);
    return mapSurvey(expectShape(c, body, isSurvey, 'a survey with questions'));
  }

  async counts(
    surveyId: string,
    questionId: string,
    filter: { answerIds?: readonly string[]; range?: DateRange } = {},
    opts?: CallOptions,
  ): Promise<AnswerBreakdown> {
    const c = ctx('responses.counts');
    const body = await this.#get(
      c.operation,
      '/responses',
      {
        view: 'counts',
        survey_id: surveyId,
        question_id: questionId,
        // Contract: one comma-separated parameter, not a repeated one.
        answer_ids: filter.answerIds?.length ? filter.answerIds.join(',') : undefined,
        ...dates(filter.range),
      },
      opts,
    );
    const data = expectArray(c, field(c, body, 'data'), isAnswerCount, 'data');
    const meta = expectShape(c, field(c, body, 'meta'), isRecord, 'meta to be an object');
    return mapCounts(surveyId, questionId, { data, meta });
  }

  async openResponses(
    surveyId: string,
    questionId: string,
    range: DateRange | undefined,
    offset: number,
    limit: number,
    opts?: CallOptions,
  ): Promise<OffsetPage<OpenResponse>> {
    const c = ctx('responses.open');
    const query = { view: 'open', survey_id: surveyId, question_id: questionId, ...dates(range) };
    const body = await this.#get(
      c.operation,
      '/responses',
      { ...query, ...page(offset, limit) },
      opts,
    );
    const items = expectArray(c, field(c, body, 'data'), isOpenResponse, 'data');
    return { items: items.map(mapOpenResponse), ...pagination(c, body) };
  }

  async responses(
    filter: ResponseFilter,
    offset: number,
    limit: number,
    opts?: CallOptions,
  ): Promise<OffsetPage<RawResponse>> {
    const c = ctx('responses.list');
    const query = {
      survey_id: filter.surveyId,
      question_id: filter.questionId,
      ...dates(filter.range),
      ...page(offset, limit),
    };
    const body = await this.#get(c.operation, '/responses', query, opts);
    const items = expectArray(c, field(c, body, 'responses'), isResponse, 'responses');
    return { items: items.map(mapResponse), ...pagination(c, body) };
  }

  async response(id: string, opts?: CallOptions): Promise<RawResponse> {
    const c = ctx('responses.get');
    const body = await this.#get(c.operation, path`/responses/${id}`, {}, opts);
    return mapResponse(expectShape(c, field(c, body, 'response'), isResponse, 'a response'));
  }

  async #get(
    operation: string,
    requestPath: RequestPath,
    query: VendorRequest['query'],
    opts: CallOptions | undefined,
  ): Promise<unknown> {
    const res = await this.#http.request({
      method: 'GET',
      path: requestPath,
      query,
      signal: opts?.signal,
      operation,
    });
    return res.body;
  }
}

function ctx(operation: string): ShapeContext {
  return { vendor: 'userloop', operation };
}

/** Contract: `start_date` / `end_date` as `YYYY-MM-DD`, both inclusive. */
function dates(range: DateRange | undefined): { start_date?: string; end_date?: string } {
  return range ? { start_date: range.from, end_date: range.to } : {};
}

function page(offset: number, limit: number): { offset: number; limit: number } {
  checkLimit('offset', offset, 0, Number.MAX_SAFE_INTEGER);
  checkLimit('limit', limit, 1, USERLOOP_MAX_LIMIT);
  return { offset, limit };
}

function pagination(
  c: ShapeContext,
  body: unknown,
): { total: number | null; hasNextPage: boolean } {
  const p = expectShape(
    c,
    field(c, body, 'pagination'),
    isPagination,
    'pagination with has_next_page',
  );
  return { total: p.total_count ?? null, hasNextPage: p.has_next_page };
}
