import { dayNumber, isoDate, isoSeconds, sandboxClock } from '../dates.js';
import { decodeSegment, Refusal } from '../params.js';
import type { SandboxRequest, SandboxResponse, VendorApp, VendorContext } from '../types.js';
import { generateCatalog, type UserlaneCatalog } from './catalog.js';
import { decodeCursor, encodeCursor, readStream } from './cursor.js';
import { userlaneError } from './errors.js';
import { generateNps, generateSurveyResponses, type ScoredResponse } from './feedback.js';
import { generateHeart, type HeartDay } from './heart.js';
import {
  readBoolean,
  readCursorLimit,
  readPage,
  readScores,
  readWindow,
  refuse,
  type TimeWindow,
} from './params.js';
import { TagInteractions } from './tags.js';
import { TaskSessions } from './tasks.js';
import { activityOrder, type UserlaneUser, userlaneUsers, userRef } from './users.js';

export interface UserlaneSim {
  app: VendorApp;
  propertyId: string;
  users: readonly UserlaneUser[];
  catalog: UserlaneCatalog;
  /** Oldest first. */
  heart: readonly HeartDay[];
  /** Newest first. */
  nps: readonly ScoredResponse[];
  /** By survey id, newest first. */
  surveyResponses: ReadonlyMap<string, readonly ScoredResponse[]>;
  tags: TagInteractions;
  tasks: TaskSessions;
}

/** Task actions: `start` may lie at most this many days before today. */
export const ACTIONS_MAX_AGE_DAYS = 31;

