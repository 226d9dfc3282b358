import { cost, READ } from '../../cost/declare.js';
import { taskScan, taskActivityCalls } from '../../cost/reads.js';
import { ACCOUNT, USERLANE_WALK } from '../../cost/rules.js';
import { builder } from '../../builder.js';
import type { DateRange as DateRangeShape } from '../../domain/date-range.js';
import type {
  TaskAction as TaskActionShape,
  TaskActivity as TaskActivityShape,
} from '../../domain/userlane-analytics.js';
import {
  averageTimeToComplete,
  completionRate,
  type TaskSummary,
} from '../../domain/userlane-summaries.js';
import { BadUserInputError } from '../../errors.js';
import { taskActionsList, taskActivityList } from '../../lists/userlane.js';
import { connectionFromAdapter } from '../../pagination/index.js';
import { taskActionsRangeProblem } from '../../vendors/userlane/limits.js';
import { checkedRange, DateRange } from '../shared/inputs.js';
import { UserlaneUser } from './users.js';
import { vendorKeys } from '../shared/vendor-keys.js';

/** A Userlane task; `summary` is set when it was listed from a range export (`Query.tasks`). */
export interface TaskShape {
  taskId: number;
  summary?: TaskSummary;
}

/** Userlane task ids are integers; anything else names no task. */
export function taskKey(key: string): number | null {
  return /^\d{1,15}$/.test(key) ? Number(key) : null;
}

/**
 * The range checked for the task actions endpoint, which refuses a start more than 31 days
 * back: refused here, before any vendor call, with the earliest date it would take.
 */
export function actionsRange(range: DateRangeShape): DateRangeShape {
  const checked = checkedRange(range);
  const problem = taskActionsRangeProblem(checked, new Date());
  if (problem) throw new BadUserInputError(problem, { argument: 'range' });
  return checked;
}

const TaskActivity = builder.objectRef<TaskActivityShape>('TaskActivity');
const TaskAction = builder.objectRef<TaskActionShape>('TaskAction');

const TaskActivityConnection = builder.connectionObject(
  { type: TaskActivity, name: 'TaskActivityConnection' },
  { name: 'TaskActivityEdge' },
);
const TaskActionConnection = builder.connectionObject(
  { type: TaskAction, name: 'TaskActionConnection' },
  { name: 'TaskActionEdge' },
);

const fromExport = 'Over the range of the `tasks` query that listed this task; null elsewhere.';

export const Task = builder.loadableNode('Task', {
  description: 'A Userlane task: a sequence of steps whose starts and completions Userlane tracks.',
  id: { resolve: (task: TaskShape) => String(task.taskId) },
  // Userlane has no task lookup: any integer names a task, known to the Portal export or not.
  load: (ids: string[]) =>
    Promise.resolve(
      ids.map((id): TaskShape | null => {
        const taskId = taskKey(id);
        return taskId === null ? null : { taskId };
      }),
    ),
  fields: (t) => {
    const total = (description: string, value: (s: TaskSummary) => number | null) =>
      t.int({
        nullable: true,
        description: `${description} ${fromExport}`,
        resolve: (task) => (task.summary ? value(task.summary) : null),
      });
    return {
      taskId: t.exposeInt('taskId', { nullable: false, description: "Userlane's task id." }),
      name: t.string({
        extensions: cost({ free: 'the Portal CSV lookups (USERLANE_LOOKUPS_DIR)' }),
        nullable: true,
        description:
          'From the Portal CSV export (tasks.csv); null when the export lacks this task.',
        resolve: async (task, _args, ctx) => (await ctx.services.lookups()).taskName(task.taskId),
      }),
      starts: total('Times the task was started.', (s) => s.starts),
      completions: total('Times the task was completed.', (s) => s.completions),
      users: total('Distinct Userlane users who started the task.', (s) => s.users),
      activeDays: total('Days with any start.', (s) => s.activeDays),
      totalTimeToComplete: total(
        'Seconds spent on completed runs, summed.',
        (s) => s.totalTimeToComplete,
      ),
      completionRate: t.float({
        nullable: true,
        description: `completions / starts, 0..1 (null when nothing started). ${fromExport}`,
        resolve: (task) => (task.summary ? completionRate(task.summary) : null),
      }),
      averageTimeToComplete: t.float({
        nullable: true,
        description: `Mean seconds per completion (null when nothing completed). ${fromExport}`,
        resolve: (task) => (task.summary ? averageTimeToComplete(task.summary) : null),
      }),
      firstActivityDate: t.field({
        type: 'Date',
        nullable: true,
        description: fromExport,
        resolve: (task) => task.summary?.firstDate ?? null,
      }),
      lastActivityDate: t.field({
        type: 'Date',
        nullable: true,
        description: fromExport,
        resolve: (task) => task.summary?.lastDate ?? null,
      }),
      activity: t.connection(
        {
          extensions: cost({ byArguments: (_args, first) => taskScan(first) }),
          type: TaskActivity,
          nullable: true,
          description:
            "This task's per-user, per-day rows, oldest day first. Userlane cannot filter by " +
            'task, so a page may scan several vendor pages of the range.',
          args: { range: t.arg({ type: DateRange, required: true }) },
          resolve: (task, args, ctx) => {
            const range = checkedRange(args.range);
            return connectionFromAdapter(
              taskActivityList(ctx.loaders.userlane.reads, range, [task.taskId]),
              args,
              {
                field: 'Task.activity',
                filters: { range, taskId: task.taskId },
                signal: ctx.signal,
              },
            );
          },
        },
        TaskActivityConnection,
      ),
      actions: t.connection(
        {
          extensions: cost(READ),
          type: TaskAction,
          nullable: true,
          description:
            "This task's raw step-by-step events by server time. Userlane keeps them for 31 " +
            'days: `range.from` must lie within the last 31 days (UTC).',
          args: { range: t.arg({ type: DateRange, required: true }) },
          resolve: (task, args, ctx) => {
            const range = actionsRange(args.range);
            return connectionFromAdapter(
              taskActionsList(ctx.loaders.userlane.reads, task.taskId, range),
              args,
              {
                field: 'Task.actions',
                filters: { range, taskId: task.taskId },
                signal: ctx.signal,
              },
            );
          },
        },
        TaskActionConnection,
      ),
    };
  },
});

