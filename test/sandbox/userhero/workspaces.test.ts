import { describe, expect, it } from 'vitest';
import { call, makeApp } from './helpers.js';

describe('workspaces', () => {
  it('lists only the two workspaces with API access, main one first', async () => {
    const app = makeApp();
    const res = await call(app, 'GET', '/workspaces');
    expect(res.body.data).toHaveLength(2);
    expect(res.body.data[0]).toMatchObject({
      id: app.workspaceId,
      name: 'Acme Inc',
      plan: 'pro',
      apiAccessEnabled: true,
      role: 'owner',
      memberCount: 6,
    });
    expect(['owner', 'admin']).toContain(res.body.data[1].role);
  });

  it('gets one workspace; 403 for the disabled one, 404 for an unknown one', async () => {
    const app = makeApp();
    expect((await call(app, 'GET', `/workspace/${app.workspaceId}`)).body.data.name).toBe(
      'Acme Inc',
    );
    const disabled = [...app.data.workspaces.values()].find((w) => !w.apiAccessEnabled)!;
    expect((await call(app, 'GET', `/workspace/${disabled.id}`)).status).toBe(403);
    expect((await call(app, 'GET', `/workspace/${disabled.id}/usage`)).status).toBe(403);
    expect((await call(app, 'GET', '/workspace/ws_nope')).status).toBe(404);
  });

  it('reports usage counts computed from the data', async () => {
    const app = makeApp();
    const ws = app.workspaceId;
    const res = await call(app, 'GET', `/workspace/${ws}/usage`);
    const feedback = [...app.data.feedback.values()].filter((f) => f.workspaceId === ws);
    expect(res.body.data).toMatchObject({
      workspaceId: ws,
      plan: 'pro',
      limits: expect.objectContaining({ projects: expect.any(Number) }),
      usage: {
        projects: 4,
        widgets: 6,
        members: 6,
        webhooks: 3,
        feedbackTotal: feedback.length,
        customers: [...app.data.customers.values()].filter((c) => c.workspaceId === ws).length,
        feedbackThisMonth: feedback.filter((f) => f.createdAt >= res.body.data.periodStart).length,
        automations: expect.any(Number),
        storageBytes: 0,
      },
    });
  });
});
