import { describe, expect, it } from 'vitest';
import { call, errorCode, makeApp } from './helpers.js';

function setup() {
  const app = makeApp();
  const ws = app.workspaceId;
  const projects = [...app.data.projects.values()].filter((p) => p.workspaceId === ws);
  const web = projects.find((p) => p.slaRules.length > 0)!;
  const plain = projects.find((p) => p.customFieldDefinitions.length === 0)!;
  const create = (json: Record<string, unknown>) =>
    call(app, 'POST', '/feedback', {
      json: { workspaceId: ws, projectId: web.id, message: 'It broke', ...json },
    });
  return { app, ws, web, plain, create };
}

const fieldId = (
  project: { customFieldDefinitions: { id: string; label: string }[] },
  label: string,
) => project.customFieldDefinitions.find((d) => d.label === label)!.id;

describe('POST /feedback', () => {
  it('creates an item with the next ticket number, widgetId "api" and status new', async () => {
    const { app, ws, create } = setup();
    const maxTicket = Math.max(
      ...[...app.data.feedback.values()]
        .filter((f) => f.workspaceId === ws)
        .map((f) => f.ticketNumber ?? 0),
    );
    const res = await create({ category: 'bug', tags: ['ui'], context: { page: '/x' } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      ticketNumber: maxTicket + 1,
      widgetId: 'api',
      status: 'new',
      statusCategory: 'open',
      message: 'It broke',
      tags: ['ui'],
      context: { page: '/x' },
    });
    const next = await create({});
    expect(next.body.data.ticketNumber).toBe(maxTicket + 2);
  });

  it('requires workspaceId, projectId and message', async () => {
    const { app, ws, web } = setup();
    const cases = [
      { projectId: web.id, message: 'x' },
      { workspaceId: ws, message: 'x' },
      { workspaceId: ws, projectId: web.id },
      { workspaceId: ws, projectId: web.id, message: '   ' },
    ];
    for (const json of cases) {
      const res = await call(app, 'POST', '/feedback', { json });
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('bad_request');
    }
  });

  it('refuses malformed JSON and non-object bodies with 400', async () => {
    const { app } = setup();
    expect((await call(app, 'POST', '/feedback', { body: '{"workspaceId":' })).status).toBe(400);
    expect((await call(app, 'POST', '/feedback', { body: '[1,2]' })).status).toBe(400);
  });

  it('answers 404 for a project or widget outside the workspace', async () => {
    const { create } = setup();
    expect((await create({ projectId: 'proj_missing' })).status).toBe(404);
    expect((await create({ widgetId: 'wgt_missing' })).status).toBe(404);
  });

  it('validates priority, rating, tags and userEmail types', async () => {
    const { create } = setup();
    expect((await create({ priority: 'critical' })).status).toBe(400);
    expect((await create({ rating: 'five' })).status).toBe(400);
    expect((await create({ tags: 'ui' })).status).toBe(400);
    expect((await create({ userEmail: 'not-an-email' })).status).toBe(400);
  });

  it('computes dueDate from the project SLA rule of the priority', async () => {
    const { create, plain, app, ws } = setup();
    const res = await create({ priority: 'urgent' });
    const created = Date.parse(res.body.data.createdAt);
    expect(Date.parse(res.body.data.dueDate) - created).toBe(4 * 3600_000);
    expect(res.body.data.slaBreached).toBe(false);
    const noSla = await call(app, 'POST', '/feedback', {
      json: { workspaceId: ws, projectId: plain.id, message: 'x', priority: 'urgent' },
    });
    expect(noSla.body.data.dueDate).toBeNull();
  });

  it('promotes name/email/phone keys of customMetadata to userName/userEmail/userPhone', async () => {
    const { create } = setup();
    const res = await create({
      customMetadata: {
        plan: 'pro',
        user_name: 'Ann Lee',
        Email: 'ann@x.example',
        phoneNumber: '+1 555',
      },
    });
    expect(res.body.data).toMatchObject({
      userName: 'Ann Lee',
      userEmail: 'ann@x.example',
      userPhone: '+1 555',
    });
    expect(res.body.data.customMetadata).toEqual({
      plan: 'pro',
      user_name: 'Ann Lee',
      Email: 'ann@x.example',
      phoneNumber: '+1 555',
    });
    const fromFields = await create({
      customMetadata: {
        email: 'meta@x.example',
        customFields: { df_email: 'field@x.example', df_name: 'F' },
      },
    });
    expect(fromFields.body.data).toMatchObject({ userEmail: 'field@x.example', userName: 'F' });
  });

  it('accepts valid customFields, including dependent and conditional fields', async () => {
    const { create, web } = setup();
    const res = await create({
      customMetadata: {
        customFields: {
          [fieldId(web, 'Plan')]: 'Pro',
          [fieldId(web, 'Seats')]: 25,
          [fieldId(web, 'Product area')]: 'Integrations',
          [fieldId(web, 'Sub-area')]: 'Slack',
          [fieldId(web, 'Integration account id')]: 'T024BE7LD',
          df_company: 'Acme',
        },
      },
    });
    expect(res.status).toBe(201);
  });

  it('refuses customFields that break the project definitions', async () => {
    const { create, web, plain, app, ws } = setup();
    const area = fieldId(web, 'Product area');
    const bad: Record<string, unknown>[] = [
      { cf_unknown_zzzzz: 'x' },
      { [fieldId(web, 'Plan')]: 'Platinum' },
      { [fieldId(web, 'Seats')]: 0 },
      { [fieldId(web, 'Seats')]: '25' },
      { [area]: 'Billing', [fieldId(web, 'Sub-area')]: 'Slack' },
      { [area]: 'Integrations' },
      { [area]: 'Billing', [fieldId(web, 'Integration account id')]: 'T024BE7LD' },
      { [area]: 'Integrations', [fieldId(web, 'Integration account id')]: 'ab' },
      { [fieldId(web, 'Notes')]: 'x'.repeat(1001) },
      { df_email: 'nope' },
      { df_unknown: 'x' },
    ];
    for (const customFields of bad) {
      const res = await create({ customMetadata: { customFields } });
      expect(res.status, JSON.stringify(customFields)).toBe(400);
    }
    const disabledDefault = await call(app, 'POST', '/feedback', {
      json: {
        workspaceId: ws,
        projectId: plain.id,
        message: 'x',
        customMetadata: { customFields: { df_phone: '1' } },
      },
    });
    expect(disabledDefault.status).toBe(400);
  });

  it('links the item to the customer owning its email and bumps feedbackCount', async () => {
    const { create, app, ws } = setup();
    const customer = [...app.data.customers.values()].find((c) => c.workspaceId === ws)!;
    const before = customer.feedbackCount;
    const res = await create({ userEmail: customer.primaryEmail!.toUpperCase() });
    expect(app.data.feedback.get(res.body.data.id)?.customerId).toBe(customer.id);
    expect(customer.feedbackCount).toBe(before + 1);
  });
});

