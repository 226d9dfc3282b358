// UserHero feedback writes: create, update, delete. Every input is checked before any vendor call.
import { cost, READ } from '../../../cost/declare.js';
import { builder } from '../../../builder.js';
import type { Feedback as FeedbackShape } from '../../../domain/feedback.js';
import type {
  CreateFeedbackInput as VendorCreate,
  UpdateFeedbackInput as VendorUpdate,
} from '../../../vendors/userhero/requests.js';
import * as rules from '../../../writes/userhero-rules.js';
import { InputChecks } from '../../../writes/validate.js';
import { DeletePayload } from '../../shared/delete-payload.js';
import { Feedback } from '../feedback.js';
import { IDEMPOTENCY_KEY_DOC, userheroWrite, writeOptions } from './after-write.js';
import { agreedWorkspace, scopedGlobalId, scopedId, workspaceId } from './ids.js';

export const FeedbackPayload = builder
  .objectRef<{ feedback: FeedbackShape }>('FeedbackPayload')
  .implement({
    description: 'The feedback item as UserHero holds it after the write.',
    fields: (t) => ({
      feedback: t.field({ type: Feedback, nullable: false, resolve: (p) => p.feedback }),
    }),
  });

const mediaDoc = (what: string) =>
  `URL of ${what}: upload it first with uploadFeedbackMedia (without feedbackId).`;

const CreateFeedbackInput = builder.inputType('CreateFeedbackInput', {
  description: 'A new feedback item (ticket) in a project.',
  fields: (t) => ({
    workspaceId: t.id({
      description: "A Workspace id; the project's workspace by default (they must agree).",
    }),
    projectId: t.id({ required: true, description: 'The Project the feedback belongs to.' }),
    message: t.string({ required: true, description: 'The feedback text.' }),
    category: t.string(),
    rating: t.float(),
    tags: t.stringList(),
    userEmail: t.string({ description: 'Email of the submitting user.' }),
    screenshotUrl: t.string({ description: mediaDoc('a screenshot image') }),
    attachmentUrl: t.string({ description: mediaDoc('an attachment image') }),
    audioUrl: t.string({ description: mediaDoc('an audio recording') }),
    videoUrl: t.string({ description: mediaDoc('a video recording') }),
    priority: t.string({
      description:
        'low, medium, high or urgent. With SLA rules on the project, UserHero computes the dueDate.',
    }),
    context: t.field({
      type: 'JSON',
      description:
        'Object of contextual metadata, e.g. { "page": "/settings", "browser": "Chrome" }.',
    }),
    customMetadata: t.field({
      type: 'JSON',
      description:
        'Object of arbitrary key/value data; its customFields sub-object holds validated custom ' +
        'field values (df_*, cf_*), which UserHero checks against the project.',
    }),
    widgetId: t.id({ description: 'A Widget id; without it the feedback comes from "api".' }),
    idempotencyKey: t.string({ description: IDEMPOTENCY_KEY_DOC }),
  }),
});

const UpdateFeedbackInput = builder.inputType('UpdateFeedbackInput', {
  description:
    'Changes to one feedback item: fields left out stay as they are; at least one must change.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The Feedback to change.' }),
    status: t.string({
      description:
        'A status id: new, in-progress, reopened, resolved, archived, or a custom status id of ' +
        'the project (UserHero checks those).',
    }),
    category: t.string(),
    tags: t.stringList({ description: 'Replaces all tags.' }),
    priority: t.string({ description: 'low, medium, high or urgent.' }),
    assigneeId: t.id({ description: 'UserHero user id of a workspace member.' }),
    dueDate: t.field({ type: 'DateTime', description: 'SLA deadline.' }),
    isPublic: t.boolean(),
  }),
});

type CreateArgs = typeof CreateFeedbackInput.$inferInput;
type UpdateArgs = typeof UpdateFeedbackInput.$inferInput;

