import { cost, READ, LOOKUP } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type {
  ActionOutcome,
  Automation as AutomationShape,
  AutomationActionStep,
  AutomationRun as AutomationRunShape,
} from '../../domain/automation.js';
import { automationList } from '../../lists/userhero.js';
import { connectionFromAdapter } from '../../pagination/index.js';
import type { AutomationFilter } from '../../vendors/userhero/requests.js';
import { Feedback } from './feedback.js';
import { Project, projectOf } from './projects.js';
import { keyParts, nodeKey } from './keys.js';

/** Where the automation lives: UserHero's Get Automation does not say, its list's filter does. */
interface Place {
  workspaceId: string;
  projectId: string;
}

export type AutomationNode = AutomationShape & Place;
export type AutomationRunNode = AutomationRunShape & Place;

const AutomationAction = builder.objectRef<AutomationActionStep>('AutomationAction').implement({
  description: 'One step of an automation, run in order.',
  fields: (t) => ({
    type: t.exposeString('type', {
      nullable: false,
      description: 'E.g. set_status, add_tag, assign_agent.',
    }),
    params: t.field({ type: 'JSON', nullable: true, resolve: (a) => a.params }),
  }),
});

const RunStats = builder
  .objectRef<NonNullable<AutomationShape['runStats']>>('AutomationRunStats')
  .implement({
    fields: (t) => ({
      matched7d: t.exposeInt('matched7d', {
        nullable: false,
        description: 'Runs that matched in the last 7 days.',
      }),
      errored7d: t.exposeInt('errored7d', {
        nullable: false,
        description: 'Runs that errored in the last 7 days.',
      }),
    }),
  });

export const AutomationActionResult = builder
  .objectRef<ActionOutcome>('AutomationActionResult')
  .implement({
    description: 'What one action step did in a run.',
    fields: (t) => ({
      type: t.exposeString('type', { nullable: false }),
      success: t.exposeBoolean('success', { nullable: false }),
      error: t.exposeString('error', { nullable: true }),
    }),
  });

const RunActor = builder
  .objectRef<NonNullable<AutomationRunShape['actor']>>('AutomationRunActor')
  .implement({
    description: 'Who started a run: a user, or the system.',
    fields: (t) => ({
      userId: t.exposeID('userId', { nullable: true }),
      name: t.exposeString('name', { nullable: true }),
      system: t.exposeBoolean('system', { nullable: false }),
    }),
  });

export const Automation = builder.loadableNode('Automation', {
  description: 'A UserHero automation (a rule, or a manual macro) of one project.',
  id: { resolve: (a: AutomationNode) => nodeKey(a.workspaceId, a.projectId, a.id) },
  load: (keys: string[], ctx) =>
    Promise.all(
      keys.map(async (key) => {
        const parts = keyParts(key, 3);
        if (!parts) return null;
        const [workspaceId = '', projectId = '', id = ''] = parts;
        const found = await ctx.loaders.userhero.automation.load(id);
        return found && { ...found, workspaceId, projectId: found.projectId ?? projectId };
      }),
    ),
  fields: (t) => ({
    automationId: t.exposeID('id', { nullable: false, description: "UserHero's own id." }),
    projectId: t.exposeID('projectId', { nullable: false }),
    workspaceId: t.exposeID('workspaceId', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    scope: t.exposeString('scope', {
      nullable: false,
      description: 'When it runs: feedback.created, feedback.updated, time.scheduled or manual.',
    }),
    enabled: t.exposeBoolean('enabled', { nullable: false }),
    priority: t.exposeInt('priority', { nullable: true, description: 'Lower runs first.' }),
    systemGenerated: t.exposeBoolean('systemGenerated', {
      nullable: false,
      description: 'True for SLA-generated automations.',
    }),
    conditions: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Condition tree (combinator + rules).',
      resolve: (a) => a.conditions,
    }),
    actions: t.expose('actions', { type: [AutomationAction], nullable: false }),
    runStats: t.expose('runStats', { type: RunStats, nullable: true }),
    lastRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.lastRunAt }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.createdAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.updatedAt }),
    project: t.field({
      extensions: cost(LOOKUP),
      type: Project,
      nullable: true,
      resolve: (a, _args, ctx) => projectOf(ctx, a.workspaceId, a.projectId),
    }),
  }),
});