describe('GET /feedback/{id} and /feedback/number/{n}', () => {
  it('returns the item with customerComments and internalNotes', async () => {
    const { app, ws } = setup();
    const id = [...app.data.comments.keys()].find(
      (k) => app.data.feedback.get(k)?.workspaceId === ws,
    )!;
    const res = await call(app, 'GET', `/feedback/${id}`, { query: { workspaceId: ws } });
    expect(res.status).toBe(200);
    expect(res.body.data.customerComments).toHaveLength(app.data.comments.get(id)!.length);
    expect(Array.isArray(res.body.data.internalNotes)).toBe(true);
  });

  it('answers 404 for an unknown id or an id from another workspace', async () => {
    const { app, ws } = setup();
    expect(
      (await call(app, 'GET', '/feedback/fb_nope', { query: { workspaceId: ws } })).status,
    ).toBe(404);
    const other = [...app.data.feedback.values()].find(
      (f) => f.workspaceId !== ws && f.workspaceId,
    )!;
    const res = await call(app, 'GET', `/feedback/${other.id}`, { query: { workspaceId: ws } });
    expect(res.status).toBe(404);
  });

  it('finds an item by ticket number given as 245 or %23245', async () => {
    const { app, ws } = setup();
    const item = [...app.data.feedback.values()].find(
      (f) => f.workspaceId === ws && f.ticketNumber === 245,
    )!;
    for (const path of ['/feedback/number/245', '/feedback/number/%23245']) {
      const res = await call(app, 'GET', path, { query: { workspaceId: ws } });
      expect(res.status).toBe(200);
      expect(res.body.data.id).toBe(item.id);
      expect(res.body.data).toHaveProperty('customerComments');
    }
    expect(
      (await call(app, 'GET', '/feedback/number/abc', { query: { workspaceId: ws } })).status,
    ).toBe(400);
    expect(
      (await call(app, 'GET', '/feedback/number/999999', { query: { workspaceId: ws } })).status,
    ).toBe(404);
    expect((await call(app, 'GET', '/feedback/number/245')).status).toBe(400);
  });
});

