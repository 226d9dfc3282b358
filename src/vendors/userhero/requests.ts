// What UserHero's writes and filters accept, as the docs spell them. Emails are sent as given;
// the vendor normalises them itself.

/** Incoming webhook payload (docs: "Sending Data to a Webhook"). */
export interface WebhookPayload {
  message: string;
  /** Required when the webhook has no default project. */
  projectId?: string;
  category?: string;
  metadata?: Record<string, unknown>;
}

export type Priority = 'low' | 'medium' | 'high' | 'urgent';

export interface FeedbackFilter {
  workspaceId: string;
  /** A status id: `new`, `in-progress`, `reopened`, `resolved`, `archived` or a custom one. */
  status?: string;
  category?: string;
  projectId?: string;
  /** Exact match. */
  userEmail?: string;
}

export interface CreateFeedbackInput {
  workspaceId: string;
  projectId: string;
  message: string;
  category?: string;
  rating?: number;
  tags?: string[];
  userEmail?: string;
  screenshotUrl?: string;
  attachmentUrl?: string;
  audioUrl?: string;
  videoUrl?: string;
  /** With SLA rules on the project, the vendor computes `dueDate` from it. */
  priority?: Priority;
  context?: Record<string, unknown>;
  /** Any keys; `customFields` is reserved for validated `df_*` / `cf_*` values. */
  customMetadata?: Record<string, unknown>;
  /** Defaults to `api`. */
  widgetId?: string;
}

export interface UpdateFeedbackInput {
  workspaceId: string;
  status?: string;
  category?: string;
  tags?: string[];
  priority?: Priority;
  /** Must be a workspace member. */
  assigneeId?: string;
  dueDate?: string;
  isPublic?: boolean;
}

/** An attachment object as the upload (with `feedbackId`) returns it. */
export interface AttachmentInput {
  id: string;
  url: string;
  type?: string;
  fileName?: string;
  fileSize?: number;
  mimeType?: string;
}

/** `message` is required unless there are attachments (at most 3). */
export interface AddCommentInput {
  message?: string;
  /** Default `agent`; `customer` needs `authorName` and `authorEmail`. */
  authorType?: 'agent' | 'customer';
  authorName?: string;
  authorEmail?: string;
  attachments?: AttachmentInput[];
}

/** `content` is required unless there are attachments (at most 3). */
export interface AddNoteInput {
  content?: string;
  contentHtml?: string;
  /** User ids; they become watchers. */
  mentions?: string[];
  attachments?: AttachmentInput[];
}

export interface CreateProjectInput {
  workspaceId: string;
  name: string;
  domain?: string;
}

export interface UpdateProjectInput {
  workspaceId: string;
  name?: string;
  domain?: string;
  slaRules?: { priority: Priority; hours: number }[];
}

export interface CreateWidgetInput {
  workspaceId: string;
  projectId: string;
  name: string;
  config?: Record<string, unknown>;
  styling?: Record<string, unknown>;
}

export interface UpdateWidgetInput {
  workspaceId: string;
  name?: string;
  enabled?: boolean;
  config?: Record<string, unknown>;
  styling?: Record<string, unknown>;
}

export interface CreateWebhookInput {
  workspaceId: string;
  name: string;
  projectId?: string;
}

export type CustomerSort = 'lastSeenAt' | 'firstSeenAt' | 'feedbackCount' | 'name';

export interface CustomerFilter {
  workspaceId: string;
  /** Name, email or phone. */
  search?: string;
  /** E.g. `widget`, `email`, `api`. */
  channel?: string;
  tag?: string;
  /** Default `lastSeenAt`. */
  sort?: CustomerSort;
  /** Default `desc`. */
  order?: 'asc' | 'desc';
}

export interface CreateCustomerInput {
  workspaceId: string;
  name?: string;
  primaryEmail?: string;
  primaryPhone?: string;
  emails?: string[];
  phones?: string[];
  company?: string;
  tags?: string[];
  notes?: string;
}

/** Arrays replace what the customer had. */
export interface UpdateCustomerInput {
  name?: string;
  primaryEmail?: string;
  primaryPhone?: string;
  emails?: string[];
  phones?: string[];
  company?: string;
  tags?: string[];
  notes?: string;
  customFields?: Record<string, unknown>;
  socialHandles?: { platform: string; handle: string; accountId?: string }[];
  /** IANA zone. */
  timezone?: string;
  language?: string;
}

export interface AutomationFilter {
  projectId: string;
  scope?: 'feedback.created' | 'feedback.updated' | 'time.scheduled' | 'manual';
  enabled?: boolean;
  /** Include SLA-generated automations (vendor default false). */
  includeSystem?: boolean;
}
