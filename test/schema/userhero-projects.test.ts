import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  globalId,
  type Json,
  mainWorkspace,
  userheroCalls,
  vendorGet,
} from './userhero-fixtures.js';

let gw: TestGateway;
let ws: string;

beforeAll(async () => {
  gw = await startTestGateway();
  ws = mainWorkspace(gw);
});
afterAll(async () => gw.close());
beforeEach(() => gw.sandbox.log.clear());

const PROJECT_FIELDS = `
  id projectId workspaceId name type domain bundleId packageName publicKey privacySettings
  publicPortal disabledDefaultFields slaRules { priority hours } createdAt updatedAt
  customFieldDefinitions {
    id type label required placeholder options isDefault
    validation { min max minLength maxLength }
    visibilityCondition { fieldId value }
    optionsByParent { parentFieldId map { parentValue options } }
  }
`;
const WIDGET_FIELDS =
  'id widgetId workspaceId projectId name enabled config styling createdAt updatedAt';
const WEBHOOK_FIELDS = 'id webhookId workspaceId projectId name slug url createdAt';

function expectedDefinition(def: Json): Json {
  const validation = def.validation as Json | undefined;
  const byParent = def.optionsByParent as { parentFieldId: string; map: Json } | undefined;
  return {
    id: def.id,
    type: def.type,
    label: def.label,
    required: def.required ?? false,
    placeholder: def.placeholder ?? null,
    options: def.options ?? null,
    isDefault: def.isDefault ?? (def.id as string).startsWith('df_'),
    validation: validation
      ? {
          min: validation.min ?? null,
          max: validation.max ?? null,
          minLength: validation.minLength ?? null,
          maxLength: validation.maxLength ?? null,
        }
      : null,
    visibilityCondition: def.visibilityCondition ?? null,
    optionsByParent: byParent
      ? {
          parentFieldId: byParent.parentFieldId,
          map: Object.entries(byParent.map).map(([parentValue, options]) => ({
            parentValue,
            options,
          })),
        }
      : null,
  };
}

function expectedProject(wire: Json): Json {
  return {
    id: globalId('Project', wire.workspaceId as string, wire.id as string),
    projectId: wire.id,
    workspaceId: wire.workspaceId,
    name: wire.name,
    type: wire.type,
    domain: wire.domain,
    bundleId: wire.bundleId,
    packageName: wire.packageName,
    publicKey: wire.publicKey,
    privacySettings: wire.privacySettings,
    publicPortal: wire.publicPortal,
    disabledDefaultFields: wire.disabledDefaultFields,
    slaRules: wire.slaRules ?? [],
    createdAt: wire.createdAt,
    updatedAt: wire.updatedAt,
    customFieldDefinitions: (wire.customFieldDefinitions as Json[]).map(expectedDefinition),
  };
}

const expectedWidget = (wire: Json): Json => ({
  id: globalId('Widget', wire.workspaceId as string, wire.id as string),
  widgetId: wire.id,
  workspaceId: wire.workspaceId,
  projectId: wire.projectId,
  name: wire.name,
  enabled: wire.enabled,
  config: wire.config,
  styling: wire.styling,
  createdAt: wire.createdAt,
  updatedAt: wire.updatedAt,
});

const expectedWebhook = (wire: Json): Json => ({
  id: globalId('Webhook', wire.workspaceId as string, wire.id as string),
  webhookId: wire.id,
  workspaceId: wire.workspaceId,
  projectId: wire.projectId,
  name: wire.name,
  slug: wire.slug,
  url: wire.url,
  createdAt: wire.createdAt,
});

interface WorkspaceData {
  workspaces: {
    workspaceId: string;
    projects: { totalCount: number; nodes: Json[] };
    widgets: { totalCount: number; nodes: Json[] };
    webhooks: { totalCount: number; nodes: Json[] };
  }[];
}

