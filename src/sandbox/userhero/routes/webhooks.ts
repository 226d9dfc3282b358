import { projectIn, requiredWorkspace } from '../access.js';
import { notFound } from '../errors.js';
import { lowerChars, newId, randomChars } from '../ids.js';
import type { Webhook } from '../model.js';
import { renderWebhook } from '../render.js';
import { created, deleted, ok, route } from '../router.js';
import type { AppState, Call } from '../state.js';
import { readString } from '../validate.js';

export const HOOKS_BASE = 'https://userhero.co/api/hooks';

export function newWebhook(
  state: Pick<AppState, 'random'>,
  fields: Pick<Webhook, 'workspaceId' | 'projectId' | 'name' | 'createdAt'>,
): Webhook {
  const slug = lowerChars(state.random, 16);
  return {
    id: newId(state.random, 'wh', 12),
    ...fields,
    slug,
    url: `${HOOKS_BASE}/${slug}`,
    secret: `whsec_${randomChars(state.random, 32)}`,
    enabled: true,
    updatedAt: fields.createdAt,
  };
}

function list(call: Call) {
  const workspace = requiredWorkspace(call);
  const webhooks = [...call.state.data.webhooks.values()].filter(
    (webhook) => webhook.workspaceId === workspace.id,
  );
  return ok(webhooks.map(renderWebhook));
}

/** The only response that carries the secret. */
function create(call: Call) {
  const { state } = call;
  const body = call.body();
  const workspace = requiredWorkspace(call);
  const name = readString(body, 'name', { required: true, max: 100 });
  const projectId = readString(body, 'projectId');
  if (projectId) projectIn(state, workspace, projectId);
  const webhook = newWebhook(state, {
    workspaceId: workspace.id,
    projectId: projectId ?? null,
    name,
    createdAt: state.now().toISOString(),
  });
  state.data.webhooks.set(webhook.id, webhook);
  return created({ ...renderWebhook(webhook), secret: webhook.secret });
}

/** Webhooks answer 200 with `{ id, deleted }`. */
function remove(call: Call) {
  const workspace = requiredWorkspace(call);
  const webhook = call.state.data.webhooks.get(call.id);
  if (!webhook || webhook.workspaceId !== workspace.id) throw notFound('Webhook not found');
  call.state.data.webhooks.delete(webhook.id);
  return deleted(webhook.id);
}

export const webhookRoutes = [
  route('GET', '/webhooks', list),
  route('POST', '/webhooks', create),
  route('DELETE', '/webhooks/:id', remove),
];
