import { projectIn, requiredWorkspace } from '../access.js';
import { unlinkFeedback } from '../customer-links.js';
import { badRequest } from '../errors.js';
import { lowerChars, newId } from '../ids.js';
import { PRIORITIES, type Project, type SlaRule } from '../model.js';
import { renderProject } from '../render.js';
import { created, deleted, ok, route } from '../router.js';
import type { AppState, Call } from '../state.js';
import { isObject, readEnum, readNullableString, readString } from '../validate.js';

export const DEFAULT_PRIVACY = {
  anonymizeIp: true,
  maskInputs: true,
  collectConsoleLogs: false,
  collectNetworkRequests: false,
};

function readSlaRules(value: unknown): SlaRule[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw badRequest('slaRules must be an array');
  const rules = value.map((rule, i) => {
    if (!isObject(rule)) throw badRequest(`slaRules[${i}] must be an object`);
    const priority = readEnum(rule, 'priority', PRIORITIES);
    if (!priority) throw badRequest(`slaRules[${i}].priority is required`);
    const hours = rule.hours;
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
      throw badRequest(`slaRules[${i}].hours must be a positive number`);
    }
    return { priority, hours };
  });
  if (new Set(rules.map((rule) => rule.priority)).size !== rules.length) {
    throw badRequest('slaRules must have at most one rule per priority');
  }
  return rules;
}

function list(call: Call) {
  const workspace = requiredWorkspace(call);
  const projects = [...call.state.data.projects.values()].filter(
    (project) => project.workspaceId === workspace.id,
  );
  return ok(projects.map(renderProject));
}

function create(call: Call) {
  const { state } = call;
  const body = call.body();
  const workspace = requiredWorkspace(call);
  const name = readString(body, 'name', { required: true, max: 100 });
  const domain = readNullableString(body, 'domain') ?? null;
  const type = readEnum(body, 'type', ['web', 'ios', 'android'] as const) ?? 'web';
  const bundleId = readNullableString(body, 'bundleId') ?? null;
  const packageName = readNullableString(body, 'packageName') ?? null;
  const now = state.now().toISOString();
  const project: Project = {
    id: newId(state.random, 'proj', 12),
    workspaceId: workspace.id,
    name,
    type,
    domain,
    bundleId,
    packageName,
    publicKey: `pk_live_${lowerChars(state.random, 24)}`,
    privacySettings: { ...DEFAULT_PRIVACY },
    publicPortal: null,
    customFieldDefinitions: [],
    disabledDefaultFields: [],
    slaRules: [],
    customStatuses: [],
    customerCommentsEnabled: true,
    createdAt: now,
    updatedAt: now,
  };
  state.data.projects.set(project.id, project);
  return created(renderProject(project));
}

function get(call: Call) {
  return ok(renderProject(projectIn(call.state, requiredWorkspace(call), call.id)));
}

function update(call: Call) {
  const body = call.body();
  const project = projectIn(call.state, requiredWorkspace(call), call.id);
  const name = readString(body, 'name', { max: 100 });
  if (name !== undefined && name.trim() === '') throw badRequest('name must not be empty');
  const domain = readNullableString(body, 'domain');
  const slaRules = readSlaRules(body.slaRules);
  if (name !== undefined) project.name = name;
  if (domain !== undefined) project.domain = domain;
  // Existing due dates stay: SLA rules apply to feedback created after the change.
  if (slaRules !== undefined) project.slaRules = slaRules;
  project.updatedAt = call.state.now().toISOString();
  return ok(renderProject(project));
}

/** Deleting a project deletes what lives inside it: widgets, automations, feedback. */
function cascadeDelete(state: AppState, project: Project) {
  const { data } = state;
  for (const widget of [...data.widgets.values()]) {
    if (widget.projectId === project.id) data.widgets.delete(widget.id);
  }
  for (const automation of [...data.automations.values()]) {
    if (automation.projectId !== project.id) continue;
    data.automations.delete(automation.id);
    data.runs.delete(automation.id);
  }
  for (const item of [...data.feedback.values()]) {
    if (item.projectId !== project.id) continue;
    unlinkFeedback(data, item);
    data.feedback.delete(item.id);
    data.comments.delete(item.id);
    data.notes.delete(item.id);
  }
  for (const webhook of data.webhooks.values()) {
    if (webhook.projectId === project.id) webhook.projectId = null;
  }
  data.projects.delete(project.id);
}

/** Projects answer 200 with `{ id, deleted }` (feedback and widgets answer 204). */
function remove(call: Call) {
  const project = projectIn(call.state, requiredWorkspace(call), call.id);
  cascadeDelete(call.state, project);
  return deleted(project.id);
}

export const projectRoutes = [
  route('GET', '/projects', list),
  route('POST', '/projects', create),
  route('GET', '/projects/:id', get),
  route('PATCH', '/projects/:id', update),
  route('DELETE', '/projects/:id', remove),
];
