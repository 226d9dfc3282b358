import type { DateRange } from '../../domain/date-range.js';
import type { NpsRecord } from '../../domain/nps.js';
import type {
  HeartScore,
  TagInteraction,
  TaskAction,
  TaskActivity,
  UserlaneSurveyResponse,
} from '../../domain/userlane-analytics.js';
import type { QueryValue, RequestPath, VendorHttp, VendorPath } from '../../transport/types.js';
import type { CallOptions } from '../call-options.js';
import type { CursorPage } from '../pages.js';
import { checkLimit, joinPath, path } from '../path.js';
import {
  expectArray,
  expectShape,
  field,
  type Guard,
  isString,
  type ShapeContext,
} from '../shape.js';
import { isHeartDay, isScoredAnswer, isTagDay, isTaskAction, isTaskDay } from './guards.js';
import {
  pageWindow,
  taskWindow,
  USERLANE_CURSOR_LIMIT_MAX,
  USERLANE_CURSOR_LIMIT_MIN,
  USERLANE_PAGE_LIMIT_MAX,
  USERLANE_PAGE_LIMIT_MIN,
  USERLANE_PROPERTY_ID_MAX_LENGTH,
} from './limits.js';
import {
  mapHeartDay,
  mapNps,
  mapSurveyResponse,
  mapTagDay,
  mapTaskAction,
  mapTaskDay,
} from './map.js';

export interface UserlaneClientOptions {
  propertyId: string;
}

export interface SurveyResponseFilter {
  /** E.g. `custom`. */
  type?: string;
  commentOnly?: boolean;
  /** 1..5; sent as a repeated `score` parameter. */
  scores?: readonly number[];
}

/**
 * Userlane Analytics, one vendor page per call. Page endpoints give no total and no "next" flag
 * (a short page is the last one), so they return bare arrays.
 */
export class UserlaneClient {
  readonly #http: VendorHttp;
  readonly #property: VendorPath;

  constructor(http: VendorHttp, options: UserlaneClientOptions) {
    const { propertyId } = options;
    if (propertyId === '' || propertyId.length > USERLANE_PROPERTY_ID_MAX_LENGTH) {
      throw new RangeError(
        `Userlane property id must be 1..${USERLANE_PROPERTY_ID_MAX_LENGTH} characters`,
      );
    }
    this.#http = http;
    // Contract: every path starts /properties/{propertyId}.
    this.#property = path`/properties/${propertyId}`;
  }

  async heart(
    range: DateRange,
    page: number,
    limit: number,
    opts?: CallOptions,
  ): Promise<HeartScore[]> {
    const body = await this.#page('heart.list', '/heart', range, page, limit, {}, opts);
    // Contract: HEART's array is `heartData`; every other page endpoint uses `data`.
    return this.#items('heart.list', body, 'heartData', isHeartDay).map(mapHeartDay);
  }

  async nps(
    range: DateRange,
    page: number,
    limit: number,
    opts?: CallOptions,
  ): Promise<NpsRecord[]> {
    const body = await this.#page('nps.list', '/nps', range, page, limit, {}, opts);
    return this.#items('nps.list', body, 'data', isScoredAnswer).map(mapNps);
  }

  async surveyResponses(
    surveyId: string,
    range: DateRange,
    filter: SurveyResponseFilter,
    page: number,
    limit: number,
    opts?: CallOptions,
  ): Promise<UserlaneSurveyResponse[]> {
    const operation = 'surveyResponses.list';
    const query = {
      type: filter.type,
      commentOnly: filter.commentOnly,
      score: filter.scores?.length ? filter.scores : undefined,
    };
    const body = await this.#page(
      operation,
      path`/surveys/${surveyId}`,
      range,
      page,
      limit,
      query,
      opts,
    );
    return this.#items(operation, body, 'data', isScoredAnswer).map((w) =>
      mapSurveyResponse(surveyId, w),
    );
  }

  /** `type`: Userlane's tag type filter (e.g. `custom`), forwarded as given. */
  async tags(
    range: DateRange,
    page: number,
    limit: number,
    opts?: CallOptions,
    type?: string,
  ): Promise<TagInteraction[]> {
    const body = await this.#page('tags.list', '/tags', range, page, limit, { type }, opts);
    return this.#items('tags.list', body, 'data', isTagDay).map(mapTagDay);
  }

  async tasks(
    range: DateRange,
    cursor: string | null,
    limit: number,
    opts?: CallOptions,
  ): Promise<CursorPage<TaskActivity>> {
    const body = await this.#cursor('tasks.list', '/tasks', range, cursor, limit, opts);
    return this.#cursorPage('tasks.list', body, isTaskDay, mapTaskDay);
  }

  /** The caller checks the 31-day rule first (`taskActionsRangeProblem`); the vendor answers 422. */
  async taskActions(
    taskId: number,
    range: DateRange,
    cursor: string | null,
    limit: number,
    opts?: CallOptions,
  ): Promise<CursorPage<TaskAction>> {
    const operation = 'taskActions.list';
    const body = await this.#cursor(
      operation,
      path`/tasks/${taskId}/actions`,
      range,
      cursor,
      limit,
      opts,
    );
    return this.#cursorPage(operation, body, isTaskAction, mapTaskAction);
  }

  async #page(
    operation: string,
    suffix: RequestPath,
    range: DateRange,
    page: number,
    limit: number,
    extra: Record<string, QueryValue>,
    opts: CallOptions | undefined,
  ): Promise<unknown> {
    checkLimit('page', page, 1, Number.MAX_SAFE_INTEGER);
    checkLimit('limit', limit, USERLANE_PAGE_LIMIT_MIN, USERLANE_PAGE_LIMIT_MAX);
    const res = await this.#http.request({
      method: 'GET',
      path: joinPath(this.#property, suffix),
      query: { ...pageWindow(range), page, limit, ...extra },
      signal: opts?.signal,
      operation,
    });
    return res.body;
  }

  async #cursor(
    operation: string,
    suffix: RequestPath,
    range: DateRange,
    cursor: string | null,
    limit: number,
    opts: CallOptions | undefined,
  ): Promise<unknown> {
    checkLimit('limit', limit, USERLANE_CURSOR_LIMIT_MIN, USERLANE_CURSOR_LIMIT_MAX);
    const res = await this.#http.request({
      method: 'GET',
      path: joinPath(this.#property, suffix),
      // The first page is asked for with no cursor at all.
      query: { ...taskWindow(range), cursor: cursor ?? undefined, limit },
      signal: opts?.signal,
      operation,
    });
    return res.body;
  }

  #items<T>(operation: string, body: unknown, key: string, guard: Guard<T>): T[] {
    const ctx: ShapeContext = { vendor: 'userlane', operation };
    return expectArray(ctx, field(ctx, body, key), guard, key);
  }

  #cursorPage<W, T>(
    operation: string,
    body: unknown,
    guard: Guard<W>,
    map: (wire: W) => T,
  ): CursorPage<T> {
    const items = this.#items(operation, body, 'data', guard).map(map);
    // Contract: a top-level `nextCursor`, null (or, leniently, absent or empty) on the last page.
    const ctx: ShapeContext = { vendor: 'userlane', operation };
    const next = field(ctx, body, 'nextCursor');
    if (next === undefined || next === null || next === '') return { items, nextCursor: null };
    return { items, nextCursor: expectShape(ctx, next, isString, 'nextCursor to be a string') };
  }
}