describe('Workspace.projects, widgets and webhooks', () => {
  it('resolve every documented field, one list call each per workspace', async () => {
    const projects = (await vendorGet(gw, '/projects', { workspaceId: ws })).data as Json[];
    const widgets = (await vendorGet(gw, '/widgets', { workspaceId: ws })).data as Json[];
    const webhooks = (await vendorGet(gw, '/webhooks', { workspaceId: ws })).data as Json[];
    const res = await gw.query<WorkspaceData>(
      `{ workspaces { workspaceId
          projects { totalCount nodes { ${PROJECT_FIELDS} } }
          widgets(first: 100) { totalCount nodes { ${WIDGET_FIELDS} } }
          webhooks { totalCount nodes { ${WEBHOOK_FIELDS} } } } }`,
    );
    expect(res.errors).toEqual([]);
    const main = res.data?.workspaces.find((w) => w.workspaceId === ws);
    expect(main?.projects).toEqual({
      totalCount: projects.length,
      nodes: projects.map(expectedProject),
    });
    expect(main?.widgets).toEqual({
      totalCount: widgets.length,
      nodes: widgets.map(expectedWidget),
    });
    expect(main?.webhooks).toEqual({
      totalCount: webhooks.length,
      nodes: webhooks.map(expectedWebhook),
    });
    const workspaces = res.data?.workspaces.length ?? 0;
    expect(userheroCalls(gw, '/projects')).toBe(workspaces);
    expect(userheroCalls(gw, '/widgets')).toBe(workspaces);
    expect(userheroCalls(gw, '/webhooks')).toBe(workspaces);
  });

  it('keeps the project list across requests (slow-changing metadata)', async () => {
    gw.services.caches.userheroProjects.clear();
    const query = `{ feedbackByTicket(ticketNumber: 1) { project { name } } }`;
    await gw.query(query);
    const second = await gw.query(query);
    expect(second.errors).toEqual([]);
    expect(userheroCalls(gw, '/projects')).toBe(1);
    expect(userheroCalls(gw, /^\/feedback\/number\//)).toBe(2);
  });

  it('pages projects exactly, with a total', async () => {
    const all = (await vendorGet(gw, '/projects', { workspaceId: ws })).data as Json[];
    const first = await gw.query<{ workspaces: Json[] }>(
      '{ workspaces { workspaceId projects(first: 2) { totalCount pageInfo { endCursor hasNextPage } nodes { projectId } } } }',
    );
    const main = first.data?.workspaces.find((w) => w.workspaceId === ws) as Json;
    const page = main.projects as { pageInfo: { endCursor: string }; nodes: Json[] };
    const rest = await gw.query<{ workspaces: Json[] }>(
      'query($after: String) { workspaces { workspaceId projects(first: 10, after: $after) { nodes { projectId } } } }',
      { after: page.pageInfo.endCursor },
    );
    const next = rest.data?.workspaces.find((w) => w.workspaceId === ws) as Json;
    expect([...page.nodes, ...(next.projects as { nodes: Json[] }).nodes]).toEqual(
      all.map((p) => ({ projectId: p.id })),
    );
  });

  it('Project.widgets and Project.webhooks are the workspace lists narrowed to the project', async () => {
    const widgets = (await vendorGet(gw, '/widgets', { workspaceId: ws })).data as Json[];
    const webhooks = (await vendorGet(gw, '/webhooks', { workspaceId: ws })).data as Json[];
    const res = await gw.query<{
      workspaces: { workspaceId: string; projects: { nodes: Json[] } }[];
    }>(
      `{ workspaces { workspaceId projects { nodes { projectId
          widgets { totalCount nodes { widgetId project { projectId } } }
          webhooks { totalCount nodes { webhookId project { projectId } workspace { workspaceId } } } } } } }`,
    );
    expect(res.errors).toEqual([]);
    const main = res.data?.workspaces.find((w) => w.workspaceId === ws);
    expect(main?.projects.nodes.length).toBeGreaterThan(0);
    for (const project of main?.projects.nodes ?? []) {
      const own = widgets.filter((w) => w.projectId === project.projectId);
      const hooks = webhooks.filter((w) => w.projectId === project.projectId);
      expect(project.widgets).toEqual({
        totalCount: own.length,
        nodes: own.map((w) => ({ widgetId: w.id, project: { projectId: project.projectId } })),
      });
      expect(project.webhooks).toEqual({
        totalCount: hooks.length,
        nodes: hooks.map((w) => ({
          webhookId: w.id,
          project: { projectId: project.projectId },
          workspace: { workspaceId: ws },
        })),
      });
    }
    expect(main?.projects.nodes.some((p) => (p.webhooks as Json).totalCount !== 0)).toBe(true);
    expect(userheroCalls(gw, '/widgets')).toBe(res.data?.workspaces.length);
    expect(userheroCalls(gw, '/webhooks')).toBe(res.data?.workspaces.length);
  });

  it('never exposes a webhook secret', async () => {
    const type = await gw.query<{ __type: { fields: { name: string }[] } }>(
      '{ __type(name: "Webhook") { fields { name } } }',
    );
    expect(type.data?.__type.fields.map((f) => f.name)).not.toContain('secret');
    const res = await gw.query(`{ workspaces { webhooks { nodes { ${WEBHOOK_FIELDS} } } } }`);
    // The webhooks were listed (not an error body), and the seed holds secrets to look for.
    expect(res.errors).toEqual([]);
    expect(gw.sandbox.seed.userhero.data.webhooks.size).toBeGreaterThan(0);
    for (const hook of gw.sandbox.seed.userhero.data.webhooks.values()) {
      expect(res.body).not.toContain(hook.secret);
    }
  });

  it('reaches the workspace usage endpoint', async () => {
    const res = await gw.query<{ workspaces: { workspaceId: string; usage: Json }[] }>(
      '{ workspaces { workspaceId usage { plan limits { name value } usage { name value } } } }',
    );
    expect(res.errors).toEqual([]);
    const main = res.data?.workspaces.find((w) => w.workspaceId === ws);
    expect(main?.usage.plan).toBe(gw.sandbox.seed.userhero.data.workspaces.get(ws)?.plan);
    expect(userheroCalls(gw, `/workspace/${ws}/usage`)).toBe(1);
  });
});

describe('node refetch', () => {
  it('Project and Widget through their Get endpoints, Webhook through the list', async () => {
    const data = gw.sandbox.seed.userhero.data;
    const project = [...data.projects.values()].find((p) => p.workspaceId === ws);
    const widget = [...data.widgets.values()].find((w) => w.workspaceId === ws);
    const webhook = [...data.webhooks.values()].find((w) => w.workspaceId === ws);
    if (!project || !widget || !webhook) throw new Error('seed lacks a record');
    const wireProject = (await vendorGet(gw, `/projects/${project.id}`, { workspaceId: ws }))
      .data as Json;
    const wireWidget = (await vendorGet(gw, `/widgets/${widget.id}`, { workspaceId: ws }))
      .data as Json;
    const hooks = (await vendorGet(gw, '/webhooks', { workspaceId: ws })).data as Json[];
    // One alias per type: their projectId fields differ in nullability and cannot be merged.
    const res = await gw.query<Record<string, Json | null>>(
      `query($p: ID!, $w: ID!, $h: ID!, $missing: [ID!]!) {
          p: node(id: $p) { ... on Project { ${PROJECT_FIELDS} } }
          w: node(id: $w) { ... on Widget { ${WIDGET_FIELDS} } }
          h: node(id: $h) { ... on Webhook { ${WEBHOOK_FIELDS} } }
          missing: nodes(ids: $missing) { id } }`,
      {
        p: globalId('Project', ws, project.id),
        w: globalId('Widget', ws, widget.id),
        h: globalId('Webhook', ws, webhook.id),
        missing: [
          globalId('Project', ws, 'proj_missing'),
          globalId('Widget', ws, 'wgt_missing'),
          globalId('Webhook', ws, 'wh_missing'),
        ],
      },
    );
    expect(res.errors).toEqual([]);
    expect(res.data).toEqual({
      p: expectedProject(wireProject),
      w: expectedWidget(wireWidget),
      h: expectedWebhook(hooks.find((h) => h.id === webhook.id) as Json),
      missing: [null, null, null],
    });
    expect(userheroCalls(gw, /^\/projects\//)).toBe(2);
    expect(userheroCalls(gw, /^\/widgets\//)).toBe(2);
    expect(userheroCalls(gw, '/webhooks')).toBe(1);
  });
});
