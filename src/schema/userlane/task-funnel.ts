import { cost } from '../../cost/declare.js';
import { taskFunnelCalls } from '../../cost/reads.js';
import { builder } from '../../builder.js';
import type { Funnel, FunnelStep } from '../../domain/funnel.js';
import { DateRange } from '../shared/inputs.js';
import { actionsRange, Task } from './tasks.js';

type StepShape = FunnelStep & { taskId: number };

const TaskFunnelStep = builder.objectRef<StepShape>('TaskFunnelStep').implement({
  description:
    'Sessions (appSessionId) that reached this step, and the share lost since the step before. ' +
    'A session reached a step when it logged that step or any later one: steps are sequential, ' +
    'so sessions never grow from one step to the next and dropOff lies in 0..1.',
  fields: (t) => ({
    actionIndex: t.exposeInt('actionIndex', { nullable: false, description: 'The step, from 0.' }),
    actionId: t.exposeInt('actionId', {
      nullable: true,
      description:
        "The step's action, as the latest task version in the range logged it; null for a " +
        'trailing step no session reached in the range (the stream never named its action).',
    }),
    name: t.string({
      extensions: cost({ free: 'the Portal CSV lookups (USERLANE_LOOKUPS_DIR)' }),
      nullable: true,
      description:
        "From the task's Portal action export (task-<taskId>-actions.csv); null when it lacks the action.",
      resolve: async (step, _args, ctx) =>
        step.actionId === null
          ? null
          : (await ctx.services.lookups()).actionName(step.taskId, step.actionId),
    }),
    sessions: t.exposeInt('sessions', { nullable: false }),
    dropOff: t.exposeFloat('dropOff', {
      nullable: false,
      description:
        "1 - sessions / the previous step's sessions; 0 for the first step and after a step " +
        'no session reached.',
    }),
  }),
});

const TaskFunnel = builder.objectRef<Funnel & { taskId: number }>('TaskFunnel').implement({
  description: "A task's step funnel over a range, from its raw action stream.",
  fields: (t) => ({
    sessions: t.exposeInt('sessions', {
      nullable: false,
      description: 'Distinct sessions (appSessionId) with any action of the task in the range.',
    }),
    steps: t.field({
      type: [TaskFunnelStep],
      nullable: false,
      description:
        "Steps 0 through the task version's last index (taskActionsMaxIndex), so steps no " +
        'session reached show 0 sessions.',
      resolve: (funnel) => funnel.steps.map((step) => ({ ...step, taskId: funnel.taskId })),
    }),
  }),
});

builder.objectField(Task, 'funnel', (t) =>
  t.field({
    extensions: cost({ byArguments: taskFunnelCalls }),
    type: TaskFunnel,
    nullable: true,
    description:
      'The step funnel over the range, read from the whole action stream (one walk per task and ' +
      'range). `range.from` must lie within the last 31 days (UTC), as for `actions`.',
    args: { range: t.arg({ type: DateRange, required: true }) },
    resolve: async (task, args, ctx) => {
      const range = actionsRange(args.range);
      const funnel = await ctx.loaders.userlane.taskFunnel(task.taskId, range);
      return { ...funnel, taskId: task.taskId };
    },
  }),
);
