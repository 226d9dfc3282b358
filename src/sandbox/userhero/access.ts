// Workspace scoping: every resource belongs to a workspace, and a workspace the key cannot use
// answers 403 while one that does not exist answers 404, as the docs' error table describes.
import { badRequest, forbidden, notFound } from './errors.js';
import type { Customer, Feedback, Project, Workspace } from './model.js';
import type { AppState, Call } from './state.js';
import { readString } from './validate.js';

export function canUseApi(workspace: Workspace): boolean {
  return (
    workspace.apiAccessEnabled &&
    workspace.plan !== 'free' &&
    (workspace.role === 'owner' || workspace.role === 'admin')
  );
}

export function accessibleWorkspace(state: AppState, id: string): Workspace {
  const workspace = state.data.workspaces.get(id);
  if (!workspace) throw notFound('Workspace not found');
  if (!canUseApi(workspace)) throw forbidden('API access is disabled for this workspace');
  return workspace;
}

/** workspaceId from the query (GET, DELETE) or the body, falling back to the query (POST, PATCH). */
export function workspaceIdOf(call: Call): string | undefined {
  const method = call.req.method;
  const fromQuery = call.query.get('workspaceId') || undefined;
  if (method === 'GET' || method === 'DELETE') return fromQuery;
  return readString(call.body(), 'workspaceId') ?? fromQuery;
}

export function requiredWorkspace(call: Call, from: 'auto' | 'query' = 'auto'): Workspace {
  const id = from === 'query' ? call.query.get('workspaceId') : workspaceIdOf(call);
  if (!id) throw badRequest('workspaceId is required');
  return accessibleWorkspace(call.state, id);
}

/** For ids that identify a resource on their own: a workspaceId, when given, must match. */
export function checkOptionalWorkspace(call: Call, resourceWorkspaceId: string, what: string) {
  const id = workspaceIdOf(call);
  if (id !== undefined && id !== resourceWorkspaceId) throw notFound(`${what} not found`);
  accessibleWorkspace(call.state, resourceWorkspaceId);
}

export function projectIn(state: AppState, workspace: Workspace, id: string): Project {
  const project = state.data.projects.get(id);
  if (!project || project.workspaceId !== workspace.id) throw notFound('Project not found');
  return project;
}

export function feedbackIn(state: AppState, workspace: Workspace, id: string): Feedback {
  const item = state.data.feedback.get(id);
  if (!item || item.workspaceId !== workspace.id) throw notFound('Feedback item not found');
  return item;
}

/** Feedback addressed by id alone (comments, notes): its own workspace must allow API use. */
export function feedbackById(state: AppState, id: string): Feedback {
  const item = state.data.feedback.get(id);
  if (!item) throw notFound('Feedback item not found');
  accessibleWorkspace(state, item.workspaceId);
  return item;
}

export function customerById(call: Call, id: string): Customer {
  const customer = call.state.data.customers.get(id);
  if (!customer) throw notFound('Customer not found');
  checkOptionalWorkspace(call, customer.workspaceId, 'Customer');
  return customer;
}

export function isMember(workspace: Workspace, userId: string): boolean {
  return workspace.members.some((member) => member.id === userId);
}
