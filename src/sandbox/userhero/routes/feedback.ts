import { feedbackIn, isMember, requiredWorkspace } from '../access.js';
import { unlinkFeedback } from '../customer-links.js';
import { badRequest, notFound } from '../errors.js';
import { type Feedback, PRIORITIES, type Priority } from '../model.js';
import { renderFeedback, renderFeedbackDetail } from '../render.js';
import { noContent, ok, route } from '../router.js';
import type { Call } from '../state.js';
import { isKnownStatus } from '../statuses.js';
import {
  pageParams,
  readBoolean,
  readEnum,
  readIsoDate,
  readNullableString,
  readStringArray,
  slicePage,
} from '../validate.js';
import { createFeedback } from './feedback-create.js';

function list(call: Call) {
  const workspace = requiredWorkspace(call);
  const page = pageParams(call.query);
  const status = call.query.get('status') || undefined;
  const category = call.query.get('category') || undefined;
  const projectId = call.query.get('projectId') || undefined;
  // "Exact match": read as exact spelling, or as the address with its case ignored.
  const fold = (value: string | null | undefined) =>
    call.state.exactEmail ? value : value?.toLowerCase();
  const email = fold(call.query.get('userEmail')) || undefined;
  const all = [...call.state.data.feedback.values()];
  const matching: Feedback[] = [];
  // Reverse insertion order is newest first (see UserHeroData).
  for (let i = all.length - 1; i >= 0; i--) {
    const item = all[i];
    if (!item || item.workspaceId !== workspace.id) continue;
    if (status !== undefined && item.status !== status) continue;
    if (category !== undefined && item.category !== category) continue;
    if (projectId !== undefined && item.projectId !== projectId) continue;
    if (email !== undefined && fold(item.userEmail) !== email) continue;
    matching.push(item);
  }
  return ok(slicePage(matching, page).map((item) => renderFeedback(call.state, item)));
}

function get(call: Call) {
  const item = feedbackIn(call.state, requiredWorkspace(call), call.id);
  return ok(renderFeedbackDetail(call.state, item));
}

/** Accepts `245` and `#245` (sent as `%23245`). */
function getByNumber(call: Call) {
  const workspace = requiredWorkspace(call);
  const match = /^#?(\d+)$/.exec(call.id);
  if (!match?.[1]) throw badRequest('ticketNumber must be a number like 245 or #245');
  const ticketNumber = Number(match[1]);
  for (const item of call.state.data.feedback.values()) {
    if (item.workspaceId === workspace.id && item.ticketNumber === ticketNumber) {
      return ok(renderFeedbackDetail(call.state, item));
    }
  }
  throw notFound('Feedback item not found');
}

function update(call: Call) {
  const workspace = requiredWorkspace(call);
  const item = feedbackIn(call.state, workspace, call.id);
  const body = call.body();
  const project = call.state.data.projects.get(item.projectId);

  const status = readNullableString(body, 'status');
  if (status === null || (status !== undefined && !isKnownStatus(project, status))) {
    throw badRequest(`Unknown status: ${status}`);
  }
  const category = readNullableString(body, 'category');
  const tags = readStringArray(body, 'tags');
  const priority: Priority | null | undefined =
    body.priority === null ? null : readEnum(body, 'priority', PRIORITIES);
  const assigneeId = readNullableString(body, 'assigneeId');
  if (assigneeId && !isMember(workspace, assigneeId)) {
    throw badRequest('assigneeId must be a workspace member');
  }
  const dueDate = readIsoDate(body, 'dueDate');
  const isPublic = readBoolean(body, 'isPublic');

  // Validate everything before changing anything, so a 400 leaves the item untouched.
  if (status !== undefined) item.status = status;
  if (category !== undefined) item.category = category;
  if (tags !== undefined) item.tags = [...new Set(tags)];
  if (priority !== undefined) item.priority = priority;
  if (assigneeId !== undefined) item.assigneeId = assigneeId || null;
  if (dueDate !== undefined) item.dueDate = dueDate;
  if (isPublic !== undefined) item.isPublic = isPublic;
  item.updatedAt = call.state.now().toISOString();
  return ok(renderFeedback(call.state, item));
}

/** Feedback answers 204 with no body (the contract allows either form; see projects for 200). */
function remove(call: Call) {
  const { data } = call.state;
  const item = feedbackIn(call.state, requiredWorkspace(call), call.id);
  unlinkFeedback(data, item);
  data.feedback.delete(item.id);
  data.comments.delete(item.id);
  data.notes.delete(item.id);
  return noContent();
}

export const feedbackRoutes = [
  route('GET', '/feedback', list),
  route('POST', '/feedback', createFeedback),
  route('GET', '/feedback/number/:id', getByNumber),
  route('GET', '/feedback/:id', get),
  route('PATCH', '/feedback/:id', update),
  route('DELETE', '/feedback/:id', remove),
];
