import type {
  ActionOutcome,
  Automation,
  AutomationRun,
  RunResult,
} from '../../domain/automation.js';
import type {
  CustomerMergeResult,
  SocialHandle,
  UserHeroCustomer,
} from '../../domain/customer-profile.js';
import type {
  Attachment,
  Comment,
  Feedback,
  FeedbackStatusCategory,
  Note,
  UploadedMedia,
} from '../../domain/feedback.js';
import type { CustomFieldDefinition, Project, SlaRule, Widget } from '../../domain/project.js';
import { normalizeEmail } from '../../domain/text.js';
import type { Webhook, Workspace, WorkspaceUsage } from '../../domain/workspace.js';
import { bool, isNumber, isRecord, isString, num, obj, records, str, strings } from '../shape.js';
import type {
  WireAttachment,
  WireAutomation,
  WireAutomationRun,
  WireComment,
  WireCustomer,
  WireFeedback,
  WireMergeResult,
  WireNote,
  WireProject,
  WireRunResult,
  WireUploadedMedia,
  WireUsage,
  WireWebhook,
  WireWidget,
  WireWorkspace,
} from './wire.js';

export function mapWorkspace(wire: WireWorkspace): Workspace {
  return {
    id: wire.id,
    name: wire.name,
    plan: str(wire.plan),
    billingInterval: str(wire.billingInterval),
    subscriptionStatus: str(wire.subscriptionStatus),
    apiAccessEnabled: bool(wire.apiAccessEnabled),
    memberCount: num(wire.memberCount),
    role: str(wire.role),
    createdAt: str(wire.createdAt),
    updatedAt: str(wire.updatedAt),
  };
}

export function mapUsage(workspaceId: string, wire: WireUsage): WorkspaceUsage {
  return {
    workspaceId: str(wire.workspaceId) ?? workspaceId,
    plan: str(wire.plan),
    periodStart: str(wire.periodStart),
    periodEnd: str(wire.periodEnd),
    limits: numbers(wire.limits),
    usage: numbers(wire.usage),
    data: wire,
  };
}

function numbers(value: unknown): Record<string, number> {
  return Object.fromEntries(
    Object.entries(obj(value) ?? {}).filter((entry): entry is [string, number] =>
      isNumber(entry[1]),
    ),
  );
}

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

export function mapProject(wire: WireProject): Project {
  return {
    id: wire.id,
    workspaceId: wire.workspaceId,
    name: wire.name,
    type: str(wire.type),
    domain: str(wire.domain),
    bundleId: str(wire.bundleId),
    packageName: str(wire.packageName),
    publicKey: str(wire.publicKey),
    privacySettings: obj(wire.privacySettings),
    publicPortal: obj(wire.publicPortal),
    customFieldDefinitions: records(wire.customFieldDefinitions).flatMap(customField),
    disabledDefaultFields: strings(wire.disabledDefaultFields),
    slaRules: records(wire.slaRules).flatMap(slaRule),
    createdAt: str(wire.createdAt),
    updatedAt: str(wire.updatedAt),
  };
}

function slaRule(wire: Record<string, unknown>): SlaRule[] {
  return isString(wire.priority) && isNumber(wire.hours)
    ? [{ priority: wire.priority, hours: wire.hours }]
    : [];
}

/** A definition without id, type or label is useless to a form; it is left out. */
function customField(wire: Record<string, unknown>): CustomFieldDefinition[] {
  if (!isString(wire.id) || !isString(wire.type) || !isString(wire.label)) return [];
  const validation = obj(wire.validation);
  const visibility = obj(wire.visibilityCondition);
  const byParent = obj(wire.optionsByParent);
  const parentMap = obj(byParent?.map);
  return [
    {
      id: wire.id,
      type: wire.type,
      label: wire.label,
      required: bool(wire.required) ?? false,
      placeholder: str(wire.placeholder),
      options: Array.isArray(wire.options) ? strings(wire.options) : null,
      validation: validation && {
        min: num(validation.min),
        max: num(validation.max),
        minLength: num(validation.minLength),
        maxLength: num(validation.maxLength),
      },
      isDefault: bool(wire.isDefault) ?? wire.id.startsWith('df_'),
      visibilityCondition:
        visibility && isString(visibility.fieldId) && isString(visibility.value)
          ? { fieldId: visibility.fieldId, value: visibility.value }
          : null,
      optionsByParent:
        byParent && isString(byParent.parentFieldId) && parentMap
          ? {
              parentFieldId: byParent.parentFieldId,
              map: Object.fromEntries(Object.entries(parentMap).map(([k, v]) => [k, strings(v)])),
            }
          : null,
    },
  ];
}

