import { cost, READ, LOOKUP } from '../cost/declare.js';
import { builder } from '../builder.js';
import type { GatewayContext } from '../types.js';
import type {
  CustomFieldDefinition as CustomFieldDefinitionShape,
  Project as ProjectShape,
  SlaRule as SlaRuleShape,
  Widget as WidgetShape,
} from '../domain/project.js';
import type { Webhook as WebhookShape, Workspace as WorkspaceShape } from '../domain/workspace.js';
import { arrayList } from '../pagination/index.js';
import { type ConnectionArgs, connectionFromAdapter } from '../pagination/index.js';
import { keyParts, nodeKey } from './userhero-keys.js';
import { Workspace } from './workspaces.js';

/** A widget or webhook as the gateway holds it: always with the workspace it was read from. */
export type WidgetNode = WidgetShape & { workspaceId: string };
export type WebhookNode = WebhookShape & { workspaceId: string };

/** The project of a link, from the cached project list; a project newer than it is read alone. */
export async function projectOf(
  ctx: GatewayContext,
  workspaceId: string,
  projectId: string | null,
): Promise<ProjectShape | null> {
  if (!projectId) return null;
  const listed = (await ctx.loaders.userhero.projects(workspaceId)).find((p) => p.id === projectId);
  return listed ?? ctx.loaders.userhero.project.load({ workspaceId, id: projectId });
}

export async function widgetsOf(ctx: GatewayContext, workspaceId: string): Promise<WidgetNode[]> {
  const widgets = await ctx.loaders.userhero.widgets(workspaceId);
  return widgets.map((w) => ({ ...w, workspaceId: w.workspaceId ?? workspaceId }));
}

export async function webhooksOf(ctx: GatewayContext, workspaceId: string): Promise<WebhookNode[]> {
  const webhooks = await ctx.loaders.userhero.webhooks(workspaceId);
  return webhooks.map((w) => ({ ...w, workspaceId: w.workspaceId ?? workspaceId }));
}

const SlaRule = builder.objectRef<SlaRuleShape>('SlaRule').implement({
  description: 'Response deadline for one priority; feedback with that priority gets a dueDate.',
  fields: (t) => ({
    priority: t.exposeString('priority', {
      nullable: false,
      description: 'low, medium, high, urgent.',
    }),
    hours: t.exposeFloat('hours', { nullable: false }),
  }),
});

const CustomFieldValidation = builder
  .objectRef<NonNullable<CustomFieldDefinitionShape['validation']>>('CustomFieldValidation')
  .implement({
    fields: (t) => ({
      min: t.exposeFloat('min', { nullable: true }),
      max: t.exposeFloat('max', { nullable: true }),
      minLength: t.exposeInt('minLength', { nullable: true }),
      maxLength: t.exposeInt('maxLength', { nullable: true }),
    }),
  });

const VisibilityCondition = builder
  .objectRef<NonNullable<CustomFieldDefinitionShape['visibilityCondition']>>(
    'CustomFieldVisibilityCondition',
  )
  .implement({
    description: 'The field shows only when the select field `fieldId` has this value.',
    fields: (t) => ({
      fieldId: t.exposeString('fieldId', { nullable: false }),
      value: t.exposeString('value', { nullable: false }),
    }),
  });

const ParentOptions = builder
  .objectRef<{ parentValue: string; options: string[] }>('CustomFieldParentOptions')
  .implement({
    description: 'The choices offered while the parent field has `parentValue`.',
    fields: (t) => ({
      parentValue: t.exposeString('parentValue', { nullable: false }),
      options: t.exposeStringList('options', { nullable: false }),
    }),
  });

const OptionsByParent = builder
  .objectRef<NonNullable<CustomFieldDefinitionShape['optionsByParent']>>(
    'CustomFieldOptionsByParent',
  )
  .implement({
    description: "Choices of a select field filtered by a parent select field's value.",
    fields: (t) => ({
      parentFieldId: t.exposeString('parentFieldId', { nullable: false }),
      map: t.field({
        type: [ParentOptions],
        nullable: false,
        resolve: (o) =>
          Object.entries(o.map).map(([parentValue, options]) => ({ parentValue, options })),
      }),
    }),
  });

