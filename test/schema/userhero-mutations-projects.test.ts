import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { globalId, mainWorkspace } from './userhero-fixtures.js';
import {
  data,
  expectRefused,
  forbiddenWorkspace,
  mainProject,
  received,
} from './userhero-mutations-fixtures.js';

// Projects, widgets and incoming webhooks: the documented bodies, the shared project list dropped
// after a project write, SLA rules that take effect, and a webhook secret shown exactly once.

let gw: TestGateway;
let ws: string;
beforeAll(async () => {
  gw = await startTestGateway();
  ws = mainWorkspace(gw);
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.log.clear());

const PROJECT = 'id projectId workspaceId name domain publicKey slaRules { priority hours }';
const CREATE_PROJECT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { ${PROJECT} } } }`;
const UPDATE_PROJECT = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { ${PROJECT} } } }`;
const DELETE_PROJECT = `mutation($id: ID!) { deleteProject(id: $id) { deletedId } }`;
const WORKSPACE_PROJECTS = `query($ws: ID!) {
  node(id: $ws) { ... on Workspace { projects(first: 100) { totalCount nodes { id name domain } } } }
}`;

interface ProjectOut {
  id: string;
  projectId: string;
  name: string;
  domain: string | null;
  slaRules: { priority: string; hours: number }[];
}
type ProjectList = { node: { projects: { totalCount: number; nodes: ProjectOut[] } } };

const workspaceGlobalId = () => encodeGlobalId('Workspace', ws);
const listProjects = () => gw.query<ProjectList>(WORKSPACE_PROJECTS, { ws: workspaceGlobalId() });

