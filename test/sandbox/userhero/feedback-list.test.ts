import { describe, expect, it } from 'vitest';
import { call, errorCode, makeApp } from './helpers.js';

const app = makeApp();
const ws = app.workspaceId;
const mine = () => [...app.data.feedback.values()].filter((f) => f.workspaceId === ws);

describe('GET /feedback', () => {
  it('requires workspaceId', async () => {
    const res = await call(app, 'GET', '/feedback');
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('bad_request');
  });

  it('answers 20 items newest first as { data } with no pagination metadata', async () => {
    const res = await call(app, 'GET', '/feedback', { query: { workspaceId: ws } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data']);
    expect(res.body.data).toHaveLength(20);
    const dates = res.body.data.map((f: { createdAt: string }) => f.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    const newest = mine().sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
    expect(res.body.data[0].id).toBe(newest?.id);
  });

  it('accepts pageSize up to 100 and refuses 101 and 0', async () => {
    const big = await call(app, 'GET', '/feedback', { query: { workspaceId: ws, pageSize: 100 } });
    expect(big.body.data).toHaveLength(100);
    for (const pageSize of [101, 0, -1]) {
      const res = await call(app, 'GET', '/feedback', { query: { workspaceId: ws, pageSize } });
      expect(res.status).toBe(400);
    }
    const badPage = await call(app, 'GET', '/feedback', { query: { workspaceId: ws, page: 0 } });
    expect(badPage.status).toBe(400);
    const notNumber = await call(app, 'GET', '/feedback', {
      query: { workspaceId: ws, page: 'x' },
    });
    expect(notNumber.status).toBe(400);
  });

  it('ends with a short last page and then empty pages; pages cover every item once', async () => {
    const total = mine().length;
    const pageSize = 100;
    const seen = new Set<string>();
    let page = 1;
    for (;;) {
      const res = await call(app, 'GET', '/feedback', {
        query: { workspaceId: ws, page, pageSize },
      });
      for (const item of res.body.data) seen.add(item.id);
      if (res.body.data.length < pageSize) {
        expect(res.body.data).toHaveLength(total % pageSize);
        break;
      }
      page += 1;
    }
    expect(seen.size).toBe(total);
    const after = await call(app, 'GET', '/feedback', {
      query: { workspaceId: ws, page: page + 1, pageSize },
    });
    expect(after.body.data).toEqual([]);
  });

  it('filters by status, category and projectId', async () => {
    const project = [...app.data.projects.values()].find((p) => p.workspaceId === ws)!;
    const expected = mine().filter(
      (f) => f.status === 'resolved' && f.category === 'bug' && f.projectId === project.id,
    );
    const res = await call(app, 'GET', '/feedback', {
      query: {
        workspaceId: ws,
        status: 'resolved',
        category: 'bug',
        projectId: project.id,
        pageSize: 100,
      },
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(res.body.data.length).toBe(Math.min(100, expected.length));
    for (const item of res.body.data) {
      expect(item).toMatchObject({ status: 'resolved', category: 'bug', projectId: project.id });
    }
  });

  it('matches userEmail exactly but ignoring letter case', async () => {
    const shouty = mine().find((f) => f.userEmail && f.userEmail !== f.userEmail.toLowerCase())!;
    const email = shouty.userEmail!.toLowerCase();
    const expected = mine().filter((f) => f.userEmail?.toLowerCase() === email);
    const res = await call(app, 'GET', '/feedback', {
      query: { workspaceId: ws, userEmail: email, pageSize: 100 },
    });
    expect(res.body.data.map((f: { id: string }) => f.id).sort()).toEqual(
      expected.map((f) => f.id).sort(),
    );
    const partial = await call(app, 'GET', '/feedback', {
      query: { workspaceId: ws, userEmail: email.slice(1) },
    });
    expect(partial.body.data).toEqual([]);
  });

  it('renders every documented field, with statusCategory derived from the status', async () => {
    const res = await call(app, 'GET', '/feedback', { query: { workspaceId: ws, pageSize: 100 } });
    const item = res.body.data[0];
    for (const field of [
      'id',
      'ticketNumber',
      'workspaceId',
      'projectId',
      'widgetId',
      'message',
      'category',
      'rating',
      'status',
      'statusCategory',
      'tags',
      'priority',
      'assigneeId',
      'assigneeName',
      'assigneeEmail',
      'watcherIds',
      'dueDate',
      'slaBreached',
      'userEmail',
      'screenshotUrl',
      'attachmentUrl',
      'audioUrl',
      'videoUrl',
      'context',
      'customMetadata',
      'votes',
      'isPublic',
      'createdAt',
      'updatedAt',
    ]) {
      expect(item).toHaveProperty(field);
    }
    const categories: Record<string, string> = {
      new: 'open',
      reopened: 'open',
      'in-progress': 'pending',
      resolved: 'resolved',
      archived: 'closed',
    };
    const withKnownStatus = res.body.data.filter((f: { status: string }) => categories[f.status]);
    expect(withKnownStatus.length).toBeGreaterThan(0);
    for (const f of withKnownStatus) expect(f.statusCategory).toBe(categories[f.status]);
    expect(item).not.toHaveProperty('customerId');
  });

  it('answers 403 forbidden for the workspace with API access disabled and 404 for an unknown one', async () => {
    const disabled = [...app.data.workspaces.values()].find((w) => !w.apiAccessEnabled)!;
    const forbidden = await call(app, 'GET', '/feedback', { query: { workspaceId: disabled.id } });
    expect(forbidden.status).toBe(403);
    expect(errorCode(forbidden)).toBe('forbidden');
    const unknown = await call(app, 'GET', '/feedback', { query: { workspaceId: 'ws_nope' } });
    expect(unknown.status).toBe(404);
  });
});
