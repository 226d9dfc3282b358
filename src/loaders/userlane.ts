// Userlane Tags and Tasks reads for one request: every vendor call at most once (keyed by all of
// its parameters), and each whole-range export walked once and folded as it streams.
import type { LoaderScope } from './scope.js';
import type { DateRange } from '../domain/date-range.js';
import { type Funnel, FunnelTally } from '../domain/funnel.js';
import {
  type TagSummary,
  TagTally,
  type TaskSummary,
  TaskTally,
} from '../domain/userlane-summaries.js';
import {
  tagsExport,
  taskActionsExport,
  tasksExport,
  type UserlaneReads,
} from '../lists/userlane.js';
import { iterateAdapter } from '../pagination/index.js';

export interface UserlaneLoaders {
  /** The Tags and Tasks endpoints as connections read them, each distinct call made once. */
  reads: UserlaneReads;
  /** Per-tag totals of the range, most interactions first. */
  tagSummaries(range: DateRange, type?: string): Promise<TagSummary[]>;
  /** Per-task totals of the range, most starts first. */
  taskSummaries(range: DateRange): Promise<TaskSummary[]>;
  /** The caller checks the 31-day rule first. */
  taskFunnel(taskId: number, range: DateRange): Promise<Funnel>;
}

export function createUserlaneLoaders(ctx: LoaderScope): UserlaneLoaders {
  const signal = ctx.signal;
  // Resolved lazily, so a disabled vendor fails the fields that read it, not the request.
  const client = () => ctx.vendor('userlane');
  const calls = new Map<string, Promise<unknown>>();
  const once = <T>(key: unknown[], call: () => Promise<T>): Promise<T> => {
    const id = JSON.stringify(key);
    let value = calls.get(id) as Promise<T> | undefined;
    if (!value) {
      value = call();
      calls.set(id, value);
    }
    return value;
  };

  const reads: UserlaneReads = {
    tags: (range, page, limit, _opts, type) =>
      once(['tags', range.from, range.to, page, limit, type ?? null], () =>
        client().tags(range, page, limit, { signal }, type),
      ),
    tasks: (range, cursor, limit) =>
      once(['tasks', range.from, range.to, cursor, limit], () =>
        client().tasks(range, cursor, limit, { signal }),
      ),
    taskActions: (taskId, range, cursor, limit) =>
      once(['taskActions', taskId, range.from, range.to, cursor, limit], () =>
        client().taskActions(taskId, range, cursor, limit, { signal }),
      ),
  };

  // Exports go to the client directly: their calls (the vendor's largest pages) are never a
  // connection's (see lists/userlane.ts), and keeping their pages would defeat the streaming.
  const tagSummaries = (range: DateRange, type?: string) =>
    once(['tagSummaries', range.from, range.to, type ?? null], async () => {
      const tally = new TagTally();
      for await (const row of iterateAdapter(tagsExport(client(), range, type), { signal })) {
        tally.add(row);
      }
      return tally.result();
    });

  const taskSummaries = (range: DateRange) =>
    once(['taskSummaries', range.from, range.to], async () => {
      const tally = new TaskTally();
      for await (const row of iterateAdapter(tasksExport(client(), range), { signal })) {
        tally.add(row);
      }
      return tally.result();
    });

  const taskFunnel = (taskId: number, range: DateRange) =>
    once(['taskFunnel', taskId, range.from, range.to], async () => {
      const tally = new FunnelTally();
      for await (const action of iterateAdapter(taskActionsExport(client(), taskId, range), {
        signal,
      })) {
        tally.add(action);
      }
      return tally.result();
    });

  return { reads, tagSummaries, taskSummaries, taskFunnel };
}
