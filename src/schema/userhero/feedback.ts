import { cost, READ, LOOKUP } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../types.js';
import type { Feedback as FeedbackShape } from '../../domain/feedback.js';
import { BadUserInputError } from '../../errors.js';
import { feedbackList, type Unresolved } from '../../lists/userhero.js';
import { type ConnectionArgs, connectionFromAdapter } from '../../pagination/index.js';
import type { FeedbackFilter as VendorFeedbackFilter } from '../../vendors/userhero/requests.js';
import { Customer, emailAsGiven } from '../customers/customer.js';
import { customFieldValues, CustomFieldValue } from './feedback-custom-fields.js';
import { Project, projectOf, Widget, widgetsOf } from './projects.js';
import { filterText, keyParts, nodeKey, vendorIdArgument } from './keys.js';
import { Workspace } from './workspaces.js';

export const FeedbackStatusCategory = builder.enumType('FeedbackStatusCategory', {
  description: "The behaviour bucket of a feedback item's status, system or custom.",
  values: {
    OPEN: { value: 'open' },
    PENDING: { value: 'pending' },
    RESOLVED: { value: 'resolved' },
    CLOSED: { value: 'closed' },
  } as const,
});

export const Feedback = builder.loadableNode('Feedback', {
  description: 'A UserHero feedback item (a ticket).',
  id: { resolve: (f: FeedbackShape) => nodeKey(f.workspaceId, f.id) },
  load: (keys: string[], ctx) =>
    Promise.all(
      keys.map((key) => {
        const parts = keyParts(key, 2);
        if (!parts) return null;
        const [workspaceId = '', id = ''] = parts;
        return ctx.loaders.userhero.feedback.load({ workspaceId, id });
      }),
    ),
  fields: (t) => ({
    feedbackId: t.exposeID('id', { nullable: false, description: "UserHero's own id." }),
    ticketNumber: t.exposeInt('ticketNumber', {
      nullable: true,
      description: 'Unique per workspace, shown as #245.',
    }),
    workspaceId: t.exposeID('workspaceId', { nullable: false }),
    projectId: t.exposeID('projectId', { nullable: false }),
    widgetId: t.exposeID('widgetId', {
      nullable: true,
      description: 'The widget it came through, or "api".',
    }),
    message: t.exposeString('message', { nullable: false }),
    category: t.exposeString('category', { nullable: true }),
    rating: t.exposeFloat('rating', { nullable: true }),
    status: t.exposeString('status', {
      nullable: false,
      description: 'A status id: new, in-progress, reopened, resolved, archived, or a custom one.',
    }),
    statusCategory: t.field({
      type: FeedbackStatusCategory,
      nullable: true,
      resolve: (f) => f.statusCategory,
    }),
    tags: t.exposeStringList('tags', { nullable: false }),
    priority: t.exposeString('priority', {
      nullable: true,
      description: 'low, medium, high, urgent.',
    }),
    assigneeId: t.exposeID('assigneeId', { nullable: true }),
    assigneeName: t.exposeString('assigneeName', { nullable: true }),
    assigneeEmail: t.exposeString('assigneeEmail', { nullable: true, description: 'Lower-cased.' }),
    watcherIds: t.exposeIDList('watcherIds', {
      nullable: false,
      description: 'User ids subscribed to updates.',
    }),
    dueDate: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'SLA deadline.',
      resolve: (f) => f.dueDate,
    }),
    slaBreached: t.exposeBoolean('slaBreached', { nullable: false }),
    userEmail: t.exposeString('userEmail', {
      nullable: true,
      description: "The submitter's email, lower-cased.",
    }),
    userName: t.exposeString('userName', { nullable: true }),
    userPhone: t.exposeString('userPhone', { nullable: true }),
    screenshotUrl: t.exposeString('screenshotUrl', { nullable: true }),
    attachmentUrl: t.exposeString('attachmentUrl', { nullable: true }),
    audioUrl: t.exposeString('audioUrl', { nullable: true }),
    videoUrl: t.exposeString('videoUrl', { nullable: true }),
    context: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Contextual metadata (page, browser, ...).',
      resolve: (f) => f.context,
    }),
    customMetadata: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Arbitrary key/value data, including the raw customFields map.',
      resolve: (f) => f.customMetadata,
    }),
    customFields: t.field({
      type: [CustomFieldValue],
      nullable: false,
      description: 'customMetadata.customFields as field/value pairs.',
      resolve: customFieldValues,
    }),
    votes: t.exposeInt('votes', { nullable: false }),
    isPublic: t.exposeBoolean('isPublic', { nullable: false }),
    createdAt: t.field({ type: 'DateTime', nullable: false, resolve: (f) => f.createdAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.updatedAt }),
    project: t.field({
      extensions: cost(LOOKUP),
      type: Project,
      nullable: true,
      resolve: (f, _args, ctx) => projectOf(ctx, f.workspaceId, f.projectId),
    }),
    widget: t.field({
      extensions: cost(LOOKUP),
      type: Widget,
      nullable: true,
      description: 'Null for feedback sent through the API.',
      resolve: async (f, _args, ctx) => {
        if (!f.widgetId || f.widgetId === 'api') return null;
        return (await widgetsOf(ctx, f.workspaceId)).find((w) => w.id === f.widgetId) ?? null;
      },
    }),
    workspace: t.field({ type: Workspace, nullable: true, resolve: (f) => f.workspaceId }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The submitter as a person; null without a userEmail.',
      resolve: (f) => (f.userEmail ? { email: f.userEmail.toLowerCase() } : null),
    }),
  }),
});