export function mapWidget(wire: WireWidget): Widget {
  return {
    id: wire.id,
    workspaceId: str(wire.workspaceId),
    projectId: str(wire.projectId),
    name: wire.name,
    enabled: bool(wire.enabled),
    config: obj(wire.config),
    styling: obj(wire.styling),
    createdAt: str(wire.createdAt),
    updatedAt: str(wire.updatedAt),
  };
}

export function mapWebhook(wire: WireWebhook): Webhook {
  return {
    id: wire.id,
    workspaceId: str(wire.workspaceId),
    projectId: str(wire.projectId),
    name: wire.name,
    slug: str(wire.slug),
    url: str(wire.url),
    secret: str(wire.secret),
    createdAt: str(wire.createdAt),
  };
}

export function mapCustomer(wire: WireCustomer): UserHeroCustomer {
  return {
    id: wire.id,
    workspaceId: str(wire.workspaceId),
    name: str(wire.name),
    primaryEmail: normalizeEmail(str(wire.primaryEmail)),
    primaryPhone: str(wire.primaryPhone),
    emails: [...new Set(strings(wire.emails).flatMap((e) => normalizeEmail(e) ?? []))],
    phones: strings(wire.phones),
    socialHandles: records(wire.socialHandles).flatMap(socialHandle),
    company: str(wire.company),
    tags: strings(wire.tags),
    feedbackCount: num(wire.feedbackCount) ?? 0,
    channels: strings(wire.channels),
    lastSeenAt: str(wire.lastSeenAt),
    firstSeenAt: str(wire.firstSeenAt),
    createdAt: str(wire.createdAt),
    updatedAt: str(wire.updatedAt),
    notes: str(wire.notes),
    customFields: obj(wire.customFields),
    timezone: str(wire.timezone),
    language: str(wire.language),
    mergedCustomerIds: Array.isArray(wire.mergedCustomerIds)
      ? strings(wire.mergedCustomerIds)
      : null,
  };
}

function socialHandle(wire: Record<string, unknown>): SocialHandle[] {
  return isString(wire.platform) && isString(wire.handle)
    ? [{ platform: wire.platform, handle: wire.handle, accountId: str(wire.accountId) }]
    : [];
}

export function mapMergeResult(wire: WireMergeResult): CustomerMergeResult {
  return {
    id: wire.id,
    mergedSourceId: wire.mergedSourceId,
    mergedFeedbackCount: wire.mergedFeedbackCount,
  };
}

export function mapAutomation(wire: WireAutomation, projectId: string | null): Automation {
  const stats = obj(wire.runStats);
  return {
    id: wire.id,
    projectId: str(wire.projectId) ?? projectId,
    name: wire.name,
    scope: wire.scope,
    enabled: wire.enabled,
    priority: num(wire.priority),
    systemGenerated: bool(wire.systemGenerated) ?? false,
    conditions: obj(wire.conditions),
    actions: records(wire.actions).flatMap((a) =>
      isString(a.type) ? [{ type: a.type, params: obj(a.params) }] : [],
    ),
    runStats: stats && {
      matched7d: num(stats.matched7d) ?? 0,
      errored7d: num(stats.errored7d) ?? 0,
    },
    lastRunAt: str(wire.lastRunAt),
    createdAt: str(wire.createdAt),
    updatedAt: str(wire.updatedAt),
  };
}

function actionOutcomes(value: unknown): ActionOutcome[] {
  return records(value).flatMap((a) =>
    isString(a.type) ? [{ type: a.type, success: a.success === true, error: str(a.error) }] : [],
  );
}

export function mapAutomationRun(automationId: string, wire: WireAutomationRun): AutomationRun {
  const actor = obj(wire.actor);
  return {
    id: wire.id,
    automationId,
    outcome: wire.outcome,
    runAt: str(wire.runAt),
    feedbackId: str(wire.feedbackId),
    actionsExecuted: actionOutcomes(wire.actionsExecuted),
    actor: actor && {
      userId: str(actor.userId),
      name: str(actor.name),
      system: actor.system === true,
    },
  };
}

export function mapRunResult(wire: WireRunResult): RunResult {
  return {
    runId: wire.runId,
    outcome: wire.outcome,
    actionsExecuted: actionOutcomes(wire.actionsExecuted),
  };
}
