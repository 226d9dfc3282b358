// Public shapes: exactly the fields the docs list for each resource. Internal links (customerId,
// SLA rules, custom statuses, webhook secrets) stay in `data` and are never rendered here.
import type {
  Automation,
  Comment,
  Customer,
  Feedback,
  Note,
  Project,
  Webhook,
  Widget,
  Workspace,
} from './model.js';
import type { AppState } from './state.js';
import { statusCategory } from './statuses.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export function renderWorkspace(workspace: Workspace) {
  return {
    id: workspace.id,
    name: workspace.name,
    plan: workspace.plan,
    billingInterval: workspace.billingInterval,
    subscriptionStatus: workspace.subscriptionStatus,
    apiAccessEnabled: workspace.apiAccessEnabled,
    memberCount: workspace.members.length,
    role: workspace.role,
    createdAt: workspace.createdAt,
    updatedAt: workspace.updatedAt,
  };
}

export function renderFeedback(state: AppState, item: Feedback) {
  const project = state.data.projects.get(item.projectId);
  const category = statusCategory(project, item.status);
  const assignee = item.assigneeId
    ? state.data.workspaces.get(item.workspaceId)?.members.find((m) => m.id === item.assigneeId)
    : undefined;
  const open = category === 'open' || category === 'pending';
  return {
    id: item.id,
    ticketNumber: item.ticketNumber,
    workspaceId: item.workspaceId,
    projectId: item.projectId,
    widgetId: item.widgetId,
    message: item.message,
    category: item.category,
    rating: item.rating,
    status: item.status,
    statusCategory: category,
    tags: [...item.tags],
    priority: item.priority,
    assigneeId: item.assigneeId,
    assigneeName: assignee?.name ?? null,
    assigneeEmail: assignee?.email ?? null,
    watcherIds: [...item.watcherIds],
    dueDate: item.dueDate,
    slaBreached: open && item.dueDate !== null && Date.parse(item.dueDate) < state.now().getTime(),
    userEmail: item.userEmail,
    userName: item.userName,
    userPhone: item.userPhone,
    screenshotUrl: item.screenshotUrl,
    attachmentUrl: item.attachmentUrl,
    audioUrl: item.audioUrl,
    videoUrl: item.videoUrl,
    context: structuredClone(item.context),
    customMetadata: item.customMetadata === null ? null : structuredClone(item.customMetadata),
    votes: item.votes,
    isPublic: item.isPublic,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function renderComment(comment: Comment) {
  return {
    id: comment.id,
    message: comment.message,
    authorType: comment.authorType,
    authorName: comment.authorName,
    attachments: structuredClone(comment.attachments),
    createdAt: comment.createdAt,
  };
}

export function renderNote(note: Note) {
  return {
    id: note.id,
    content: note.content,
    authorName: note.authorName,
    authorEmail: note.authorEmail,
    attachments: structuredClone(note.attachments),
    createdAt: note.createdAt,
  };
}

export function renderFeedbackDetail(state: AppState, item: Feedback) {
  return {
    ...renderFeedback(state, item),
    customerComments: (state.data.comments.get(item.id) ?? []).map(renderComment),
    internalNotes: (state.data.notes.get(item.id) ?? []).map(renderNote),
  };
}

export function renderProject(project: Project) {
  return {
    id: project.id,
    workspaceId: project.workspaceId,
    name: project.name,
    type: project.type,
    domain: project.domain,
    bundleId: project.bundleId,
    packageName: project.packageName,
    publicKey: project.publicKey,
    privacySettings: structuredClone(project.privacySettings),
    publicPortal: project.publicPortal === null ? null : structuredClone(project.publicPortal),
    customFieldDefinitions: structuredClone(project.customFieldDefinitions),
    disabledDefaultFields: [...project.disabledDefaultFields],
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
  };
}

export function renderWidget(widget: Widget) {
  return {
    id: widget.id,
    workspaceId: widget.workspaceId,
    projectId: widget.projectId,
    name: widget.name,
    enabled: widget.enabled,
    config: structuredClone(widget.config),
    styling: structuredClone(widget.styling),
    createdAt: widget.createdAt,
    updatedAt: widget.updatedAt,
  };
}

export function renderWebhook(webhook: Webhook) {
  return {
    id: webhook.id,
    workspaceId: webhook.workspaceId,
    projectId: webhook.projectId,
    name: webhook.name,
    slug: webhook.slug,
    url: webhook.url,
    enabled: webhook.enabled,
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
  };
}

export function renderCustomer(customer: Customer) {
  return {
    id: customer.id,
    workspaceId: customer.workspaceId,
    name: customer.name,
    primaryEmail: customer.primaryEmail,
    primaryPhone: customer.primaryPhone,
    emails: [...customer.emails],
    phones: [...customer.phones],
    socialHandles: structuredClone(customer.socialHandles),
    company: customer.company,
    tags: [...customer.tags],
    feedbackCount: customer.feedbackCount,
    channels: [...customer.channels],
    lastSeenAt: customer.lastSeenAt,
    firstSeenAt: customer.firstSeenAt,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}

export function renderCustomerProfile(customer: Customer) {
  return {
    ...renderCustomer(customer),
    notes: customer.notes,
    customFields: structuredClone(customer.customFields),
    timezone: customer.timezone,
    language: customer.language,
    mergedCustomerIds: [...customer.mergedCustomerIds],
  };
}

export function renderAutomation(state: AppState, automation: Automation) {
  const since = state.now().getTime() - WEEK_MS;
  const recent = (state.data.runs.get(automation.id) ?? []).filter(
    (run) => Date.parse(run.runAt) >= since,
  );
  return {
    id: automation.id,
    name: automation.name,
    scope: automation.scope,
    enabled: automation.enabled,
    priority: automation.priority,
    systemGenerated: automation.systemGenerated,
    conditions: structuredClone(automation.conditions),
    actions: structuredClone(automation.actions),
    runStats: {
      matched7d: recent.filter((run) => run.outcome === 'matched').length,
      errored7d: recent.filter((run) => run.outcome === 'error').length,
    },
    lastRunAt: automation.lastRunAt,
    createdAt: automation.createdAt,
    updatedAt: automation.updatedAt,
  };
}
