import { feedbackIn, projectIn, requiredWorkspace } from '../access.js';
import { MEDIA_TYPES } from '../attachments.js';
import { badRequest } from '../errors.js';
import { lowerChars, newId, timedId } from '../ids.js';
import type { Upload } from '../model.js';
import { boundaryOf, parseMultipart } from '../multipart.js';
import { ok, route } from '../router.js';
import type { Call } from '../state.js';

const STORAGE = 'https://storage.googleapis.com/userhero-uploads';
const MB = 1024 * 1024;

const safeName = (name: string) => name.replace(/[^\w.-]+/g, '_').slice(-100) || 'file';

/** Answers 200 (not 201): it stores a file but creates no API resource. */
function upload(call: Call) {
  const { state } = call;
  const workspace = requiredWorkspace(call, 'query');
  const parts = parseMultipart(call.req.body, boundaryOf(call.req.headers['content-type']));
  const field = (name: string) => parts.find((part) => part.name === name);
  const text = (name: string) => field(name)?.data.toString('utf8').trim() || undefined;

  const file = field('file');
  if (!file || file.fileName === undefined) throw badRequest('file is required');
  const mimeType = file.contentType ?? '';
  const media = MEDIA_TYPES[mimeType];
  if (!media) {
    throw badRequest(
      `Unsupported file type ${mimeType || '(none)'}; supported: ${Object.keys(MEDIA_TYPES).join(', ')}`,
    );
  }
  if (file.data.length > media.maxBytes) {
    throw badRequest(`${media.type} files must be at most ${media.maxBytes / MB} MB`);
  }
  const projectId = text('projectId');
  if (projectId) projectIn(state, workspace, projectId);
  const feedbackId = text('feedbackId');
  if (feedbackId) feedbackIn(state, workspace, feedbackId);

  const now = state.now();
  const fileName = file.fileName || 'file';
  const folder = feedbackId ? `conversations/${feedbackId}` : `media/${projectId ?? 'unsorted'}`;
  const record: Upload = {
    id: newId(state.random, 'upl'),
    workspaceId: workspace.id,
    projectId: projectId ?? null,
    feedbackId: feedbackId ?? null,
    url: `${STORAGE}/${workspace.id}/${folder}/${now.getTime()}_${lowerChars(state.random, 8)}_${safeName(fileName)}`,
    contentType: mimeType,
    size: file.data.length,
    fileName,
    createdAt: now.toISOString(),
  };
  state.data.uploads.push(record);
  if (!feedbackId) return ok({ url: record.url, contentType: mimeType, size: record.size });
  return ok({
    id: timedId(state.random, 'att', now),
    url: record.url,
    type: media.type,
    fileName,
    fileSize: record.size,
    mimeType,
  });
}

export const uploadRoutes = [route('POST', '/feedback/upload', upload)];
