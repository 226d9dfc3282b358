import { accessibleWorkspace } from '../access.js';
import { conditionsMatch, runActions } from '../automation-runner.js';
import { badRequest, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { AUTOMATION_SCOPES, type Automation, type AutomationRun } from '../model.js';
import { renderAutomation } from '../render.js';
import { ok, route } from '../router.js';
import type { AppState, Call } from '../state.js';
import { queryBoolean, queryInt, readString } from '../validate.js';

const RUNS_SHOWN = 50;

function projectFor(state: AppState, projectId: string) {
  const project = state.data.projects.get(projectId);
  if (!project) throw notFound('Project not found');
  accessibleWorkspace(state, project.workspaceId);
  return project;
}

function automationOf(call: Call): Automation {
  const automation = call.state.data.automations.get(call.id);
  if (!automation) throw notFound('Automation not found');
  projectFor(call.state, automation.projectId);
  return automation;
}

/**
 * Ordered by id, and the cursor is "start after this id": a page stays valid even when the
 * automation it ended on is deleted meanwhile.
 */
function list(call: Call) {
  const { query, state } = call;
  const projectId = query.get('projectId');
  if (!projectId) throw badRequest('projectId is required');
  const scope = query.get('scope') || undefined;
  if (scope !== undefined && !(AUTOMATION_SCOPES as readonly string[]).includes(scope)) {
    throw badRequest(`scope must be one of: ${AUTOMATION_SCOPES.join(', ')}`);
  }
  const enabled = queryBoolean(query, 'enabled');
  const includeSystem = queryBoolean(query, 'includeSystem') ?? false;
  const limit = queryInt(query, 'limit', 50, 1, 100);
  const cursor = query.get('cursor') || undefined;
  projectFor(state, projectId);

  const matching = [...state.data.automations.values()]
    .filter(
      (a) =>
        a.projectId === projectId &&
        (scope === undefined || a.scope === scope) &&
        (enabled === undefined || a.enabled === enabled) &&
        (includeSystem || !a.systemGenerated) &&
        (cursor === undefined || a.id > cursor),
    )
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const page = matching.slice(0, limit);
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      automations: page.map((a) => renderAutomation(state, a)),
      nextCursor: matching.length > limit && last ? last.id : null,
    },
  };
}

function get(call: Call) {
  return ok(renderAutomation(call.state, automationOf(call)));
}

function run(call: Call) {
  const { state } = call;
  const automation = automationOf(call);
  const feedbackId = readString(call.body(), 'feedbackId', { required: true });
  if (automation.scope !== 'manual') {
    throw badRequest(
      `Only manual automations (macros) can be run; this one is ${automation.scope}`,
    );
  }
  const item = state.data.feedback.get(feedbackId);
  const project = state.data.projects.get(automation.projectId);
  if (!item || item.workspaceId !== project?.workspaceId) throw notFound('Feedback item not found');
  if (item.projectId !== automation.projectId) {
    throw badRequest('The feedback item belongs to another project than the automation');
  }
  const now = state.now().toISOString();
  const matched = conditionsMatch(automation.conditions, item);
  const actionsExecuted = matched
    ? runActions(automation.actions, item, project, state.data.workspaces.get(item.workspaceId))
    : [];
  if (matched) item.updatedAt = now;
  const record: AutomationRun = {
    id: newId(state.random, 'run', 12),
    automationId: automation.id,
    outcome: !matched ? 'no-match' : actionsExecuted.every((a) => a.success) ? 'matched' : 'error',
    runAt: now,
    feedbackId: item.id,
    actionsExecuted,
    actor: { userId: state.user.id, name: state.user.name, system: false },
  };
  const runs = state.data.runs.get(automation.id) ?? [];
  runs.push(record);
  state.data.runs.set(automation.id, runs);
  automation.lastRunAt = now;
  return {
    status: 200,
    body: {
      runId: record.id,
      outcome: record.outcome,
      actionsExecuted: structuredClone(actionsExecuted),
    },
  };
}

function listRuns(call: Call) {
  const automation = automationOf(call);
  const runs = (call.state.data.runs.get(automation.id) ?? []).slice(-RUNS_SHOWN).reverse();
  return {
    status: 200,
    body: {
      runs: runs.map(({ automationId: _, ...rest }) => structuredClone(rest)),
    },
  };
}

export const automationRoutes = [
  route('GET', '/automations', list),
  route('GET', '/automations/:id', get),
  route('POST', '/automations/:id/run', run),
  route('GET', '/automations/:id/runs', listRuns),
];
