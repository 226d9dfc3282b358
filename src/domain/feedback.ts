/** UserHero's behaviour bucket of a status, system or custom. */
export type FeedbackStatusCategory = 'open' | 'pending' | 'resolved' | 'closed';

export interface Feedback {
  id: string;
  ticketNumber: number | null;
  workspaceId: string;
  projectId: string;
  /** A widget id, or `api`. */
  widgetId: string | null;
  message: string;
  category: string | null;
  rating: number | null;
  /** A status id: `new`, `in-progress`, `reopened`, `resolved`, `archived` or a custom one. */
  status: string;
  statusCategory: FeedbackStatusCategory | null;
  tags: string[];
  /** `low`, `medium`, `high`, `urgent`. */
  priority: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** Lower-cased. */
  assigneeEmail: string | null;
  watcherIds: string[];
  dueDate: string | null;
  slaBreached: boolean;
  /** Lower-cased. */
  userEmail: string | null;
  userName: string | null;
  userPhone: string | null;
  screenshotUrl: string | null;
  attachmentUrl: string | null;
  audioUrl: string | null;
  videoUrl: string | null;
  context: Record<string, unknown> | null;
  /** Includes the validated `customFields` sub-object, when any. */
  customMetadata: Record<string, unknown> | null;
  votes: number;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string | null;
  /** Only on a single-item read; null on list items. */
  customerComments: Comment[] | null;
  /** Only on a single-item read; null on list items. */
  internalNotes: Note[] | null;
}

export interface Attachment {
  id: string;
  url: string;
  /** `image`, `audio`, `video`. */
  type: string | null;
  fileName: string | null;
  fileSize: number | null;
  mimeType: string | null;
}

/** A message of the customer conversation thread. */
export interface Comment {
  id: string;
  message: string | null;
  /** `agent` or `customer`. */
  authorType: string;
  authorName: string | null;
  authorEmail: string | null;
  attachments: Attachment[];
  createdAt: string;
}

/** An internal note, never shown to customers. */
export interface Note {
  id: string;
  content: string | null;
  contentHtml: string | null;
  authorName: string | null;
  authorEmail: string | null;
  mentions: string[];
  attachments: Attachment[];
  createdAt: string;
}

/**
 * What an upload answers: a storage URL (feedback media), or with a `feedbackId` a ready
 * conversation attachment.
 */
export interface UploadedMedia {
  url: string;
  contentType: string | null;
  size: number | null;
  attachment: Attachment | null;
}