export function createUserlaneSim(
  ctx: VendorContext,
  options: { token: string; propertyId: string },
): UserlaneSim {
  const { random, scale } = ctx;
  const nowMs = ctx.now.getTime();
  const today = dayNumber(nowMs);
  const base = Math.floor(random() * 2 ** 32);
  const users = userlaneUsers(random, ctx.people);
  const order = activityOrder(random, users);
  const catalog = generateCatalog(random, today);
  const heart = generateHeart(random, today, Math.round(users.length * 0.6));
  const nps = generateNps(random, nowMs, order, scale);
  const surveyResponses = new Map(
    catalog.surveys.map((survey) => [
      survey.id,
      generateSurveyResponses(random, nowMs, survey, order, scale),
    ]),
  );
  const tags = new TagInteractions(base, catalog.tags, order, today, scale);
  const tasks = new TaskSessions(base, catalog.tasks, order, today, nowMs, scale);
  const clock = sandboxClock(ctx.now);
  const cap = ctx.readings.userlanePageCap ?? Number.POSITIVE_INFINITY;

  const heartPage = (window: TimeWindow, query: URLSearchParams) => {
    const { offset, limit } = readPage(query, cap);
    const first = dayNumber(Date.parse(heart[0]?.date ?? '1970-01-01'));
    const newest = Math.min(window.endDay, first + heart.length - 1);
    const oldest = Math.max(window.startDay, first);
    const heartData: HeartDay[] = [];
    for (let day = newest - offset; day >= oldest && heartData.length < limit; day--) {
      heartData.push(heart[day - first]!);
    }
    return { start: isoDate(window.startDay), end: isoDate(window.endDay), heartData };
  };

  const scoredPage = (
    list: readonly ScoredResponse[],
    window: TimeWindow,
    query: URLSearchParams,
    keep: (response: ScoredResponse) => boolean = () => true,
  ) => {
    const { offset, limit } = readPage(query, cap);
    const data: unknown[] = [];
    let skipped = 0;
    // Newest first: skip what is after the window, stop once past its start.
    for (const response of list) {
      if (data.length >= limit || response.ms < window.startMs) break;
      if (response.ms > window.endMs || !keep(response)) continue;
      if (skipped++ < offset) continue;
      data.push({
        timestamp: isoSeconds(response.ms),
        score: response.score,
        comment: response.comment,
        user: userRef(response.user),
      });
    }
    return { data };
  };

  const surveyPage = (surveyId: string, window: TimeWindow, query: URLSearchParams) => {
    const survey = catalog.surveys.find((candidate) => candidate.id === surveyId);
    const list = surveyResponses.get(surveyId);
    if (!survey || !list) throw refuse(404, 'Survey not found.');
    const type = query.get('type');
    const commentOnly = readBoolean(query, 'commentOnly');
    const scores = readScores(query);
    if (type && type !== survey.type) return scoredPage([], window, query);
    return scoredPage(
      list,
      window,
      query,
      (response) =>
        (!commentOnly || response.comment.trim() !== '') &&
        (scores === undefined || scores.has(response.score)),
    );
  };

  const tagsPage = (window: TimeWindow, query: URLSearchParams) => {
    const { offset, limit } = readPage(query, cap);
    const type = query.get('type');
    // Every Portal tag is a custom one; another type selects nothing.
    const data =
      type && type !== 'custom' ? [] : tags.page(window.startDay, window.endDay, offset, limit);
    return { start: isoDate(window.startDay), end: isoDate(window.endDay), data };
  };

  const activityPage = (window: TimeWindow, query: URLSearchParams) => {
    const limit = readCursorLimit(query);
    const key = ['tasks', window.startDay, window.endDay];
    const from = decodeCursor(query.get('cursor'), key, window.startDay, window.endDay) ?? {
      day: Math.max(window.startDay, tasks.firstDay),
      offset: 0,
    };
    const lastDay = Math.min(window.endDay, today);
    const page = readStream(
      (day) => tasks.activity(day),
      (day) => tasks.hasSessions(day),
      from,
      lastDay,
      limit,
    );
    return cursorEnvelope(window, page.data, page.next && encodeCursor(page.next, key));
  };

  const actionsPage = (taskIdText: string, window: TimeWindow, query: URLSearchParams) => {
    if (!/^\d+$/.test(taskIdText)) {
      throw refuse(422, 'Request validation failed: taskId must be an integer.');
    }
    const currentDay = dayNumber(clock());
    if (window.startDay < currentDay - ACTIONS_MAX_AGE_DAYS) {
      throw refuse(
        422,
        `Request validation failed: start must not be more than ${ACTIONS_MAX_AGE_DAYS} days in the past.`,
      );
    }
    const limit = readCursorLimit(query);
    const taskId = Number(taskIdText);
    const key = ['actions', taskId, window.startDay, window.endDay];
    const from = decodeCursor(query.get('cursor'), key, window.startDay, window.endDay) ?? {
      day: window.startDay,
      offset: 0,
    };
    // An unknown task has no events, like a task nobody started: an empty page, not an error.
    const taskIndex = tasks.taskIndex(taskId);
    const page =
      taskIndex < 0
        ? { data: [], next: undefined }
        : readStream(
            (day) => tasks.actions(day, taskIndex),
            (day) => tasks.hasSessions(day, taskIndex) && tasks.actions(day, taskIndex).length > 0,
            from,
            Math.min(window.endDay, today),
            limit,
          );
    return cursorEnvelope(window, page.data, page.next && encodeCursor(page.next, key));
  };

  const route = (req: SandboxRequest): SandboxResponse => {
    if (req.headers.authorization !== options.token) return userlaneError(401);
    const segments = req.path.split('/').filter(Boolean).map(decodeSegment);
    const [root, property, resource, id, sub, ...rest] = segments;
    if (root !== 'properties' || property === undefined || resource === undefined) {
      return userlaneError(404);
    }
    if (rest.length > 0) return userlaneError(404);
    if (req.method !== 'GET') return userlaneError(405);
    if (property.length > 16) {
      return userlaneError(
        422,
        'Request validation failed: propertyId must be at most 16 characters.',
      );
    }
    if (property !== options.propertyId) return userlaneError(404, 'Property not found.');
    const window = readWindow(req.query);
    const body = (payload: unknown): SandboxResponse => ({ status: 200, body: payload });
    if (id === undefined) {
      if (resource === 'heart') return body(heartPage(window, req.query));
      if (resource === 'nps') return body(scoredPage(nps, window, req.query));
      if (resource === 'tags') return body(tagsPage(window, req.query));
      if (resource === 'tasks') return body(activityPage(window, req.query));
    } else if (resource === 'surveys' && sub === undefined) {
      return body(surveyPage(id, window, req.query));
    } else if (resource === 'tasks' && sub === 'actions') {
      return body(actionsPage(id, window, req.query));
    }
    return userlaneError(404);
  };

  const handle = (req: SandboxRequest): SandboxResponse => {
    try {
      return route(req);
    } catch (error) {
      if (error instanceof Refusal) return error.response;
      throw error;
    }
  };

  return {
    app: { handle },
    propertyId: options.propertyId,
    users,
    catalog,
    heart,
    nps,
    surveyResponses,
    tags,
    tasks,
  };
}

function cursorEnvelope(window: TimeWindow, data: unknown[], nextCursor: string | undefined) {
  return {
    start: isoDate(window.startDay),
    end: isoDate(window.endDay),
    data,
    nextCursor: nextCursor ?? null,
  };
}