function checkCreate(input: CreateArgs) {
  const checks = new InputChecks('input');
  const project = scopedId(checks, 'input.projectId', input.projectId, 'Project');
  const widget = scopedId(checks, 'input.widgetId', input.widgetId, 'Widget');
  const workspace = agreedWorkspace(checks, [
    { field: 'input.projectId', workspaceId: project?.workspaceId },
    {
      field: 'input.workspaceId',
      workspaceId: workspaceId(checks, 'input.workspaceId', input.workspaceId),
    },
    { field: 'input.widgetId', workspaceId: widget?.workspaceId },
  ]);
  const message = checks.text('input.message', input.message);
  const body: Omit<VendorCreate, 'workspaceId' | 'projectId' | 'message'> = {};
  if (input.category != null) body.category = checks.text('input.category', input.category.trim());
  if (input.rating != null) body.rating = input.rating;
  if (input.tags != null) body.tags = rules.texts(checks, 'input.tags', input.tags);
  if (input.userEmail != null) body.userEmail = checks.email('input.userEmail', input.userEmail);
  for (const key of ['screenshotUrl', 'attachmentUrl', 'audioUrl', 'videoUrl'] as const) {
    const url = input[key];
    if (url != null) body[key] = checks.url(`input.${key}`, url);
  }
  if (input.priority != null) {
    body.priority = rules.priority(checks, 'input.priority', input.priority);
  }
  if (input.context != null) body.context = checks.jsonObject('input.context', input.context);
  if (input.customMetadata != null) {
    const metadata = checks.jsonObject('input.customMetadata', input.customMetadata);
    const fields = metadata?.customFields;
    if (fields !== undefined && fields !== null) {
      checks.jsonObject('input.customMetadata.customFields', fields);
    }
    body.customMetadata = metadata;
  }
  if (widget) body.widgetId = widget.id;
  const idempotencyKey = rules.idempotencyKey(checks, 'input.idempotencyKey', input.idempotencyKey);
  checks.done();
  // Checked above: present whenever no problem was found.
  const write: VendorCreate = {
    workspaceId: workspace ?? '',
    projectId: project?.id ?? '',
    message: message ?? '',
    ...body,
  };
  return { write, idempotencyKey };
}

/** Null would clear a field, which the docs do not offer: refused rather than sent. */
function notNull(checks: InputChecks, input: UpdateArgs): void {
  for (const [key, value] of Object.entries(input)) {
    if (value === null) {
      checks.refuse(`input.${key}`, 'cannot be null: leave it out to keep the current value');
    }
  }
}

function checkUpdate(input: UpdateArgs) {
  const checks = new InputChecks('input');
  notNull(checks, input);
  const ref = scopedId(checks, 'input.id', input.id, 'Feedback');
  const body: Omit<VendorUpdate, 'workspaceId'> = {};
  if (input.status != null) body.status = rules.status(checks, 'input.status', input.status);
  if (input.category != null) body.category = checks.text('input.category', input.category.trim());
  if (input.tags != null) body.tags = rules.texts(checks, 'input.tags', input.tags);
  if (input.priority != null) {
    body.priority = rules.priority(checks, 'input.priority', input.priority);
  }
  if (input.assigneeId != null) {
    body.assigneeId = checks.text('input.assigneeId', String(input.assigneeId).trim());
  }
  if (input.dueDate != null) body.dueDate = input.dueDate;
  if (input.isPublic != null) body.isPublic = input.isPublic;
  if (checks.ok && Object.keys(body).length === 0) {
    checks.refuse('input', 'must change at least one field besides id');
  }
  checks.done();
  const { workspaceId: ws = '', id = '' } = ref ?? {};
  return { ref: { workspaceId: ws, id }, write: { workspaceId: ws, ...body } };
}

builder.mutationField('createFeedback', (t) =>
  t.field({
    extensions: cost(READ),
    type: FeedbackPayload,
    nullable: false,
    description: 'Creates a UserHero feedback item.',
    args: { input: t.arg({ type: CreateFeedbackInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { write, idempotencyKey } = checkCreate(input);
      const client = ctx.vendor('userhero');
      return userheroWrite(ctx, async () => ({
        feedback: await client.createFeedback(write, writeOptions(ctx, idempotencyKey)),
      }));
    },
  }),
);

builder.mutationField('updateFeedback', (t) =>
  t.field({
    extensions: cost(READ),
    type: FeedbackPayload,
    nullable: false,
    description: 'Changes status, category, tags, priority, assignee, due date or visibility.',
    args: { input: t.arg({ type: UpdateFeedbackInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { ref, write } = checkUpdate(input);
      const client = ctx.vendor('userhero');
      return userheroWrite(ctx, async () => ({
        feedback: await client.updateFeedback(ref.id, write, writeOptions(ctx)),
      }));
    },
  }),
);

builder.mutationField('deleteFeedback', (t) =>
  t.field({
    extensions: cost(READ),
    type: DeletePayload,
    nullable: false,
    description:
      'Deletes a feedback item with its comments and notes; VENDOR_NOT_FOUND when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The Feedback to delete.' }) },
    resolve: async (_root, args, ctx) => {
      const checks = new InputChecks('id');
      const ref = scopedId(checks, 'id', args.id, 'Feedback');
      checks.done();
      const { workspaceId: ws = '', id = '' } = ref ?? {};
      const client = ctx.vendor('userhero');
      await userheroWrite(ctx, () => client.deleteFeedback(ws, id, writeOptions(ctx)));
      return { deletedId: scopedGlobalId('Feedback', { workspaceId: ws, id }) };
    },
  }),
);
