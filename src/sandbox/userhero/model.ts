// The simulator's in-memory state. Stored records hold what the API renders plus the internal
// links the docs imply but never expose (feedback → customer, per-item comment switch, custom
// statuses, SLA rules); `render.ts` decides what leaves the process.

export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SYSTEM_STATUSES = ['new', 'in-progress', 'reopened', 'resolved', 'archived'] as const;
export type StatusCategory = 'open' | 'pending' | 'resolved' | 'closed';

export const AUTOMATION_SCOPES = [
  'feedback.created',
  'feedback.updated',
  'time.scheduled',
  'manual',
] as const;
export type AutomationScope = (typeof AUTOMATION_SCOPES)[number];

export type AttachmentType = 'image' | 'audio' | 'video';

export interface Member {
  id: string;
  name: string;
  email: string;
  role: 'owner' | 'admin' | 'agent';
}

export interface Workspace {
  id: string;
  name: string;
  plan: 'free' | 'pro' | 'pro_max';
  billingInterval: 'monthly' | 'yearly';
  subscriptionStatus: 'active' | 'trialing' | 'past_due' | 'canceled';
  apiAccessEnabled: boolean;
  members: Member[];
  /** The API key user's role here. */
  role: Member['role'];
  /** Ticket numbers are per workspace and never reused, even after a delete. */
  nextTicketNumber: number;
  createdAt: string;
  updatedAt: string;
}

export interface CustomStatus {
  id: string;
  label: string;
  category: StatusCategory;
}

export interface CustomFieldDefinition {
  id: string;
  type: 'text' | 'textarea' | 'number' | 'select' | 'email' | 'url' | 'checkbox' | 'date';
  label: string;
  required: boolean;
  placeholder?: string;
  options?: string[];
  validation?: { min?: number; max?: number; minLength?: number; maxLength?: number };
  isDefault?: boolean;
  visibilityCondition?: { fieldId: string; value: string };
  optionsByParent?: { parentFieldId: string; map: Record<string, string[]> };
}

export interface SlaRule {
  priority: Priority;
  hours: number;
}

export interface Project {
  id: string;
  workspaceId: string;
  name: string;
  type: 'web' | 'ios' | 'android';
  domain: string | null;
  bundleId: string | null;
  packageName: string | null;
  publicKey: string;
  privacySettings: Record<string, unknown>;
  publicPortal: Record<string, unknown> | null;
  customFieldDefinitions: CustomFieldDefinition[];
  disabledDefaultFields: string[];
  slaRules: SlaRule[];
  customStatuses: CustomStatus[];
  /** Copied onto each new feedback item ("customer comments enabled by default"). */
  customerCommentsEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Widget {
  id: string;
  workspaceId: string;
  projectId: string;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  styling: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface Webhook {
  id: string;
  workspaceId: string;
  projectId: string | null;
  name: string;
  slug: string;
  url: string;
  /** Kept so tests can sign payloads; rendered only in the create response. */
  secret: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Attachment {
  id: string;
  url: string;
  type: AttachmentType;
  fileName: string;
  fileSize: number;
  mimeType: string;
}

export interface Feedback {
  id: string;
  ticketNumber: number | null;
  workspaceId: string;
  projectId: string;
  widgetId: string;
  message: string;
  category: string | null;
  rating: number | null;
  status: string;
  tags: string[];
  priority: Priority | null;
  assigneeId: string | null;
  watcherIds: string[];
  dueDate: string | null;
  userEmail: string | null;
  userName: string | null;
  userPhone: string | null;
  screenshotUrl: string | null;
  attachmentUrl: string | null;
  audioUrl: string | null;
  videoUrl: string | null;
  context: Record<string, unknown>;
  customMetadata: Record<string, unknown> | null;
  votes: number;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string;
  /** Internal: the customer profile this item counts towards (by email). */
  customerId: string | null;
  /** Internal: whether customer-authored comments are accepted. */
  customerCommentsEnabled: boolean;
}

export interface Comment {
  id: string;
  feedbackId: string;
  message: string;
  authorType: 'agent' | 'customer';
  authorName: string;
  authorEmail: string | null;
  attachments: Attachment[];
  createdAt: string;
}

export interface Note {
  id: string;
  feedbackId: string;
  content: string;
  contentHtml: string | null;
  mentions: string[];
  authorName: string;
  authorEmail: string;
  attachments: Attachment[];
  createdAt: string;
}

export interface SocialHandle {
  platform: string;
  handle: string;
  accountId?: string;
}

export interface Customer {
  id: string;
  workspaceId: string;
  name: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  /** Lower-cased. */
  emails: string[];
  phones: string[];
  socialHandles: SocialHandle[];
  company: string | null;
  tags: string[];
  feedbackCount: number;
  channels: string[];
  lastSeenAt: string | null;
  firstSeenAt: string | null;
  notes: string | null;
  customFields: Record<string, unknown>;
  timezone: string | null;
  language: string | null;
  mergedCustomerIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ConditionRule {
  field: string;
  operator: string;
  value?: unknown;
}

export interface ConditionGroup {
  combinator: 'and' | 'or';
  rules: (ConditionRule | ConditionGroup)[];
}

export interface AutomationAction {
  type: 'set_status' | 'add_tag' | 'assign_agent' | 'set_priority';
  params: Record<string, unknown>;
}

export interface Automation {
  id: string;
  projectId: string;
  name: string;
  scope: AutomationScope;
  enabled: boolean;
  priority: number;
  systemGenerated: boolean;
  conditions: ConditionGroup;
  actions: AutomationAction[];
  lastRunAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ActionResult {
  type: string;
  success: boolean;
  error?: string;
}

export interface AutomationRun {
  id: string;
  automationId: string;
  outcome: 'matched' | 'no-match' | 'error';
  runAt: string;
  feedbackId: string;
  actionsExecuted: ActionResult[];
  actor: { userId: string | null; name: string; system: boolean };
}

/** Metadata of an uploaded file; the bytes are not kept. */
export interface Upload {
  id: string;
  workspaceId: string;
  projectId: string | null;
  feedbackId: string | null;
  url: string;
  contentType: string;
  size: number;
  fileName: string;
  createdAt: string;
}

/**
 * Maps keep insertion order. Feedback is inserted oldest first and new items are always newer
 * (the clock only moves forward), so reverse insertion order is "newest first".
 */
export interface UserHeroData {
  workspaces: Map<string, Workspace>;
  projects: Map<string, Project>;
  widgets: Map<string, Widget>;
  webhooks: Map<string, Webhook>;
  feedback: Map<string, Feedback>;
  /** By feedback id, oldest first. */
  comments: Map<string, Comment[]>;
  /** By feedback id, oldest first. */
  notes: Map<string, Note[]>;
  customers: Map<string, Customer>;
  automations: Map<string, Automation>;
  /** By automation id, oldest first. */
  runs: Map<string, AutomationRun[]>;
  uploads: Upload[];
}
