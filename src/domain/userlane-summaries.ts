// Per-tag and per-task totals over one range, folded from the Tags and Tasks exports row by row,
// so an export of any length needs memory only per tag or task (and their distinct users).
import type { TagInteraction, TaskActivity } from './userlane-analytics.js';

export interface TagSummary {
  tagId: string;
  /** Sum of the per-user, per-day interaction counts. */
  totalInteractions: number;
  /** Distinct Userlane users who interacted. */
  users: number;
  /** Distinct days with any interaction. */
  activeDays: number;
  firstDate: string;
  lastDate: string;
}

export interface TaskSummary {
  taskId: number;
  starts: number;
  completions: number;
  /** Seconds, summed over completions. */
  totalTimeToComplete: number;
  users: number;
  activeDays: number;
  firstDate: string;
  lastDate: string;
}

interface Common {
  users: Set<string>;
  days: Set<string>;
  firstDate: string;
  lastDate: string;
}

function common(date: string): Common {
  return { users: new Set(), days: new Set(), firstDate: date, lastDate: date };
}

function note(into: Common, date: string, userId: string): void {
  into.users.add(userId);
  into.days.add(date);
  if (date < into.firstDate) into.firstDate = date;
  if (date > into.lastDate) into.lastDate = date;
}

/** Numeric ids in numeric order (`9` before `10`), anything else after them by text. */
export function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  const an = numeric.test(a);
  const bn = numeric.test(b);
  if (an && bn) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class TagTally {
  readonly #tags = new Map<string, Common & { interactions: number }>();

  add(row: TagInteraction): void {
    let tag = this.#tags.get(row.tagId);
    if (!tag) {
      tag = { ...common(row.date), interactions: 0 };
      this.#tags.set(row.tagId, tag);
    }
    tag.interactions += row.countInteractions;
    note(tag, row.date, row.user.id);
  }

  /** By interactions, most first, then by tag id. */
  result(): TagSummary[] {
    return [...this.#tags]
      .map(([tagId, t]) => ({
        tagId,
        totalInteractions: t.interactions,
        users: t.users.size,
        activeDays: t.days.size,
        firstDate: t.firstDate,
        lastDate: t.lastDate,
      }))
      .sort((a, b) => b.totalInteractions - a.totalInteractions || compareIds(a.tagId, b.tagId));
  }
}

export class TaskTally {
  readonly #tasks = new Map<
    number,
    Common & { starts: number; completions: number; time: number }
  >();

  add(row: TaskActivity): void {
    let task = this.#tasks.get(row.taskId);
    if (!task) {
      task = { ...common(row.date), starts: 0, completions: 0, time: 0 };
      this.#tasks.set(row.taskId, task);
    }
    task.starts += row.starts;
    task.completions += row.completions;
    task.time += row.totalTimeToComplete;
    note(task, row.date, row.user.id);
  }

  /** By starts, most first, then by task id. */
  result(): TaskSummary[] {
    return [...this.#tasks]
      .map(([taskId, t]) => ({
        taskId,
        starts: t.starts,
        completions: t.completions,
        totalTimeToComplete: t.time,
        users: t.users.size,
        activeDays: t.days.size,
        firstDate: t.firstDate,
        lastDate: t.lastDate,
      }))
      .sort((a, b) => b.starts - a.starts || a.taskId - b.taskId);
  }
}

/** Completions per start; null when nothing started. */
export function completionRate(summary: TaskSummary): number | null {
  return summary.starts === 0 ? null : summary.completions / summary.starts;
}

/** Mean seconds per completion; null when nothing completed. */
export function averageTimeToComplete(summary: TaskSummary): number | null {
  return summary.completions === 0 ? null : summary.totalTimeToComplete / summary.completions;
}
