// The Userlane lists as bridge adapters: each one vendor page per fetch, nothing more.
import type { DateRange } from '../domain/date-range.js';
import type { TagInteraction, TaskAction, TaskActivity } from '../domain/userlane-analytics.js';
import {
  type CursorAdapter,
  filteredCursorList,
  filteredList,
  type ListAdapter,
  type PageAdapter,
  pagesAsOffsets,
} from '../pagination/index.js';
import type { UserlaneClient } from '../vendors/userlane/client.js';
import {
  USERLANE_CURSOR_LIMIT_MAX,
  USERLANE_PAGE_RECORDS_MAX,
} from '../vendors/userlane/limits.js';

type PageFetch<T> = (page: number, size: number, signal?: AbortSignal) => Promise<T[]>;

function pageList<T>(fetch: PageFetch<T>, maxPageSize = USERLANE_PAGE_RECORDS_MAX): PageAdapter<T> {
  return {
    kind: 'page',
    maxPageSize,
    fetchPage: async (page, size, signal) => ({ items: await fetch(page, size, signal) }),
  };
}

export function heartList(client: UserlaneClient, range: DateRange) {
  return pageList((page, size, signal) => client.heart(range, page, size, { signal }));
}

/** The Tags and Tasks reads; the per-request loaders hand a memoizing stand-in for the client. */
export type UserlaneReads = Pick<UserlaneClient, 'tags' | 'tasks' | 'taskActions'>;

/**
 * Connection reads ask for at most one item less than the vendor's maximum, while whole-range
 * exports always ask the maximum: so no connection page ever repeats an export's call, and the
 * exports (which may be long) need not be kept in the per-request call memo.
 */
const CONNECTION_PAGE_MAX = USERLANE_PAGE_RECORDS_MAX - 1;
const CONNECTION_CURSOR_MAX = USERLANE_CURSOR_LIMIT_MAX - 1;

function tagPages(reads: UserlaneReads, range: DateRange, max: number, type?: string) {
  return pageList((page, size, signal) => reads.tags(range, page, size, { signal }, type), max);
}

function taskCursor(reads: UserlaneReads, range: DateRange, max: number) {
  const adapter: CursorAdapter<TaskActivity> = {
    kind: 'cursor',
    maxLimit: max,
    fetch: (cursor, limit, signal) => reads.tasks(range, cursor, limit, { signal }),
  };
  return adapter;
}

function actionCursor(reads: UserlaneReads, taskId: number, range: DateRange, max: number) {
  const adapter: CursorAdapter<TaskAction> = {
    kind: 'cursor',
    maxLimit: max,
    fetch: (cursor, limit, signal) => reads.taskActions(taskId, range, cursor, limit, { signal }),
  };
  return adapter;
}

/** Every tag interaction of the range, for a whole-range walk. */
export function tagsExport(
  client: UserlaneReads,
  range: DateRange,
  type?: string,
): PageAdapter<TagInteraction> {
  return tagPages(client, range, USERLANE_PAGE_RECORDS_MAX, type);
}

/** Every per-user, per-day task row of the range, for a whole-range walk. */
export function tasksExport(client: UserlaneReads, range: DateRange): CursorAdapter<TaskActivity> {
  return taskCursor(client, range, USERLANE_CURSOR_LIMIT_MAX);
}

/** One task's action stream over the range, for a whole-range walk. */
export function taskActionsExport(
  client: UserlaneReads,
  taskId: number,
  range: DateRange,
): CursorAdapter<TaskAction> {
  return actionCursor(client, taskId, range, USERLANE_CURSOR_LIMIT_MAX);
}

/**
 * Tag interactions, of the given tags only when `tagIds` is non-empty. The vendor has no tag
 * filter, so a filtered list scans the range's rows (date, then tag, then user order).
 */
export function tagInteractionsList(
  reads: UserlaneReads,
  range: DateRange,
  tagIds: readonly string[] | null,
  type?: string,
): ListAdapter<TagInteraction> {
  const pages = tagPages(reads, range, CONNECTION_PAGE_MAX, type);
  if (!tagIds?.length) return pages;
  const wanted = new Set(tagIds);
  return filteredList(pagesAsOffsets(pages), (row) => (wanted.has(row.tagId) ? 'keep' : 'skip'));
}

/** Per-user, per-day task rows, of the given tasks only when `taskIds` is non-empty. */
export function taskActivityList(
  reads: UserlaneReads,
  range: DateRange,
  taskIds: readonly number[] | null,
): ListAdapter<TaskActivity> {
  const rows = taskCursor(reads, range, CONNECTION_CURSOR_MAX);
  if (!taskIds?.length) return rows;
  const wanted = new Set(taskIds);
  return filteredCursorList(rows, (row) => (wanted.has(row.taskId) ? 'keep' : 'skip'));
}

/** One task's action stream, by server time. */
export function taskActionsList(
  reads: UserlaneReads,
  taskId: number,
  range: DateRange,
): CursorAdapter<TaskAction> {
  return actionCursor(reads, taskId, range, CONNECTION_CURSOR_MAX);
}