describe('projects', () => {
  it('creates a project, and the shared project list shows it at once', async () => {
    const before = await listProjects();
    expect(before.errors, before.body).toEqual([]);
    const count = before.data!.node.projects.totalCount;
    // Served from the cross-request cache now.
    gw.sandbox.log.clear();
    expect((await listProjects()).data).toEqual(before.data);
    expect(received(gw, 'GET', '/projects')).toHaveLength(0);

    const result = await gw.query<{ createProject: { project: ProjectOut } }>(CREATE_PROJECT, {
      input: { name: 'Partner Portal', domain: 'partners.acme.example', idempotencyKey: 'proj-1' },
    });
    expect(result.errors, result.body).toEqual([]);
    const [post] = received(gw, 'POST');
    expect(post?.path).toBe('/projects');
    expect(post?.headers['idempotency-key']).toBe('proj-1');
    expect(post?.body).toEqual({
      workspaceId: ws,
      name: 'Partner Portal',
      domain: 'partners.acme.example',
    });
    const project = result.data!.createProject.project;
    const stored = data(gw).projects.get(project.projectId)!;
    expect(project).toEqual({
      id: globalId('Project', ws, stored.id),
      projectId: stored.id,
      workspaceId: ws,
      name: 'Partner Portal',
      domain: 'partners.acme.example',
      publicKey: stored.publicKey,
      slaRules: [],
    });

    const after = await listProjects();
    expect(after.data!.node.projects.totalCount).toBe(count + 1);
    expect(after.data!.node.projects.nodes.map((p) => p.id)).toContain(project.id);

    // The same key again: the same project, still one.
    const replay = await gw.query<{ createProject: { project: ProjectOut } }>(CREATE_PROJECT, {
      input: { name: 'Partner Portal', domain: 'partners.acme.example', idempotencyKey: 'proj-1' },
    });
    expect(replay.data?.createProject.project).toEqual(project);
    const named = [...data(gw).projects.values()].filter((p) => p.name === 'Partner Portal');
    expect(named).toHaveLength(1);
  });

  it('refuses a workspace without API access as VENDOR_FORBIDDEN, a blank name before any call', async () => {
    const locked = encodeGlobalId('Workspace', forbiddenWorkspace(gw).id);
    const forbidden = await gw.query(CREATE_PROJECT, { input: { workspaceId: locked, name: 'X' } });
    expectRefused(gw, forbidden, 'VENDOR_FORBIDDEN');
    gw.sandbox.log.clear();
    expectRefused(
      gw,
      await gw.query(CREATE_PROJECT, { input: { name: ' ' } }),
      'BAD_USER_INPUT',
      'input.name',
    );
    const wrongType = await gw.query(CREATE_PROJECT, {
      input: { name: 'X', workspaceId: globalId('Project', ws, 'p') },
    });
    expectRefused(gw, wrongType, 'BAD_USER_INPUT', 'input.workspaceId', 'Workspace id');
  });

  it('updates name and SLA rules; new feedback gets its due date from them', async () => {
    const project = mainProject(gw, (p) => p.slaRules.length === 0);
    const id = globalId('Project', ws, project.id);
    await listProjects();
    gw.sandbox.log.clear();
    const slaRules = [
      { priority: 'urgent', hours: 2 },
      { priority: 'HIGH', hours: 8.5 },
    ];
    const result = await gw.query<{ updateProject: { project: ProjectOut } }>(UPDATE_PROJECT, {
      input: { id, name: 'iOS App (beta)', slaRules },
    });
    expect(result.errors, result.body).toEqual([]);
    const [patch] = received(gw, 'PATCH');
    expect(patch?.path).toBe(`/projects/${project.id}`);
    expect(patch?.body).toEqual({
      workspaceId: ws,
      name: 'iOS App (beta)',
      slaRules: [
        { priority: 'urgent', hours: 2 },
        { priority: 'high', hours: 8.5 },
      ],
    });
    expect(result.data?.updateProject.project).toMatchObject({
      name: 'iOS App (beta)',
      slaRules: [
        { priority: 'urgent', hours: 2 },
        { priority: 'high', hours: 8.5 },
      ],
    });
    const listed = (await listProjects()).data!.node.projects.nodes.find((p) => p.id === id);
    expect(listed?.name).toBe('iOS App (beta)');

    const created = await gw.query<{
      createFeedback: { feedback: { dueDate: string; createdAt: string } };
    }>(
      `mutation($input: CreateFeedbackInput!) { createFeedback(input: $input) { feedback { dueDate createdAt } } }`,
      { input: { projectId: id, message: 'Crash on launch', priority: 'high' } },
    );
    const { dueDate, createdAt } = created.data!.createFeedback.feedback;
    expect(Date.parse(dueDate) - Date.parse(createdAt)).toBe(8.5 * 3600_000);
  });

  it('refuses SLA rules the docs do not allow, before any call', async () => {
    const id = globalId('Project', ws, mainProject(gw).id);
    const cases: [unknown[], string, string][] = [
      [[{ priority: 'urgent', hours: 0 }], 'input.slaRules[0].hours', 'above 0'],
      [[{ priority: 'low', hours: -3 }], 'input.slaRules[0].hours', 'above 0'],
      [[{ priority: 'soon', hours: 3 }], 'input.slaRules[0].priority', 'low, medium, high, urgent'],
      [
        [
          { priority: 'high', hours: 3 },
          { priority: 'high', hours: 4 },
        ],
        'input.slaRules[1].priority',
        'one rule per priority',
      ],
    ];
    for (const [slaRules, field, rule] of cases) {
      const result = await gw.query(UPDATE_PROJECT, { input: { id, slaRules } });
      expect(expectRefused(gw, result, 'BAD_USER_INPUT', field, rule).extensions?.field).toBe(
        field,
      );
    }
    expectRefused(
      gw,
      await gw.query(UPDATE_PROJECT, { input: { id } }),
      'BAD_USER_INPUT',
      'at least one field',
    );
  });

  it('deletes a project: gone from the shared list and from node()', async () => {
    const created = await gw.query<{ createProject: { project: ProjectOut } }>(CREATE_PROJECT, {
      input: { name: 'Short-lived' },
    });
    const project = created.data!.createProject.project;
    expect((await listProjects()).data!.node.projects.nodes.map((p) => p.id)).toContain(project.id);
    gw.sandbox.log.clear();

    const result = await gw.query<{ deleteProject: { deletedId: string } }>(DELETE_PROJECT, {
      id: project.id,
    });
    expect(result.errors, result.body).toEqual([]);
    expect(result.data?.deleteProject.deletedId).toBe(project.id);
    const [call] = received(gw, 'DELETE');
    expect(call?.path).toBe(`/projects/${project.projectId}`);
    expect(call?.query).toEqual({ workspaceId: ws });
    expect((await listProjects()).data!.node.projects.nodes.map((p) => p.id)).not.toContain(
      project.id,
    );
    const node = await gw.query<{ node: unknown }>(`query($id: ID!) { node(id: $id) { id } }`, {
      id: project.id,
    });
    expect(node.data?.node).toBeNull();
  });
});

