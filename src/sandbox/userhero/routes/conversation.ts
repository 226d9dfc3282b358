// The customer thread (comments) and internal notes of a feedback item. Both are addressed by
// feedback id alone (the docs give them no workspaceId) and list everything, oldest first.
import { feedbackById, isMember } from '../access.js';
import { readAttachments } from '../attachments.js';
import { badRequest, forbidden } from '../errors.js';
import { timedId, uuid } from '../ids.js';
import type { Comment, Note } from '../model.js';
import { renderComment, renderNote } from '../render.js';
import { created, ok, route } from '../router.js';
import type { Call } from '../state.js';
import { readEmail, readEnum, readString, readStringArray } from '../validate.js';

const MAX_COMMENT = 2000;
const MAX_NOTE = 5000;

function listComments(call: Call) {
  const item = feedbackById(call.state, call.id);
  return ok((call.state.data.comments.get(item.id) ?? []).map(renderComment));
}

function addComment(call: Call) {
  const { state } = call;
  const item = feedbackById(state, call.id);
  const body = call.body();
  const message = readString(body, 'message', { max: MAX_COMMENT }) ?? '';
  const attachments = readAttachments(body);
  if (message.trim() === '' && attachments.length === 0) {
    throw badRequest('message is required when there are no attachments');
  }
  const authorType = readEnum(body, 'authorType', ['agent', 'customer'] as const) ?? 'agent';
  let authorName = state.user.name;
  let authorEmail: string | null = state.user.email;
  if (authorType === 'customer') {
    authorName = readString(body, 'authorName', { required: true });
    const email = readEmail(body, 'authorEmail');
    if (!email) throw badRequest('authorEmail is required for customer comments');
    authorEmail = email;
    if (!item.customerCommentsEnabled) {
      throw forbidden('Customer comments are not enabled on this feedback item');
    }
  }
  const now = state.now();
  const comment: Comment = {
    id: timedId(state.random, 'cc', now),
    feedbackId: item.id,
    message,
    authorType,
    authorName,
    authorEmail,
    attachments,
    createdAt: now.toISOString(),
  };
  const thread = state.data.comments.get(item.id) ?? [];
  thread.push(comment);
  state.data.comments.set(item.id, thread);
  return created(renderComment(comment));
}

function listNotes(call: Call) {
  const item = feedbackById(call.state, call.id);
  return ok((call.state.data.notes.get(item.id) ?? []).map(renderNote));
}

function addNote(call: Call) {
  const { state } = call;
  const item = feedbackById(state, call.id);
  const body = call.body();
  const content = readString(body, 'content', { max: MAX_NOTE }) ?? '';
  const attachments = readAttachments(body);
  if (content.trim() === '' && attachments.length === 0) {
    throw badRequest('content is required when there are no attachments');
  }
  const contentHtml = readString(body, 'contentHtml') ?? null;
  const mentions = [...new Set(readStringArray(body, 'mentions') ?? [])];
  const workspace = state.data.workspaces.get(item.workspaceId);
  const stranger = mentions.find((id) => !workspace || !isMember(workspace, id));
  if (stranger) throw badRequest(`mentions: ${stranger} is not a workspace member`);
  const note: Note = {
    id: uuid(state.random),
    feedbackId: item.id,
    content,
    contentHtml,
    mentions,
    authorName: state.user.name,
    authorEmail: state.user.email,
    attachments,
    createdAt: state.now().toISOString(),
  };
  const notes = state.data.notes.get(item.id) ?? [];
  notes.push(note);
  state.data.notes.set(item.id, notes);
  for (const id of mentions) if (!item.watcherIds.includes(id)) item.watcherIds.push(id);
  return created(renderNote(note));
}

export const conversationRoutes = [
  route('GET', '/feedback/:id/comments', listComments),
  route('POST', '/feedback/:id/comments', addComment),
  route('GET', '/feedback/:id/notes', listNotes),
  route('POST', '/feedback/:id/notes', addNote),
];
