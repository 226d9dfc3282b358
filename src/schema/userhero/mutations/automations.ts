// Running a macro (a manual-scope automation) on a feedback item. UserHero refuses other scopes
// with a 400, which reaches the caller as BAD_USER_INPUT with UserHero's own message.
import { cost, READ, LOOKUP } from '../../../cost/declare.js';
import { builder } from '../../../builder.js';
import type { RunResult } from '../../../domain/automation.js';
import * as rules from '../../../writes/userhero-rules.js';
import { InputChecks } from '../../../writes/validate.js';
import { Automation, AutomationActionResult, AutomationRun } from '../automations.js';
import { Feedback } from '../feedback.js';
import { IDEMPOTENCY_KEY_DOC, userheroWrite, writeOptions } from './after-write.js';
import {
  type AutomationRef,
  agreedWorkspace,
  automationId,
  type InWorkspace,
  scopedId,
} from './ids.js';

interface Ran extends RunResult {
  automation: AutomationRef;
  feedback: InWorkspace;
}

const AutomationRunResult = builder.objectRef<Ran>('AutomationRunResult').implement({
  description: 'What a macro run did.',
  fields: (t) => ({
    runId: t.exposeID('runId', { nullable: false, description: "UserHero's id of the run." }),
    outcome: t.exposeString('outcome', {
      nullable: false,
      description:
        'matched (conditions passed, actions ran), no-match, or error (an action failed).',
    }),
    actionsExecuted: t.expose('actionsExecuted', {
      type: [AutomationActionResult],
      nullable: false,
    }),
    feedback: t.field({
      extensions: cost(LOOKUP),
      type: Feedback,
      nullable: true,
      description: 'The feedback item as it is after the run.',
      resolve: (r, _args, ctx) => ctx.loaders.userhero.feedback.load(r.feedback),
    }),
    automation: t.field({
      extensions: cost(LOOKUP),
      type: Automation,
      nullable: true,
      resolve: async (r, _args, ctx) => {
        const found = await ctx.loaders.userhero.automation.load(r.automation.id);
        return (
          found && {
            ...found,
            workspaceId: r.automation.workspaceId,
            projectId: found.projectId ?? r.automation.projectId,
          }
        );
      },
    }),
    run: t.field({
      extensions: cost(LOOKUP),
      type: AutomationRun,
      nullable: true,
      description: "The run in the automation's run history.",
      resolve: async (r, _args, ctx) => {
        const runs = await ctx.loaders.userhero.automationRuns.load(r.automation.id);
        const run = runs.find((x) => x.id === r.runId);
        const { workspaceId, projectId } = r.automation;
        return run ? { ...run, workspaceId, projectId } : null;
      },
    }),
  }),
});

builder.mutationField('runAutomation', (t) =>
  t.field({
    extensions: cost(READ),
    type: AutomationRunResult,
    nullable: false,
    description: 'Runs a macro (an automation of scope manual) on a feedback item of its project.',
    args: {
      id: t.arg.id({ required: true, description: 'The Automation (scope manual) to run.' }),
      feedbackId: t.arg.id({ required: true, description: 'The Feedback to run it on.' }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DOC }),
    },
    resolve: async (_root, args, ctx) => {
      const checks = new InputChecks('id');
      const automation = automationId(checks, 'id', args.id);
      const feedback = scopedId(checks, 'feedbackId', args.feedbackId, 'Feedback');
      agreedWorkspace(checks, [
        { field: 'id', workspaceId: automation?.workspaceId },
        { field: 'feedbackId', workspaceId: feedback?.workspaceId },
      ]);
      const key = rules.idempotencyKey(checks, 'idempotencyKey', args.idempotencyKey);
      checks.done();
      if (!automation || !feedback) throw new TypeError('unreachable: checked above');
      const client = ctx.vendor('userhero');
      const result = await userheroWrite(ctx, () =>
        client.runMacro(automation.id, feedback.id, writeOptions(ctx, key)),
      );
      return { ...result, automation, feedback };
    },
  }),
);