const WIDGET = 'id widgetId workspaceId projectId name enabled config styling';

describe('widgets', () => {
  it('creates, updates and deletes a widget, each seen by the next query', async () => {
    const project = mainProject(gw);
    const projectId = globalId('Project', ws, project.id);
    const created = await gw.query<{ createWidget: { widget: { id: string; widgetId: string } } }>(
      `mutation($input: CreateWidgetInput!) { createWidget(input: $input) { widget { ${WIDGET} } } }`,
      {
        input: {
          projectId,
          name: 'Feedback Button',
          config: { type: 'modal' },
          styling: { primaryColor: '#6366f1' },
        },
      },
    );
    expect(created.errors, created.body).toEqual([]);
    expect(received(gw, 'POST')[0]).toMatchObject({
      path: '/widgets',
      body: {
        workspaceId: ws,
        projectId: project.id,
        name: 'Feedback Button',
        config: { type: 'modal' },
        styling: { primaryColor: '#6366f1' },
      },
    });
    const widget = created.data!.createWidget.widget;
    expect(widget).toEqual({
      id: globalId('Widget', ws, widget.widgetId),
      widgetId: widget.widgetId,
      workspaceId: ws,
      projectId: project.id,
      name: 'Feedback Button',
      enabled: true,
      config: { type: 'modal' },
      styling: { primaryColor: '#6366f1' },
    });
    const widgetsOf = async () =>
      (
        await gw.query<{
          node: { widgets: { nodes: { id: string; name: string; enabled: boolean }[] } };
        }>(
          `query($id: ID!) { node(id: $id) { ... on Project { widgets(first: 100) { nodes { id name enabled } } } } }`,
          { id: projectId },
        )
      ).data!.node.widgets.nodes;
    expect(await widgetsOf()).toContainEqual({
      id: widget.id,
      name: 'Feedback Button',
      enabled: true,
    });

    gw.sandbox.log.clear();
    const updated = await gw.query<{
      updateWidget: { widget: { enabled: boolean; config: unknown } };
    }>(
      `mutation($input: UpdateWidgetInput!) { updateWidget(input: $input) { widget { ${WIDGET} } } }`,
      {
        input: {
          id: widget.id,
          name: 'Updated Widget',
          enabled: false,
          config: { type: 'popover' },
        },
      },
    );
    expect(updated.errors, updated.body).toEqual([]);
    expect(received(gw, 'PATCH')[0]).toMatchObject({
      path: `/widgets/${widget.widgetId}`,
      body: {
        workspaceId: ws,
        name: 'Updated Widget',
        enabled: false,
        config: { type: 'popover' },
      },
    });
    expect(updated.data?.updateWidget.widget).toMatchObject({
      enabled: false,
      config: { type: 'popover' },
    });
    expect(await widgetsOf()).toContainEqual({
      id: widget.id,
      name: 'Updated Widget',
      enabled: false,
    });

    gw.sandbox.log.clear();
    const deleted = await gw.query<{ deleteWidget: { deletedId: string } }>(
      `mutation($id: ID!) { deleteWidget(id: $id) { deletedId } }`,
      { id: widget.id },
    );
    expect(deleted.data?.deleteWidget.deletedId).toBe(widget.id);
    expect(received(gw, 'DELETE')[0]).toMatchObject({
      path: `/widgets/${widget.widgetId}`,
      query: { workspaceId: ws },
    });
    expect((await widgetsOf()).map((w) => w.id)).not.toContain(widget.id);
  });

  it('refuses malformed widget input before any call', async () => {
    const projectId = globalId('Project', ws, mainProject(gw).id);
    const create = `mutation($input: CreateWidgetInput!) { createWidget(input: $input) { widget { id } } }`;
    expectRefused(
      gw,
      await gw.query(create, { input: { projectId, name: 'W', config: 'modal' } }),
      'BAD_USER_INPUT',
      'input.config',
      'JSON object',
    );
    expectRefused(
      gw,
      await gw.query(create, { input: { projectId: globalId('Widget', ws, 'w'), name: 'W' } }),
      'BAD_USER_INPUT',
      'input.projectId',
      'Project id',
    );
    const update = `mutation($input: UpdateWidgetInput!) { updateWidget(input: $input) { widget { id } } }`;
    expectRefused(
      gw,
      await gw.query(update, { input: { id: globalId('Widget', ws, 'w'), enabled: null } }),
      'BAD_USER_INPUT',
      'input.enabled',
      'cannot be null',
    );
  });
});

