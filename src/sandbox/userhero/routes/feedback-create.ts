import { projectIn, requiredWorkspace } from '../access.js';
import { contactFields } from '../contact-promotion.js';
import { validateCustomFields } from '../custom-fields.js';
import { linkByEmail } from '../customer-links.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import { type Feedback, PRIORITIES } from '../model.js';
import { renderFeedback } from '../render.js';
import { created } from '../router.js';
import type { Call } from '../state.js';
import {
  readEmail,
  readEnum,
  readNumber,
  readObject,
  readString,
  readStringArray,
} from '../validate.js';

export function createFeedback(call: Call) {
  const { data, random } = call.state;
  const body = call.body();
  const workspace = requiredWorkspace(call);
  const projectId = readString(body, 'projectId', { required: true });
  const message = readString(body, 'message', { required: true });
  const project = projectIn(call.state, workspace, projectId);
  const priority = readEnum(body, 'priority', PRIORITIES) ?? null;
  const customMetadata = readObject(body, 'customMetadata');
  const customFields = customMetadata ? readObject(customMetadata, 'customFields') : undefined;
  if (customFields) validateCustomFields(project, customFields);
  const widgetId = readString(body, 'widgetId') ?? 'api';
  if (widgetId !== 'api' && data.widgets.get(widgetId)?.workspaceId !== workspace.id) {
    throw notFound('Widget not found');
  }
  const category = readString(body, 'category') ?? null;
  const rating = readNumber(body, 'rating') ?? null;
  const tags = [...new Set(readStringArray(body, 'tags') ?? [])];
  const userEmail = readEmail(body, 'userEmail');
  const media = {
    screenshotUrl: readString(body, 'screenshotUrl') ?? null,
    attachmentUrl: readString(body, 'attachmentUrl') ?? null,
    audioUrl: readString(body, 'audioUrl') ?? null,
    videoUrl: readString(body, 'videoUrl') ?? null,
  };
  const context = readObject(body, 'context') ?? {};
  const contact = contactFields(customMetadata);
  // Everything is validated above: a refused request must not use up a ticket number.
  const now = call.state.now();
  const createdAt = now.toISOString();
  const sla = priority ? project.slaRules.find((rule) => rule.priority === priority) : undefined;

  const item: Feedback = {
    id: newId(random, 'fb', 20),
    ticketNumber: workspace.nextTicketNumber++,
    workspaceId: workspace.id,
    projectId: project.id,
    widgetId,
    message,
    category,
    rating,
    status: 'new',
    tags,
    priority,
    assigneeId: null,
    watcherIds: [],
    dueDate: sla ? new Date(now.getTime() + sla.hours * 3600_000).toISOString() : null,
    userEmail: userEmail ?? contact.email ?? null,
    userName: contact.name ?? null,
    userPhone: contact.phone ?? null,
    ...media,
    context,
    customMetadata: customMetadata ?? null,
    votes: 0,
    isPublic: false,
    createdAt,
    updatedAt: createdAt,
    customerId: null,
    customerCommentsEnabled: project.customerCommentsEnabled,
  };
  data.feedback.set(item.id, item);
  linkByEmail(data, item);
  return created(renderFeedback(call.state, item));
}