/** A run of the automation's list of runs; UserHero has no Get Run. */
export const AutomationRun = builder.loadableNode('AutomationRun', {
  description: 'One execution of an automation.',
  id: {
    resolve: (r: AutomationRunNode) => nodeKey(r.workspaceId, r.projectId, r.automationId, r.id),
  },
  // Found in the automation's last 50 runs (read once per request); null once it is older.
  load: (keys: string[], ctx) =>
    Promise.all(
      keys.map(async (key) => {
        const parts = keyParts(key, 4);
        if (!parts) return null;
        const [workspaceId = '', projectId = '', automationId = '', id = ''] = parts;
        const runs = await ctx.loaders.userhero.automationRuns.load(automationId);
        const run = runs.find((r) => r.id === id);
        return run ? { ...run, workspaceId, projectId } : null;
      }),
    ),
  fields: (t) => ({
    runId: t.exposeID('id', { nullable: false, description: "UserHero's own id." }),
    automationId: t.exposeID('automationId', { nullable: false }),
    outcome: t.exposeString('outcome', {
      nullable: false,
      description:
        'matched (conditions passed, actions ran), no-match, or error (an action failed).',
    }),
    runAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.runAt }),
    feedbackId: t.exposeID('feedbackId', { nullable: true }),
    feedback: t.field({
      extensions: cost(LOOKUP),
      type: Feedback,
      nullable: true,
      description: 'The feedback item it ran on; null when it no longer exists.',
      resolve: (r, _args, ctx) =>
        r.feedbackId === null
          ? null
          : ctx.loaders.userhero.feedback.load({ workspaceId: r.workspaceId, id: r.feedbackId }),
    }),
    actionsExecuted: t.expose('actionsExecuted', {
      type: [AutomationActionResult],
      nullable: false,
    }),
    actor: t.expose('actor', { type: RunActor, nullable: true }),
    automation: t.field({
      extensions: cost(LOOKUP),
      type: Automation,
      nullable: true,
      resolve: async (r, _args, ctx) => {
        const found = await ctx.loaders.userhero.automation.load(r.automationId);
        return found && { ...found, workspaceId: r.workspaceId, projectId: r.projectId };
      },
    }),
  }),
});

builder.objectFields(Automation, (t) => ({
  runs: t.field({
    extensions: cost({ lookup: true, listSize: 50 }),
    type: [AutomationRun],
    nullable: true,
    description: 'The last 50 runs, newest first.',
    resolve: async (a, _args, ctx) =>
      (await ctx.loaders.userhero.automationRuns.load(a.id)).map((run) => ({
        ...run,
        workspaceId: a.workspaceId,
        projectId: a.projectId,
      })),
  }),
}));

const AutomationScope = builder.enumType('AutomationScope', {
  description: 'When an automation runs.',
  values: {
    FEEDBACK_CREATED: { value: 'feedback.created' },
    FEEDBACK_UPDATED: { value: 'feedback.updated' },
    TIME_SCHEDULED: { value: 'time.scheduled' },
    MANUAL: { value: 'manual', description: 'A macro, run on demand.' },
  } as const,
});

export const AutomationConnection = builder.connectionObject({
  type: Automation,
  name: 'AutomationConnection',
});

builder.objectFields(Project, (t) => ({
  automations: t.connection(
    {
      extensions: cost(READ),
      type: Automation,
      nullable: true,
      description:
        "The project's automations in UserHero's order (forward paging only; no totalCount " +
        'before the end).',
      args: {
        scope: t.arg({ type: AutomationScope }),
        enabled: t.arg.boolean(),
        includeSystem: t.arg.boolean({
          description: 'Include SLA-generated automations (UserHero default: false).',
        }),
      },
      resolve: async (p, args, ctx) => {
        const filter: AutomationFilter = {
          projectId: p.id,
          scope: args.scope ?? undefined,
          enabled: args.enabled ?? undefined,
          includeSystem: args.includeSystem ?? undefined,
        };
        const page = await connectionFromAdapter(
          automationList(ctx.loaders.userhero, filter),
          args,
          {
            field: 'Project.automations',
            filters: { ...filter, workspaceId: p.workspaceId },
            signal: ctx.signal,
          },
        );
        const place = { workspaceId: p.workspaceId, projectId: p.id };
        return {
          ...page,
          edges: page.edges.map((e) => ({ ...e, node: { ...e.node, ...place } })),
        };
      },
    },
    AutomationConnection,
  ),
}));
