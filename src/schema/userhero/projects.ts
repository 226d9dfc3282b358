import { cost, READ, LOOKUP } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../types.js';
import type { Project as ProjectShape, Widget as WidgetShape } from '../../domain/project.js';
import type {
  Webhook as WebhookShape,
  Workspace as WorkspaceShape,
} from '../../domain/workspace.js';
import { arrayList } from '../../pagination/index.js';
import { type ConnectionArgs, connectionFromAdapter } from '../../pagination/index.js';
import { keyParts, nodeKey } from './keys.js';
import { CustomFieldDefinition, SlaRule } from './project-settings.js';
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
