// UserHero feedback, its attachments, comments, notes and uploads, mapped to the domain.
import type {
  Attachment,
  Comment,
  Feedback,
  FeedbackStatusCategory,
  Note,
  UploadedMedia,
} from '../../domain/feedback.js';
import { normalizeEmail } from '../../domain/text.js';
import { bool, isRecord, isString, num, obj, records, str, strings } from '../shape.js';
import type {
  WireAttachment,
  WireComment,
  WireFeedback,
  WireNote,
  WireUploadedMedia,
} from './wire.js';

const STATUS_CATEGORIES: readonly string[] = ['open', 'pending', 'resolved', 'closed'];
/** For a body without `statusCategory`: the buckets of the system statuses. */
const SYSTEM_STATUS_CATEGORY: Record<string, FeedbackStatusCategory> = {
  new: 'open',
  reopened: 'open',
  'in-progress': 'pending',
  resolved: 'resolved',
  archived: 'closed',
};

function statusCategory(wire: WireFeedback): FeedbackStatusCategory | null {
  const given = str(wire.statusCategory);
  if (given !== null && STATUS_CATEGORIES.includes(given)) return given as FeedbackStatusCategory;
  return SYSTEM_STATUS_CATEGORY[wire.status] ?? null;
}

export function mapFeedback(wire: WireFeedback): Feedback {
  return {
    id: wire.id,
    ticketNumber: num(wire.ticketNumber),
    workspaceId: wire.workspaceId,
    projectId: wire.projectId,
    widgetId: str(wire.widgetId),
    message: wire.message,
    category: str(wire.category),
    rating: num(wire.rating),
    status: wire.status,
    statusCategory: statusCategory(wire),
    tags: strings(wire.tags),
    priority: str(wire.priority),
    assigneeId: str(wire.assigneeId),
    assigneeName: str(wire.assigneeName),
    assigneeEmail: normalizeEmail(str(wire.assigneeEmail)),
    watcherIds: strings(wire.watcherIds),
    dueDate: str(wire.dueDate),
    slaBreached: bool(wire.slaBreached) ?? false,
    userEmail: normalizeEmail(str(wire.userEmail)),
    userName: str(wire.userName),
    userPhone: str(wire.userPhone),
    screenshotUrl: str(wire.screenshotUrl),
    attachmentUrl: str(wire.attachmentUrl),
    audioUrl: str(wire.audioUrl),
    videoUrl: str(wire.videoUrl),
    context: obj(wire.context),
    customMetadata: obj(wire.customMetadata),
    votes: num(wire.votes) ?? 0,
    isPublic: bool(wire.isPublic) ?? false,
    createdAt: wire.createdAt,
    updatedAt: str(wire.updatedAt),
    customerComments: Array.isArray(wire.customerComments)
      ? wire.customerComments.filter(isCommentLike).map(mapComment)
      : null,
    internalNotes: Array.isArray(wire.internalNotes)
      ? wire.internalNotes.filter(isCommentLike).map(mapNote)
      : null,
  };
}

/** Embedded threads are read leniently: a malformed entry is left out, not fatal. */
function isCommentLike(value: unknown): value is { id: string; createdAt: string } {
  return isRecord(value) && isString(value.id) && isString(value.createdAt);
}

export function mapAttachment(wire: WireAttachment): Attachment {
  return {
    id: wire.id,
    url: wire.url,
    type: str(wire.type),
    fileName: str(wire.fileName),
    fileSize: num(wire.fileSize),
    mimeType: str(wire.mimeType),
  };
}

function attachments(value: unknown): Attachment[] {
  return records(value)
    .filter((a): a is Record<string, unknown> & WireAttachment => isString(a.id) && isString(a.url))
    .map(mapAttachment);
}

export function mapComment(wire: WireComment): Comment {
  return {
    id: wire.id,
    message: str(wire.message),
    authorType: str(wire.authorType) ?? 'agent',
    authorName: str(wire.authorName),
    authorEmail: normalizeEmail(str(wire.authorEmail)),
    attachments: attachments(wire.attachments),
    createdAt: wire.createdAt,
  };
}

export function mapNote(wire: WireNote): Note {
  return {
    id: wire.id,
    content: str(wire.content),
    contentHtml: str(wire.contentHtml),
    authorName: str(wire.authorName),
    authorEmail: normalizeEmail(str(wire.authorEmail)),
    mentions: strings(wire.mentions),
    attachments: attachments(wire.attachments),
    createdAt: wire.createdAt,
  };
}

/** With a `feedbackId` the upload answers an attachment object (it has an `id`). */
export function mapUpload(wire: WireUploadedMedia | WireAttachment): UploadedMedia {
  if ('id' in wire && isString(wire.id)) {
    const attachment = mapAttachment(wire);
    return {
      url: attachment.url,
      contentType: attachment.mimeType,
      size: attachment.fileSize,
      attachment,
    };
  }
  const media = wire as WireUploadedMedia;
  return {
    url: media.url,
    contentType: str(media.contentType),
    size: num(media.size),
    attachment: null,
  };
}
