import { badRequest } from './errors.js';
import type { Attachment, AttachmentType } from './model.js';
import { isObject, type Json } from './validate.js';

export const MAX_ATTACHMENTS = 3;

const MB = 1024 * 1024;

/** The docs' supported-types table: category and max size per MIME type. */
export const MEDIA_TYPES: Record<string, { type: AttachmentType; maxBytes: number }> = {
  'image/png': { type: 'image', maxBytes: 5 * MB },
  'image/jpeg': { type: 'image', maxBytes: 5 * MB },
  'image/webp': { type: 'image', maxBytes: 5 * MB },
  'audio/webm': { type: 'audio', maxBytes: 10 * MB },
  'audio/mp4': { type: 'audio', maxBytes: 10 * MB },
  'audio/mpeg': { type: 'audio', maxBytes: 10 * MB },
  'audio/ogg': { type: 'audio', maxBytes: 10 * MB },
  'audio/wav': { type: 'audio', maxBytes: 10 * MB },
  'video/webm': { type: 'video', maxBytes: 50 * MB },
  'video/mp4': { type: 'video', maxBytes: 50 * MB },
};

/** Comments and notes take attachment objects as the upload endpoint returns them. */
export function readAttachments(body: Json): Attachment[] {
  const value = body.attachments;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest('attachments must be an array');
  if (value.length > MAX_ATTACHMENTS) {
    throw badRequest(`attachments must have at most ${MAX_ATTACHMENTS} items`);
  }
  return value.map((item, i) => {
    const where = `attachments[${i}]`;
    if (!isObject(item)) throw badRequest(`${where} must be an attachment object`);
    const { id, url, type, fileName, fileSize, mimeType } = item;
    if (typeof id !== 'string' || typeof url !== 'string') {
      throw badRequest(`${where} needs the id and url returned by the upload endpoint`);
    }
    if (type !== 'image' && type !== 'audio' && type !== 'video') {
      throw badRequest(`${where}.type must be image, audio or video`);
    }
    if (typeof fileName !== 'string' || typeof mimeType !== 'string') {
      throw badRequest(`${where} needs fileName and mimeType`);
    }
    if (typeof fileSize !== 'number' || !Number.isInteger(fileSize) || fileSize < 0) {
      throw badRequest(`${where}.fileSize must be a non-negative integer`);
    }
    return { id, url, type, fileName, fileSize, mimeType };
  });
}