export const CustomFieldDefinition = builder
  .objectRef<CustomFieldDefinitionShape>('CustomFieldDefinition')
  .implement({
    description: 'A custom field of a project: `df_*` (default) or `cf_*` (project-defined).',
    fields: (t) => ({
      id: t.exposeID('id', { nullable: false, description: 'The field id, e.g. cf_plan_abc12.' }),
      type: t.exposeString('type', {
        nullable: false,
        description: 'select, number, textarea, ...',
      }),
      label: t.exposeString('label', { nullable: false }),
      required: t.exposeBoolean('required', { nullable: false }),
      placeholder: t.exposeString('placeholder', { nullable: true }),
      options: t.exposeStringList('options', {
        nullable: true,
        description: 'Choices of a select field.',
      }),
      validation: t.expose('validation', { type: CustomFieldValidation, nullable: true }),
      isDefault: t.exposeBoolean('isDefault', { nullable: false }),
      visibilityCondition: t.expose('visibilityCondition', {
        type: VisibilityCondition,
        nullable: true,
      }),
      optionsByParent: t.expose('optionsByParent', { type: OptionsByParent, nullable: true }),
    }),
  });

export const Project = builder.loadableNode('Project', {
  description: 'A UserHero project: one app or site whose widgets collect feedback.',
  id: { resolve: (p: ProjectShape) => nodeKey(p.workspaceId, p.id) },
  load: (keys: string[], ctx) =>
    Promise.all(
      keys.map((key) => {
        const parts = keyParts(key, 2);
        if (!parts) return null;
        const [workspaceId = '', id = ''] = parts;
        return ctx.loaders.userhero.project.load({ workspaceId, id });
      }),
    ),
  fields: (t) => ({
    projectId: t.exposeID('id', { nullable: false, description: "UserHero's own id." }),
    workspaceId: t.exposeID('workspaceId', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    type: t.exposeString('type', { nullable: true, description: 'web, ios, android.' }),
    domain: t.exposeString('domain', { nullable: true }),
    bundleId: t.exposeString('bundleId', { nullable: true, description: 'iOS bundle id.' }),
    packageName: t.exposeString('packageName', {
      nullable: true,
      description: 'Android package name.',
    }),
    publicKey: t.exposeString('publicKey', {
      nullable: true,
      description: 'Public key for the widget SDK.',
    }),
    privacySettings: t.field({ type: 'JSON', nullable: true, resolve: (p) => p.privacySettings }),
    publicPortal: t.field({ type: 'JSON', nullable: true, resolve: (p) => p.publicPortal }),
    customFieldDefinitions: t.expose('customFieldDefinitions', {
      type: [CustomFieldDefinition],
      nullable: false,
    }),
    disabledDefaultFields: t.exposeStringList('disabledDefaultFields', {
      nullable: false,
      description: 'Default fields turned off for this project, e.g. df_phone.',
    }),
    slaRules: t.expose('slaRules', {
      type: [SlaRule],
      nullable: false,
      description: 'Empty when UserHero does not include them in its answer.',
    }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.createdAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.updatedAt }),
    workspace: t.field({
      type: Workspace,
      nullable: true,
      description: 'Loaded by id (once per request).',
      resolve: (p) => p.workspaceId,
    }),
  }),
});

export const Widget = builder.loadableNode('Widget', {
  description: 'A feedback widget of a project.',
  id: { resolve: (w: WidgetNode) => nodeKey(w.workspaceId, w.id) },
  load: (keys: string[], ctx) =>
    Promise.all(
      keys.map(async (key) => {
        const parts = keyParts(key, 2);
        if (!parts) return null;
        const [workspaceId = '', id = ''] = parts;
        const widget = await ctx.loaders.userhero.widget.load({ workspaceId, id });
        return widget && { ...widget, workspaceId: widget.workspaceId ?? workspaceId };
      }),
    ),
  fields: (t) => ({
    widgetId: t.exposeID('id', { nullable: false, description: "UserHero's own id." }),
    workspaceId: t.exposeID('workspaceId', { nullable: false }),
    projectId: t.exposeID('projectId', { nullable: true }),
    name: t.exposeString('name', { nullable: false }),
    enabled: t.exposeBoolean('enabled', { nullable: true }),
    config: t.field({
      type: 'JSON',
      nullable: true,
      description: 'E.g. { "type": "modal" }.',
      resolve: (w) => w.config,
    }),
    styling: t.field({
      type: 'JSON',
      nullable: true,
      description: 'E.g. { "primaryColor": "#6366f1" }.',
      resolve: (w) => w.styling,
    }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (w) => w.createdAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (w) => w.updatedAt }),
    project: t.field({
      extensions: cost(LOOKUP),
      type: Project,
      nullable: true,
      resolve: (w, _args, ctx) => projectOf(ctx, w.workspaceId, w.projectId),
    }),
    workspace: t.field({ type: Workspace, nullable: true, resolve: (w) => w.workspaceId }),
  }),
});