describe('webhooks', () => {
  it('returns the one-time secret in the create payload only, and never logs it', async () => {
    const project = mainProject(gw);
    const result = await gw.query<{
      createWebhook: {
        secret: string;
        webhook: { id: string; webhookId: string; name: string; url: string };
      };
    }>(
      `mutation($input: CreateWebhookInput!) {
        createWebhook(input: $input) { secret webhook { id webhookId workspaceId projectId name slug url } }
      }`,
      {
        input: {
          name: 'Zapier Integration',
          projectId: globalId('Project', ws, project.id),
          idempotencyKey: 'hook-1',
        },
      },
    );
    expect(result.errors, result.body).toEqual([]);
    expect(received(gw, 'POST')[0]).toMatchObject({
      path: '/webhooks',
      body: { workspaceId: ws, name: 'Zapier Integration', projectId: project.id },
    });
    const { secret, webhook } = result.data!.createWebhook;
    const stored = data(gw).webhooks.get(webhook.webhookId)!;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).toBe(stored.secret);
    expect(webhook).toMatchObject({ id: globalId('Webhook', ws, stored.id), url: stored.url });

    // No type but the payload can carry it, and no log line does.
    const type = await gw.query<{ __type: { fields: { name: string }[] } }>(
      `{ __type(name: "Webhook") { fields { name } } }`,
    );
    expect(type.data?.__type.fields.map((f) => f.name)).not.toContain('secret');
    const listed = await gw.query<{ node: { webhooks: { nodes: { id: string }[] } } }>(
      `query($ws: ID!) { node(id: $ws) { ... on Workspace { webhooks(first: 100) { nodes { id } } } } }`,
      { ws: workspaceGlobalId() },
    );
    expect(listed.data?.node.webhooks.nodes).toContainEqual({ id: webhook.id });
    expect(listed.body).not.toContain(secret);
    expect(gw.logLines.length).toBeGreaterThan(0);
    expect(gw.logLines.filter((line) => line.includes(secret))).toEqual([]);
  });

  it('deletes a webhook', async () => {
    const hook = [...data(gw).webhooks.values()].find((h) => h.workspaceId === ws)!;
    const id = globalId('Webhook', ws, hook.id);
    const result = await gw.query<{ deleteWebhook: { deletedId: string } }>(
      `mutation($id: ID!) { deleteWebhook(id: $id) { deletedId } }`,
      { id },
    );
    expect(result.errors, result.body).toEqual([]);
    expect(result.data?.deleteWebhook.deletedId).toBe(id);
    expect(received(gw, 'DELETE')[0]).toMatchObject({
      path: `/webhooks/${hook.id}`,
      query: { workspaceId: ws },
    });
    expect(data(gw).webhooks.has(hook.id)).toBe(false);
    const again = await gw.query(`mutation($id: ID!) { deleteWebhook(id: $id) { deletedId } }`, {
      id,
    });
    expectRefused(gw, again, 'VENDOR_NOT_FOUND');
  });
});
