// `POST /api/hooks/{slug}`: UserHero's incoming webhooks. No API key: the body must be signed
// with the webhook's secret (`X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body>`).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SandboxRequest, SandboxResponse } from '../../types.js';
import { ApiError, notFound } from '../errors.js';
import type { AppState, Call } from '../state.js';
import { createFeedback } from './feedback-create.js';

export const HOOKS_PATH = '/api/hooks/';

export function receiveHook(state: AppState, req: SandboxRequest): SandboxResponse {
  if (req.method.toUpperCase() !== 'POST') throw notFound('No route for this method');
  const slug = decodeURIComponent(req.path.slice(HOOKS_PATH.length));
  const webhook = [...state.data.webhooks.values()].find((w) => w.slug === slug);
  if (!webhook || !webhook.enabled) throw notFound('Webhook not found');
  const header = req.headers['x-webhook-signature'] ?? '';
  const expected = `sha256=${createHmac('sha256', webhook.secret).update(req.body).digest('hex')}`;
  const given = Buffer.from(header);
  const wanted = Buffer.from(expected);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new ApiError(401, 'unauthorized', 'X-Webhook-Signature does not match the body');
  }
  let payload: Record<string, unknown>;
  try {
    const parsed = JSON.parse(req.body.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
    payload = parsed as Record<string, unknown>;
  } catch {
    throw new ApiError(400, 'bad_request', 'Body must be a JSON object');
  }
  const projectId = payload.projectId ?? webhook.projectId;
  if (projectId === null || projectId === undefined) {
    throw new ApiError(400, 'bad_request', 'projectId is required: this webhook has no default');
  }
  // The payload becomes a feedback item of the webhook's workspace, as Create Feedback makes it.
  const body = {
    message: payload.message,
    projectId,
    category: payload.category,
    customMetadata: payload.metadata,
  };
  const call: Call = {
    req,
    id: '',
    query: new URLSearchParams({ workspaceId: webhook.workspaceId }),
    body: () => JSON.parse(JSON.stringify(body)),
    state,
  };
  return createFeedback(call);
}
