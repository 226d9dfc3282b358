// UserHero automations, their runs and macro results, mapped to the domain.
import type {
  ActionOutcome,
  Automation,
  AutomationRun,
  RunResult,
} from '../../domain/automation.js';
import { bool, isString, num, obj, records, str } from '../shape.js';
import type { WireAutomation, WireAutomationRun, WireRunResult } from './wire.js';

export function mapAutomation(wire: WireAutomation, projectId: string | null): Automation {
  const stats = obj(wire.runStats);
  return {
    id: wire.id,
    projectId: str(wire.projectId) ?? projectId,
    name: wire.name,
    scope: wire.scope,
    enabled: wire.enabled,
    priority: num(wire.priority),
    systemGenerated: bool(wire.systemGenerated) ?? false,
    conditions: obj(wire.conditions),
    actions: records(wire.actions).flatMap((a) =>
      isString(a.type) ? [{ type: a.type, params: obj(a.params) }] : [],
    ),
    runStats: stats && {
      matched7d: num(stats.matched7d) ?? 0,
      errored7d: num(stats.errored7d) ?? 0,
    },
    lastRunAt: str(wire.lastRunAt),
    createdAt: str(wire.createdAt),
    updatedAt: str(wire.updatedAt),
  };
}

function actionOutcomes(value: unknown): ActionOutcome[] {
  return records(value).flatMap((a) =>
    isString(a.type) ? [{ type: a.type, success: a.success === true, error: str(a.error) }] : [],
  );
}

export function mapAutomationRun(automationId: string, wire: WireAutomationRun): AutomationRun {
  const actor = obj(wire.actor);
  return {
    id: wire.id,
    automationId,
    outcome: wire.outcome,
    runAt: str(wire.runAt),
    feedbackId: str(wire.feedbackId),
    actionsExecuted: actionOutcomes(wire.actionsExecuted),
    actor: actor && {
      userId: str(actor.userId),
      name: str(actor.name),
      system: actor.system === true,
    },
  };
}

export function mapRunResult(wire: WireRunResult): RunResult {
  return {
    runId: wire.runId,
    outcome: wire.outcome,
    actionsExecuted: actionOutcomes(wire.actionsExecuted),
  };
}