TaskActivity.implement({
  description: "One user's runs of one task on one day.",
  fields: (t) => ({
    date: t.field({ type: 'Date', nullable: false, resolve: (row) => row.date }),
    task: t.field({
      type: Task,
      nullable: false,
      resolve: (row): TaskShape => ({ taskId: row.taskId }),
    }),
    user: t.field({ type: UserlaneUser, nullable: false, resolve: (row) => row.user }),
    starts: t.exposeInt('starts', { nullable: false }),
    completions: t.exposeInt('completions', { nullable: false }),
    totalTimeToComplete: t.exposeInt('totalTimeToComplete', {
      nullable: false,
      description: 'Seconds, summed over the completions.',
    }),
  }),
});

TaskAction.implement({
  description: 'One step event of a task run.',
  fields: (t) => ({
    task: t.field({
      type: Task,
      nullable: false,
      resolve: (row): TaskShape => ({ taskId: row.taskId }),
    }),
    taskVersion: t.exposeInt('taskVersion', { nullable: false }),
    taskActionsMaxIndex: t.exposeInt('taskActionsMaxIndex', {
      nullable: true,
      description: 'The last step index of this task version.',
    }),
    actionId: t.exposeInt('actionId', { nullable: false }),
    actionIndex: t.exposeInt('actionIndex', { nullable: false, description: 'The step, from 0.' }),
    actionType: t.exposeString('actionType', { nullable: false }),
    name: t.string({
      extensions: cost({ free: 'the Portal CSV lookups (USERLANE_LOOKUPS_DIR)' }),
      nullable: true,
      description:
        "From the task's Portal action export (task-<taskId>-actions.csv); null when it lacks the action.",
      resolve: async (row, _args, ctx) =>
        (await ctx.services.lookups()).actionName(row.taskId, row.actionId),
    }),
    serverTime: t.field({ type: 'DateTime', nullable: false, resolve: (row) => row.serverTime }),
    appSessionId: t.exposeString('appSessionId', { nullable: false }),
    url: t.exposeString('url', { nullable: true }),
    user: t.field({ type: UserlaneUser, nullable: false, resolve: (row) => row.user }),
  }),
});

builder.queryFields((t) => ({
  tasks: t.field({
    extensions: cost({ calls: USERLANE_WALK, listSize: ACCOUNT.tasks }),
    type: [Task],
    nullable: { list: true, items: false },
    description:
      'Tasks with activity in the range, most starts first (then by task id), with their ' +
      'totals: one read of the whole range, whatever fields are asked.',
    args: { range: t.arg({ type: DateRange, required: true }) },
    resolve: async (_root, args, ctx) => {
      const range = checkedRange(args.range);
      const summaries = await ctx.loaders.userlane.taskSummaries(range);
      return summaries.map((summary): TaskShape => ({ taskId: summary.taskId, summary }));
    },
  }),
  taskActivity: t.connection(
    {
      extensions: cost({ byArguments: taskActivityCalls }),
      type: TaskActivity,
      nullable: true,
      description:
        'Per-user, per-task, per-day starts, completions and time to complete, oldest day ' +
        'first. With `taskIds`, only those tasks (Userlane cannot filter by task, so a page may ' +
        'scan several vendor pages).',
      args: {
        range: t.arg({ type: DateRange, required: true }),
        taskIds: t.arg.idList({
          description:
            'Task ids (`Task.taskId`) or Task node ids; empty or absent means every task.',
        }),
      },
      resolve: (_root, args, ctx) => {
        const range = checkedRange(args.range);
        const taskIds = vendorKeys(args.taskIds, 'taskIds', 'Task', taskKey);
        return connectionFromAdapter(
          taskActivityList(ctx.loaders.userlane.reads, range, taskIds),
          args,
          { field: 'Query.taskActivity', filters: { range, taskIds }, signal: ctx.signal },
        );
      },
    },
    TaskActivityConnection,
  ),
}));