export const Webhook = builder.loadableNode('Webhook', {
  description:
    'An incoming webhook: posts to its url become feedback. Its signing secret is shown only ' +
    'by the mutation that creates it, never here.',
  id: { resolve: (w: WebhookNode) => nodeKey(w.workspaceId, w.id) },
  // UserHero has no Get Webhook: the workspace's list (read once per request) is searched.
  load: (keys: string[], ctx) =>
    Promise.all(
      keys.map(async (key) => {
        const parts = keyParts(key, 2);
        if (!parts) return null;
        const [workspaceId = '', id = ''] = parts;
        return (await webhooksOf(ctx, workspaceId)).find((w) => w.id === id) ?? null;
      }),
    ),
  fields: (t) => ({
    webhookId: t.exposeID('id', { nullable: false, description: "UserHero's own id." }),
    workspaceId: t.exposeID('workspaceId', { nullable: false }),
    projectId: t.exposeID('projectId', {
      nullable: true,
      description: 'Default project of the posted feedback; null when each post names one.',
    }),
    name: t.exposeString('name', { nullable: false }),
    slug: t.exposeString('slug', { nullable: true, description: 'Posts go to /api/hooks/{slug}.' }),
    url: t.exposeString('url', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (w) => w.createdAt }),
    project: t.field({
      extensions: cost(LOOKUP),
      type: Project,
      nullable: true,
      resolve: (w, _args, ctx) => projectOf(ctx, w.workspaceId, w.projectId),
    }),
    workspace: t.field({ type: Workspace, nullable: true, resolve: (w) => w.workspaceId }),
  }),
});

export const ProjectConnection = builder.connectionObject({
  type: Project,
  name: 'ProjectConnection',
});
export const WidgetConnection = builder.connectionObject({
  type: Widget,
  name: 'WidgetConnection',
});
export const WebhookConnection = builder.connectionObject({
  type: Webhook,
  name: 'WebhookConnection',
});

builder.objectFields(Workspace, (t) => ({
  projects: t.connection(
    {
      extensions: cost(READ),
      type: Project,
      nullable: true,
      description: 'Every project of the workspace (exact totalCount).',
      resolve: (w: WorkspaceShape, args, ctx) =>
        connectionFromAdapter(
          arrayList(() => ctx.loaders.userhero.projects(w.id)),
          args,
          { field: 'Workspace.projects', filters: { workspaceId: w.id }, signal: ctx.signal },
        ),
    },
    ProjectConnection,
  ),
  widgets: t.connection(
    {
      extensions: cost(READ),
      type: Widget,
      nullable: true,
      description: 'Every widget of the workspace, all projects (exact totalCount).',
      resolve: (w: WorkspaceShape, args, ctx) =>
        connectionFromAdapter(
          arrayList(() => widgetsOf(ctx, w.id)),
          args,
          { field: 'Workspace.widgets', filters: { workspaceId: w.id }, signal: ctx.signal },
        ),
    },
    WidgetConnection,
  ),
  webhooks: t.connection(
    {
      extensions: cost(READ),
      type: Webhook,
      nullable: true,
      description: 'Every incoming webhook of the workspace (exact totalCount).',
      resolve: (w: WorkspaceShape, args, ctx) =>
        connectionFromAdapter(
          arrayList(() => webhooksOf(ctx, w.id)),
          args,
          { field: 'Workspace.webhooks', filters: { workspaceId: w.id }, signal: ctx.signal },
        ),
    },
    WebhookConnection,
  ),
}));

/**
 * A project's share of a workspace-wide list: one list per workspace serves every project of a
 * query.
 */
function ofProject<T extends { projectId: string | null }>(
  field: string,
  listOf: (ctx: GatewayContext, workspaceId: string) => Promise<T[]>,
) {
  return (p: { id: string; workspaceId: string }, args: ConnectionArgs, ctx: GatewayContext) =>
    connectionFromAdapter(
      arrayList(async () => (await listOf(ctx, p.workspaceId)).filter((w) => w.projectId === p.id)),
      args,
      { field, filters: { workspaceId: p.workspaceId, projectId: p.id }, signal: ctx.signal },
    );
}

builder.objectFields(Project, (t) => ({
  widgets: t.connection(
    {
      extensions: cost(READ),
      type: Widget,
      nullable: true,
      description: "The project's widgets (exact totalCount).",
      resolve: ofProject('Project.widgets', widgetsOf),
    },
    WidgetConnection,
  ),
  webhooks: t.connection(
    {
      extensions: cost(READ),
      type: Webhook,
      nullable: true,
      description: 'The incoming webhooks whose default project this is (exact totalCount).',
      resolve: ofProject('Project.webhooks', webhooksOf),
    },
    WebhookConnection,
  ),
}));
