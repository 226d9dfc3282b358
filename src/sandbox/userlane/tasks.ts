import { DAY_MS, isoDate } from '../dates.js';
import { dayCache } from '../day-cache.js';
import { hexId, intBetween } from '../random.js';
import { derivedRandom } from '../seed/derive.js';
import type { UserlaneTask } from './catalog.js';
import { pickActive, type UserlaneUser, userRef } from './users.js';

/** One user's walk through a task: steps 0..reached, one action each. */
interface Session {
  user: UserlaneUser;
  appSessionId: string;
  /** Time of each reached step's action, epoch ms. */
  actionTimes: number[];
  completed: boolean;
}

export interface TaskActivity {
  date: string;
  taskId: number;
  user: { id: string; applicationUserId: string };
  starts: number;
  completions: number;
  totalTimeToComplete: number;
}

export interface TaskActionRow {
  taskId: number;
  taskVersion: number;
  taskActionsMaxIndex: number;
  actionId: number;
  actionIndex: number;
  actionType: string;
  user: { id: string; applicationUserId: string };
  serverTime: string;
  appSessionId: string;
  url: string;
}

export const TASK_HISTORY_DAYS = 730;
/** The raw action stream is kept this long; the aggregate goes back the whole history. */
export const ACTION_RETENTION_DAYS = 45;
const SESSIONS_PER_DAY = 22;

/**
 * Task sessions, generated per (day, task) from their own seeded stream. Both Tasks endpoints
 * derive from the same sessions, so the aggregate's starts and completions agree with the
 * funnel the action stream shows.
 */
export class TaskSessions {
  readonly firstDay: number;
  private readonly counts: Uint32Array;
  private readonly sessionsOf: (key: number) => Session[];
  private readonly activityOf: (day: number) => TaskActivity[];
  private readonly actionsOf: (key: number) => TaskActionRow[];

  constructor(
    private readonly seed: number,
    readonly tasks: readonly UserlaneTask[],
    private readonly order: readonly UserlaneUser[],
    readonly today: number,
    private readonly nowMs: number,
    scale: number,
  ) {
    this.firstDay = today - TASK_HISTORY_DAYS + 1;
    this.counts = new Uint32Array(TASK_HISTORY_DAYS * tasks.length);
    const random = derivedRandom(seed, 'task-counts');
    const totalWeight = tasks.reduce((sum, task) => sum + task.weight, 0);
    for (let day = this.firstDay; day <= today; day++) {
      const weekday = new Date(day * DAY_MS).getUTCDay();
      const rhythm = weekday === 0 || weekday === 6 ? 0.3 : 1.25;
      tasks.forEach((task, t) => {
        const mean = (SESSIONS_PER_DAY * scale * rhythm * task.weight) / totalWeight;
        const count = day < task.createdDay ? 0 : Math.round(mean * 2 * random());
        this.counts[this.slot(day, t)] = count;
      });
    }
    this.sessionsOf = dayCache((key) => this.generateSessions(key), 256);
    this.activityOf = dayCache((day) => this.generateActivity(day));
    this.actionsOf = dayCache((key) => this.generateActions(key));
  }

  taskIndex(taskId: number): number {
    return this.tasks.findIndex((task) => task.taskId === taskId);
  }

  hasSessions(day: number, taskIndex?: number): boolean {
    if (day < this.firstDay || day > this.today) return false;
    if (taskIndex !== undefined) return this.counts[this.slot(day, taskIndex)]! > 0;
    return this.tasks.some((_, t) => this.counts[this.slot(day, t)]! > 0);
  }

  /** Aggregated rows of a day: by task id, then user id. */
  activity(day: number): TaskActivity[] {
    return this.activityOf(day);
  }

  /** Action rows of a day for one task, by server time. Empty beyond the retention window. */
  actions(day: number, taskIndex: number): TaskActionRow[] {
    if (day < this.today - ACTION_RETENTION_DAYS + 1) return [];
    return this.actionsOf(this.slot(day, taskIndex));
  }

