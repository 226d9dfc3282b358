import { describe, expect, it } from 'vitest';
import { call, errorCode, makeApp } from './helpers.js';

describe('projects', () => {
  it('lists the workspace projects with their documented fields', async () => {
    const app = makeApp();
    const res = await call(app, 'GET', '/projects', { query: { workspaceId: app.workspaceId } });
    expect(res.body.data).toHaveLength(4);
    const web = res.body.data.find((p: { name: string }) => p.name === 'Web App');
    expect(web).toMatchObject({
      type: 'web',
      domain: 'app.acme.example',
      publicKey: expect.stringMatching(/^pk_live_/),
      privacySettings: expect.any(Object),
      publicPortal: expect.objectContaining({ enabled: true }),
      disabledDefaultFields: [],
    });
    const defs = web.customFieldDefinitions;
    expect(defs.some((d: { options?: string[] }) => d.options?.length)).toBe(true);
    expect(defs.some((d: { visibilityCondition?: unknown }) => d.visibilityCondition)).toBe(true);
    expect(defs.some((d: { optionsByParent?: unknown }) => d.optionsByParent)).toBe(true);
    expect(defs.some((d: { validation?: unknown }) => d.validation)).toBe(true);
    expect(web).not.toHaveProperty('slaRules');
  });

  it('creates, reads, updates and deletes a project; delete answers 200 { id, deleted }', async () => {
    const app = makeApp();
    const ws = app.workspaceId;
    const created = await call(app, 'POST', '/projects', {
      json: { workspaceId: ws, name: 'My App', domain: 'app.example.com' },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect(created.body.data).toMatchObject({
      name: 'My App',
      domain: 'app.example.com',
      customFieldDefinitions: [],
    });
    const got = await call(app, 'GET', `/projects/${id}`, { query: { workspaceId: ws } });
    expect(got.body.data.id).toBe(id);
    const patched = await call(app, 'PATCH', `/projects/${id}`, {
      json: { workspaceId: ws, name: 'Renamed', slaRules: [{ priority: 'urgent', hours: 2 }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.name).toBe('Renamed');
    expect(app.data.projects.get(id)?.slaRules).toEqual([{ priority: 'urgent', hours: 2 }]);
    const fb = await call(app, 'POST', '/feedback', {
      json: { workspaceId: ws, projectId: id, message: 'x', priority: 'urgent' },
    });
    expect(Date.parse(fb.body.data.dueDate) - Date.parse(fb.body.data.createdAt)).toBe(
      2 * 3600_000,
    );
    const removed = await call(app, 'DELETE', `/projects/${id}`, { query: { workspaceId: ws } });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ data: { id, deleted: true } });
    expect(app.data.feedback.has(fb.body.data.id)).toBe(false);
    expect((await call(app, 'GET', `/projects/${id}`, { query: { workspaceId: ws } })).status).toBe(
      404,
    );
  });

  it('validates name and slaRules', async () => {
    const app = makeApp();
    const ws = app.workspaceId;
    expect((await call(app, 'POST', '/projects', { json: { workspaceId: ws } })).status).toBe(400);
    const id = [...app.data.projects.values()].find((p) => p.workspaceId === ws)!.id;
    const patch = (json: Record<string, unknown>) =>
      call(app, 'PATCH', `/projects/${id}`, { json: { workspaceId: ws, ...json } });
    for (const slaRules of [
      'fast',
      [{ priority: 'p1', hours: 4 }],
      [{ priority: 'high', hours: 0 }],
      [{ priority: 'high', hours: '4' }],
      [
        { priority: 'high', hours: 4 },
        { priority: 'high', hours: 8 },
      ],
    ]) {
      const res = await patch({ slaRules });
      expect(res.status, JSON.stringify(slaRules)).toBe(400);
    }
    expect((await patch({ name: '' })).status).toBe(400);
    expect((await call(app, 'PATCH', `/projects/${id}`, { json: { name: 'x' } })).status).toBe(400);
  });
});

describe('widgets', () => {
  it('lists widgets, optionally filtered by project', async () => {
    const app = makeApp();
    const ws = app.workspaceId;
    const all = await call(app, 'GET', '/widgets', { query: { workspaceId: ws } });
    expect(all.body.data).toHaveLength(6);
    const projectId = all.body.data[0].projectId;
    const some = await call(app, 'GET', '/widgets', { query: { workspaceId: ws, projectId } });
    expect(some.body.data.length).toBeGreaterThan(0);
    expect(some.body.data.filter((w: { projectId: string }) => w.projectId !== projectId)).toEqual(
      [],
    );
    expect(some.body.data.length).toBeLessThan(6);
  });

  it('creates, updates (merging config) and deletes with 204', async () => {
    const app = makeApp();
    const ws = app.workspaceId;
    const projectId = [...app.data.projects.values()].find((p) => p.workspaceId === ws)!.id;
    const created = await call(app, 'POST', '/widgets', {
      json: {
        workspaceId: ws,
        projectId,
        name: 'Feedback Button',
        config: { type: 'modal', position: 'left' },
        styling: { primaryColor: '#6366f1' },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const patched = await call(app, 'PATCH', `/widgets/${id}`, {
      json: {
        workspaceId: ws,
        name: 'Updated Widget',
        enabled: false,
        config: { type: 'popover' },
      },
    });
    expect(patched.body.data).toMatchObject({
      name: 'Updated Widget',
      enabled: false,
      config: { type: 'popover', position: 'left' },
    });
    expect(
      (await call(app, 'PATCH', `/widgets/${id}`, { json: { workspaceId: ws, enabled: 'yes' } }))
        .status,
    ).toBe(400);
    const removed = await call(app, 'DELETE', `/widgets/${id}`, { query: { workspaceId: ws } });
    expect(removed.status).toBe(204);
    expect(removed.body).toBeUndefined();
    expect((await call(app, 'GET', `/widgets/${id}`, { query: { workspaceId: ws } })).status).toBe(
      404,
    );
  });

  it('requires projectId and name on create', async () => {
    const app = makeApp();
    const ws = app.workspaceId;
    expect(
      (await call(app, 'POST', '/widgets', { json: { workspaceId: ws, name: 'x' } })).status,
    ).toBe(400);
    const projectId = [...app.data.projects.values()].find((p) => p.workspaceId === ws)!.id;
    expect(
      (await call(app, 'POST', '/widgets', { json: { workspaceId: ws, projectId } })).status,
    ).toBe(400);
  });
});

describe('webhooks', () => {
  it('shows the whsec_ secret only in the create response', async () => {
    const app = makeApp();
    const ws = app.workspaceId;
    const projectId = [...app.data.projects.values()].find((p) => p.workspaceId === ws)!.id;
    const created = await call(app, 'POST', '/webhooks', {
      json: { workspaceId: ws, name: 'Zapier', projectId },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      name: 'Zapier',
      projectId,
      secret: expect.stringMatching(/^whsec_/),
      slug: expect.any(String),
      url: expect.stringMatching(/^https:\/\/userhero\.co\/api\/hooks\//),
    });
    const list = await call(app, 'GET', '/webhooks', { query: { workspaceId: ws } });
    expect(list.body.data).toHaveLength(4);
    for (const hook of list.body.data) expect(hook).not.toHaveProperty('secret');
  });

  it('deletes with 200 { id, deleted } and 404s afterwards', async () => {
    const app = makeApp();
    const ws = app.workspaceId;
    const hook = [...app.data.webhooks.values()].find((h) => h.workspaceId === ws)!;
    const res = await call(app, 'DELETE', `/webhooks/${hook.id}`, { query: { workspaceId: ws } });
    expect(res).toMatchObject({ status: 200, body: { data: { id: hook.id, deleted: true } } });
    const again = await call(app, 'DELETE', `/webhooks/${hook.id}`, { query: { workspaceId: ws } });
    expect(errorCode(again)).toBe('not_found');
  });

  it('requires a name', async () => {
    const app = makeApp();
    expect(
      (await call(app, 'POST', '/webhooks', { json: { workspaceId: app.workspaceId } })).status,
    ).toBe(400);
  });
});