export const FeedbackConnection = builder.connectionObject({
  type: Feedback,
  name: 'FeedbackConnection',
});

export const FeedbackFilter = builder.inputType('FeedbackFilter', {
  fields: (t) => ({
    workspaceId: t.id({
      description: 'A Workspace id or UserHero workspace id; USERHERO_WORKSPACE_ID by default.',
    }),
    status: t.string({
      description: 'A status id: new, in-progress, reopened, resolved, archived or a custom one.',
    }),
    category: t.string(),
    projectId: t.id({ description: 'A Project id or UserHero project id.' }),
    userEmail: t.string({
      description:
        "The submitter's email, sent to UserHero as given (its filter is an exact match: spell " +
        'it as it was submitted). Customer.feedback matches the lower-cased address instead.',
    }),
  }),
});

interface FeedbackArgs {
  workspaceId?: string | number | null;
  status?: string | null;
  category?: string | null;
  projectId?: string | number | null;
  userEmail?: string | null;
}

/** The caller's filter checked and in the vendor's terms; the workspace may stay the default. */
export function feedbackFilter(args: FeedbackArgs, prefix = ''): Unresolved<VendorFeedbackFilter> {
  const workspace = vendorIdArgument(args.workspaceId, 'Workspace', `${prefix}workspaceId`);
  const project = vendorIdArgument(args.projectId, 'Project', `${prefix}projectId`);
  let workspaceId = workspace?.[0] ?? null;
  if (project && project.length === 2) {
    // A Project id names its workspace too.
    if (workspaceId !== null && workspaceId !== project[0]) {
      throw new BadUserInputError(
        `${prefix}projectId belongs to another workspace than ${prefix}workspaceId`,
        { argument: `${prefix}projectId` },
      );
    }
    workspaceId = project[0] ?? null;
  }
  return {
    workspaceId,
    status: filterText(args.status, `${prefix}status`),
    category: filterText(args.category, `${prefix}category`),
    projectId: project?.at(-1),
    userEmail:
      args.userEmail === null || args.userEmail === undefined
        ? undefined
        : emailAsGiven(args.userEmail, `${prefix}userEmail`),
  };
}

/** A feedback list as a connection: newest first as UserHero sends it, no total. */
export function feedbackConnection(
  ctx: GatewayContext,
  field: string,
  filter: Unresolved<VendorFeedbackFilter>,
  args: ConnectionArgs,
) {
  return connectionFromAdapter(feedbackList(ctx.loaders.userhero, filter), args, {
    field,
    filters: filter,
    signal: ctx.signal,
  });
}

builder.queryField('feedback', (t) =>
  t.connection(
    {
      extensions: cost(READ),
      type: Feedback,
      nullable: true,
      description:
        'UserHero feedback, newest first. totalCount is null (UserHero reports none) unless ' +
        'the read reached the end of the list.',
      args: { filter: t.arg({ type: FeedbackFilter }) },
      resolve: (_root, args, ctx) =>
        feedbackConnection(
          ctx,
          'Query.feedback',
          feedbackFilter(args.filter ?? {}, 'filter.'),
          args,
        ),
    },
    FeedbackConnection,
  ),
);

builder.queryField('feedbackByTicket', (t) =>
  t.field({
    extensions: cost(READ),
    type: Feedback,
    nullable: true,
    description: 'The feedback item with this ticket number (#245 is 245), or null.',
    args: {
      ticketNumber: t.arg.int({ required: true }),
      workspaceId: t.arg.id({ description: 'USERHERO_WORKSPACE_ID by default.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.ticketNumber < 1) {
        throw new BadUserInputError(
          `ticketNumber must be a ticket number from 1 up (got ${args.ticketNumber})`,
          { argument: 'ticketNumber' },
        );
      }
      const requested = vendorIdArgument(args.workspaceId, 'Workspace', 'workspaceId')?.[0];
      const workspaceId = await ctx.loaders.userhero.workspaceId(requested);
      return ctx.loaders.userhero.feedbackByTicket.load({
        workspaceId,
        ticketNumber: args.ticketNumber,
      });
    },
  }),
);

builder.objectFields(Workspace, (t) => ({
  feedback: t.connection(
    {
      extensions: cost(READ),
      type: Feedback,
      nullable: true,
      description: "The workspace's feedback, newest first.",
      args: {
        status: t.arg.string(),
        category: t.arg.string(),
        projectId: t.arg.id(),
        userEmail: t.arg.string(),
      },
      resolve: (w, args, ctx) => {
        const filter = feedbackFilter({ ...args, workspaceId: w.id });
        return feedbackConnection(ctx, 'Workspace.feedback', filter, args);
      },
    },
    FeedbackConnection,
  ),
}));

builder.objectFields(Project, (t) => ({
  feedback: t.connection(
    {
      extensions: cost(READ),
      type: Feedback,
      nullable: true,
      description: "The project's feedback, newest first.",
      args: { status: t.arg.string(), category: t.arg.string(), userEmail: t.arg.string() },
      resolve: (p, args, ctx) => {
        const filter = feedbackFilter({ ...args, workspaceId: p.workspaceId });
        return feedbackConnection(ctx, 'Project.feedback', { ...filter, projectId: p.id }, args);
      },
    },
    FeedbackConnection,
  ),
}));