describe('PATCH /feedback/{id}', () => {
  it('updates the documented fields, derives statusCategory and moves updatedAt', async () => {
    const { app, ws, web } = setup();
    const item = [...app.data.feedback.values()].find((f) => f.projectId === web.id)!;
    const member = app.data.workspaces.get(ws)!.members[1]!;
    const before = item.updatedAt;
    const res = await call(app, 'PATCH', `/feedback/${item.id}`, {
      json: {
        workspaceId: ws,
        status: 'in-progress',
        priority: 'high',
        assigneeId: member.id,
        tags: ['critical'],
        isPublic: true,
        category: 'question',
        dueDate: '2026-07-01T00:00:00Z',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'in-progress',
      statusCategory: 'pending',
      priority: 'high',
      assigneeId: member.id,
      assigneeName: member.name,
      assigneeEmail: member.email,
      tags: ['critical'],
      isPublic: true,
      category: 'question',
      dueDate: '2026-07-01T00:00:00.000Z',
    });
    expect(res.body.data.updatedAt > before).toBe(true);
    for (const [status, category] of [
      ['archived', 'closed'],
      ['resolved', 'resolved'],
      ['reopened', 'open'],
      ['waiting-on-customer', 'pending'],
      ['wont-fix', 'closed'],
    ]) {
      const next = await call(app, 'PATCH', `/feedback/${item.id}`, {
        json: { workspaceId: ws, status },
      });
      expect(next.body.data.statusCategory).toBe(category);
    }
  });

  it('refuses an unknown status, a non-member assignee, a bad priority and a missing workspaceId', async () => {
    const { app, ws, plain } = setup();
    const item = [...app.data.feedback.values()].find((f) => f.projectId === plain.id)!;
    const patch = (json: Record<string, unknown>) =>
      call(app, 'PATCH', `/feedback/${item.id}`, { json: { workspaceId: ws, ...json } });
    expect((await patch({ status: 'done' })).status).toBe(400);
    // Custom statuses belong to their own project only.
    expect((await patch({ status: 'waiting-on-customer' })).status).toBe(400);
    expect((await patch({ assigneeId: 'user_stranger' })).status).toBe(400);
    expect((await patch({ priority: 'p1' })).status).toBe(400);
    expect((await patch({ dueDate: 'tomorrow' })).status).toBe(400);
    expect(
      (await call(app, 'PATCH', `/feedback/${item.id}`, { json: { status: 'new' } })).status,
    ).toBe(400);
    expect(app.data.feedback.get(item.id)?.status).not.toBe('done');
  });
});

describe('DELETE /feedback/{id}', () => {
  it('answers 204 with no body and unlinks the customer', async () => {
    const { app, ws } = setup();
    const item = [...app.data.feedback.values()].find((f) => f.workspaceId === ws && f.customerId)!;
    const customer = app.data.customers.get(item.customerId!)!;
    const count = customer.feedbackCount;
    const res = await call(app, 'DELETE', `/feedback/${item.id}`, { query: { workspaceId: ws } });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(app.data.feedback.has(item.id)).toBe(false);
    expect(customer.feedbackCount).toBe(count - 1);
    const again = await call(app, 'DELETE', `/feedback/${item.id}`, { query: { workspaceId: ws } });
    expect(again.status).toBe(404);
  });
});
