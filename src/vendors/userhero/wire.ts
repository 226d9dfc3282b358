// UserHero bodies as the docs spell them (/work/shared/vendors/userhero.txt), inside their
// envelopes. Fields our guards check are required; the vendor may leave out the rest.

export interface WireWorkspace {
  id: string;
  name: string;
  plan?: string;
  billingInterval?: string;
  subscriptionStatus?: string;
  apiAccessEnabled?: boolean;
  memberCount?: number;
  role?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** Undocumented beyond "plan limits and current usage counts". */
export type WireUsage = Record<string, unknown>;

export interface WireAttachment {
  id: string;
  url: string;
  type?: string;
  fileName?: string;
  fileSize?: number;
  mimeType?: string;
}

export interface WireComment {
  id: string;
  message?: string;
  authorType?: 'agent' | 'customer';
  authorName?: string;
  authorEmail?: string;
  attachments?: WireAttachment[];
  createdAt: string;
}

export interface WireNote {
  id: string;
  content?: string;
  contentHtml?: string;
  authorName?: string;
  authorEmail?: string;
  mentions?: string[];
  attachments?: WireAttachment[];
  createdAt: string;
}

export interface WireFeedback {
  id: string;
  ticketNumber?: number | null;
  workspaceId: string;
  projectId: string;
  widgetId?: string;
  message: string;
  category?: string | null;
  rating?: number | null;
  status: string;
  statusCategory?: 'open' | 'pending' | 'resolved' | 'closed';
  tags?: string[];
  priority?: 'low' | 'medium' | 'high' | 'urgent' | null;
  assigneeId?: string | null;
  assigneeName?: string | null;
  assigneeEmail?: string | null;
  watcherIds?: string[];
  dueDate?: string | null;
  slaBreached?: boolean;
  userEmail?: string | null;
  /** Promoted from `customMetadata` (name, phone patterns, `df_*`). */
  userName?: string | null;
  userPhone?: string | null;
  screenshotUrl?: string | null;
  attachmentUrl?: string | null;
  audioUrl?: string | null;
  videoUrl?: string | null;
  context?: Record<string, unknown>;
  customMetadata?: Record<string, unknown> | null;
  votes?: number;
  isPublic?: boolean;
  createdAt: string;
  updatedAt?: string;
  /** Single-item reads only. */
  customerComments?: WireComment[];
  internalNotes?: WireNote[];
}

/** Without `feedbackId`. */
export interface WireUploadedMedia {
  url: string;
  contentType?: string;
  size?: number;
}

export interface WireCustomFieldDefinition {
  id: string;
  type: string;
  label: string;
  required?: boolean;
  placeholder?: string;
  options?: string[];
  validation?: { min?: number; max?: number; minLength?: number; maxLength?: number };
  isDefault?: boolean;
  visibilityCondition?: { fieldId: string; value: string };
  optionsByParent?: { parentFieldId: string; map: Record<string, string[]> };
}

export interface WireSlaRule {
  priority: 'low' | 'medium' | 'high' | 'urgent';
  hours: number;
}

export interface WireProject {
  id: string;
  workspaceId: string;
  name: string;
  type?: string;
  domain?: string | null;
  bundleId?: string | null;
  packageName?: string | null;
  publicKey?: string;
  privacySettings?: Record<string, unknown>;
  publicPortal?: Record<string, unknown> | null;
  customFieldDefinitions?: WireCustomFieldDefinition[];
  disabledDefaultFields?: string[];
  slaRules?: WireSlaRule[];
  createdAt?: string;
  updatedAt?: string;
}

/** Undocumented beyond the create and update bodies. */
export interface WireWidget {
  id: string;
  workspaceId?: string;
  projectId?: string;
  name: string;
  enabled?: boolean;
  config?: Record<string, unknown>;
  styling?: Record<string, unknown>;
  createdAt?: string;
  updatedAt?: string;
}

/** Undocumented beyond the create body and the one-time `secret` (`whsec_...`). */
export interface WireWebhook {
  id: string;
  workspaceId?: string;
  projectId?: string | null;
  name: string;
  slug?: string;
  url?: string;
  secret?: string;
  createdAt?: string;
}

export interface WireSocialHandle {
  platform: string;
  handle: string;
  accountId?: string;
}

export interface WireCustomer {
  id: string;
  workspaceId?: string;
  name?: string | null;
  primaryEmail?: string | null;
  primaryPhone?: string | null;
  emails?: string[];
  phones?: string[];
  socialHandles?: WireSocialHandle[];
  company?: string | null;
  tags?: string[];
  feedbackCount?: number;
  channels?: string[];
  lastSeenAt?: string | null;
  firstSeenAt?: string | null;
  createdAt?: string;
  updatedAt?: string;
  /** Single-customer reads only. */
  notes?: string | null;
  customFields?: Record<string, unknown> | null;
  timezone?: string | null;
  language?: string | null;
  mergedCustomerIds?: string[];
}

export interface WireMergeResult {
  id: string;
  mergedSourceId: string;
  mergedFeedbackCount: number;
}

export interface WireActionOutcome {
  type: string;
  success: boolean;
  error?: string;
}

export interface WireAutomation {
  id: string;
  projectId?: string;
  name: string;
  scope: 'feedback.created' | 'feedback.updated' | 'time.scheduled' | 'manual';
  enabled: boolean;
  priority?: number;
  systemGenerated?: boolean;
  conditions?: { combinator?: string; rules?: unknown[] };
  actions?: { type: string; params?: Record<string, unknown> }[];
  runStats?: { matched7d?: number; errored7d?: number };
  lastRunAt?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface WireAutomationPage {
  automations: WireAutomation[];
  nextCursor: string | null;
}

export interface WireAutomationRun {
  id: string;
  outcome: 'matched' | 'no-match' | 'error';
  runAt?: string;
  feedbackId?: string;
  actionsExecuted?: WireActionOutcome[];
  actor?: { userId?: string; name?: string; system?: boolean };
}

export interface WireRunResult {
  runId: string;
  outcome: 'matched' | 'no-match' | 'error';
  actionsExecuted?: WireActionOutcome[];
}