  private slot(day: number, taskIndex: number): number {
    return (day - this.firstDay) * this.tasks.length + taskIndex;
  }

  private sessions(day: number, taskIndex: number): Session[] {
    if (day < this.firstDay || day > this.today) return [];
    return this.sessionsOf(this.slot(day, taskIndex));
  }

  private generateSessions(slot: number): Session[] {
    const taskIndex = slot % this.tasks.length;
    const day = this.firstDay + Math.floor(slot / this.tasks.length);
    const task = this.tasks[taskIndex]!;
    const random = derivedRandom(this.seed, 'task-day', day, taskIndex);
    const dayStart = day * DAY_MS;
    // Today's sessions all lie before "now".
    const dayLength = day === this.today ? Math.max(60_000, this.nowMs - dayStart) : DAY_MS;
    const sessions: Session[] = [];
    for (let i = 0; i < this.counts[slot]!; i++) {
      const user = pickActive(random, this.order);
      let reached = 0;
      while (reached < task.continueRates.length && random() < task.continueRates[reached]!) {
        reached++;
      }
      const gaps = Array.from({ length: reached }, () => intBetween(random, 3000, 90_000));
      const duration = gaps.reduce((sum, gap) => sum + gap, 0);
      let at = dayStart + Math.floor(random() * Math.max(1, dayLength - duration - 1000));
      const actionTimes = [at, ...gaps.map((gap) => (at += gap))];
      sessions.push({
        user,
        appSessionId: [6, 5, 5, 5, 6].map((length) => hexId(random, length)).join('-'),
        actionTimes,
        completed: reached === task.continueRates.length,
      });
    }
    return sessions;
  }

  private generateActivity(day: number): TaskActivity[] {
    const date = isoDate(day);
    const rows: TaskActivity[] = [];
    this.tasks.forEach((task, t) => {
      const byUser = new Map<string, TaskActivity>();
      for (const session of this.sessions(day, t)) {
        const row = byUser.get(session.user.id) ?? {
          date,
          taskId: task.taskId,
          user: userRef(session.user),
          starts: 0,
          completions: 0,
          totalTimeToComplete: 0,
        };
        row.starts++;
        if (session.completed) {
          row.completions++;
          const times = session.actionTimes;
          row.totalTimeToComplete += Math.round((times[times.length - 1]! - times[0]!) / 1000);
        }
        byUser.set(session.user.id, row);
      }
      rows.push(...[...byUser.values()].sort((a, b) => (a.user.id < b.user.id ? -1 : 1)));
    });
    return rows.sort((a, b) => a.taskId - b.taskId);
  }

  private generateActions(slot: number): TaskActionRow[] {
    const taskIndex = slot % this.tasks.length;
    const day = this.firstDay + Math.floor(slot / this.tasks.length);
    const task = this.tasks[taskIndex]!;
    const rows: (TaskActionRow & { ms: number })[] = [];
    for (const session of this.sessions(day, taskIndex)) {
      session.actionTimes.forEach((ms, actionIndex) => {
        const action = task.actions[actionIndex]!;
        rows.push({
          ms,
          taskId: task.taskId,
          taskVersion: task.taskVersion,
          taskActionsMaxIndex: task.actions.length - 1,
          actionId: action.actionId,
          actionIndex,
          actionType: action.actionType,
          user: userRef(session.user),
          // The docs show microseconds and no zone: `2026-06-10T07:39:37.167000`.
          serverTime: `${new Date(ms).toISOString().slice(0, 23)}000`,
          appSessionId: session.appSessionId,
          url: action.url,
        });
      });
    }
    rows.sort(
      (a, b) =>
        a.ms - b.ms ||
        (a.appSessionId < b.appSessionId ? -1 : a.appSessionId > b.appSessionId ? 1 : 0) ||
        a.actionIndex - b.actionIndex,
    );
    return rows.map(({ ms: _, ...row }) => row);
  }
}
