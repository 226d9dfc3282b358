import { accessibleWorkspace, canUseApi } from '../access.js';
import { renderWorkspace } from '../render.js';
import { ok, route } from '../router.js';
import type { Call } from '../state.js';

const GB = 1024 ** 3;

/** Pro plan limits; the docs do not publish them, and the simulator reports but never enforces. */
export const PRO_LIMITS = {
  projects: 10,
  widgets: 50,
  members: 10,
  feedbackPerMonth: 10_000,
  customers: 50_000,
  automations: 200,
  webhooks: 20,
  storageBytes: 10 * GB,
};

function list(call: Call) {
  const workspaces = [...call.state.data.workspaces.values()].filter(canUseApi);
  return ok(workspaces.map(renderWorkspace));
}

function get(call: Call) {
  return ok(renderWorkspace(accessibleWorkspace(call.state, call.id)));
}

function usage(call: Call) {
  const { data } = call.state;
  const workspace = accessibleWorkspace(call.state, call.id);
  const now = call.state.now();
  const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const periodEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const mine = <T extends { workspaceId: string }>(items: Iterable<T>) =>
    [...items].filter((item) => item.workspaceId === workspace.id);
  const projectIds = new Set(mine(data.projects.values()).map((project) => project.id));
  const feedback = mine(data.feedback.values());
  return ok({
    workspaceId: workspace.id,
    plan: workspace.plan,
    periodStart: periodStart.toISOString(),
    periodEnd: periodEnd.toISOString(),
    limits: PRO_LIMITS,
    usage: {
      projects: projectIds.size,
      widgets: mine(data.widgets.values()).length,
      members: workspace.members.length,
      feedbackThisMonth: feedback.filter((item) => item.createdAt >= periodStart.toISOString())
        .length,
      feedbackTotal: feedback.length,
      customers: mine(data.customers.values()).length,
      automations: [...data.automations.values()].filter((a) => projectIds.has(a.projectId)).length,
      webhooks: mine(data.webhooks.values()).length,
      storageBytes: mine(data.uploads).reduce((sum, upload) => sum + upload.size, 0),
    },
  });
}

export const workspaceRoutes = [
  route('GET', '/workspaces', list),
  route('GET', '/workspace/:id', get),
  route('GET', '/workspace/:id/usage', usage),
];
