import { describe, expect, it } from 'vitest';
import { call, errorCode, makeApp } from './helpers.js';

function setup() {
  const app = makeApp();
  const ws = app.workspaceId;
  const customers = [...app.data.customers.values()].filter((c) => c.workspaceId === ws);
  return { app, ws, customers };
}

describe('GET /customers (list mode)', () => {
  it('pages 20 at a time sorted by lastSeenAt desc, nulls last', async () => {
    const { app, ws, customers } = setup();
    const res = await call(app, 'GET', '/customers', { query: { workspaceId: ws } });
    expect(res.body.data).toHaveLength(20);
    expect(Object.keys(res.body)).toEqual(['data']);
    const seen = res.body.data.map((c: { lastSeenAt: string | null }) => c.lastSeenAt);
    expect(seen).toEqual([...seen].sort().reverse());
    const last = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, pageSize: 100, page: Math.ceil(customers.length / 100) },
    });
    expect(last.body.data.length).toBe(customers.length % 100 || 100);
    expect(last.body.data.at(-1).lastSeenAt).toBeNull();
  });

  it('sorts by feedbackCount, firstSeenAt and name in either order', async () => {
    const { app, ws } = setup();
    const asc = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, sort: 'feedbackCount', order: 'asc', pageSize: 100 },
    });
    const counts = asc.body.data.map((c: { feedbackCount: number }) => c.feedbackCount);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => a - b));
    const names = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, sort: 'name', order: 'asc', pageSize: 100 },
    });
    const list = names.body.data.map((c: { name: string }) => c.name.toLowerCase());
    expect(list).toEqual([...list].sort());
    const first = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, sort: 'firstSeenAt' },
    });
    expect(first.status).toBe(200);
    expect(
      (await call(app, 'GET', '/customers', { query: { workspaceId: ws, sort: 'email' } })).status,
    ).toBe(400);
    expect(
      (await call(app, 'GET', '/customers', { query: { workspaceId: ws, order: 'up' } })).status,
    ).toBe(400);
    expect(
      (await call(app, 'GET', '/customers', { query: { workspaceId: ws, pageSize: 101 } })).status,
    ).toBe(400);
  });

  it('searches name, email and phone, and filters by channel and tag', async () => {
    const { app, ws, customers } = setup();
    const target = customers.find((c) => c.phones.length > 0)!;
    const byEmail = await call(app, 'GET', '/customers', {
      query: {
        workspaceId: ws,
        search: target.primaryEmail!.slice(0, 12).toUpperCase(),
        pageSize: 100,
      },
    });
    expect(byEmail.body.data.map((c: { id: string }) => c.id)).toContain(target.id);
    const byPhone = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, search: target.phones[0]!.slice(-7) },
    });
    expect(byPhone.body.data.map((c: { id: string }) => c.id)).toEqual([target.id]);
    const tag = customers.find((c) => c.tags.length > 0)!.tags[0]!;
    const tagged = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, tag, pageSize: 100 },
    });
    expect(tagged.body.data.length).toBe(
      Math.min(100, customers.filter((c) => c.tags.includes(tag)).length),
    );
    const api = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, channel: 'api', pageSize: 100 },
    });
    expect(api.body.data.length).toBe(
      Math.min(100, customers.filter((c) => c.channels.includes('api')).length),
    );
    expect(api.body.data.length).toBeGreaterThan(0);
    for (const c of api.body.data) expect(c.channels).toContain('api');
  });

  it('requires workspaceId', async () => {
    const { app } = setup();
    expect((await call(app, 'GET', '/customers')).status).toBe(400);
  });
});

describe('GET /customers (lookup mode)', () => {
  it('finds one customer by email (any case), by an alternate email and by phone', async () => {
    const { app, ws, customers } = setup();
    const withAlt = customers.find((c) => c.emails.length > 1)!;
    for (const email of [withAlt.primaryEmail!.toUpperCase(), withAlt.emails[1]!]) {
      const res = await call(app, 'GET', '/customers', { query: { workspaceId: ws, email } });
      expect(res.status).toBe(200);
      expect(res.body.data.id).toBe(withAlt.id);
      expect(res.body.data).toHaveProperty('mergedCustomerIds');
    }
    const withPhone = customers.find((c) => c.primaryPhone)!;
    const byPhone = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, phone: withPhone.primaryPhone! },
    });
    expect(byPhone.body.data.id).toBe(withPhone.id);
    // An unencoded '+' arrives as a space; digits still match.
    const spaced = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, phone: withPhone.primaryPhone!.replace('+', ' ') },
    });
    expect(spaced.body.data.id).toBe(withPhone.id);
    const both = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, email: withPhone.primaryEmail!, phone: withPhone.primaryPhone! },
    });
    expect(both.body.data.id).toBe(withPhone.id);
  });

  it('answers 404 when nothing matches and 409 when email and phone name different customers', async () => {
    const { app, ws, customers } = setup();
    const nobody = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, email: 'nobody@nowhere.example' },
    });
    expect(nobody.status).toBe(404);
    const [a, b] = customers.filter((c) => c.primaryPhone);
    const mixed = await call(app, 'GET', '/customers', {
      query: { workspaceId: ws, email: a!.primaryEmail!, phone: b!.primaryPhone! },
    });
    expect(mixed.status).toBe(409);
    expect(errorCode(mixed)).toBe('conflict');
  });
});

describe('customer writes', () => {
  it('creates a customer with normalised email, adopting feedback already sent from it', async () => {
    const { app, ws } = setup();
    const fb = await call(app, 'POST', '/feedback', {
      json: {
        workspaceId: ws,
        projectId: [...app.data.projects.values()][0]!.id,
        message: 'x',
        userEmail: 'New.Person@Example.com',
      },
    });
    const res = await call(app, 'POST', '/customers', {
      json: {
        workspaceId: ws,
        name: 'New Person',
        primaryEmail: 'New.Person@Example.com',
        company: 'Acme Inc',
        tags: ['beta'],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      name: 'New Person',
      primaryEmail: 'new.person@example.com',
      emails: ['new.person@example.com'],
      company: 'Acme Inc',
      tags: ['beta'],
      feedbackCount: 1,
      notes: null,
      customFields: {},
      timezone: null,
      language: null,
      mergedCustomerIds: [],
    });
    expect(app.data.feedback.get(fb.body.data.id)?.customerId).toBe(res.body.data.id);
  });

  it('answers 409 for an email or phone that another customer already has', async () => {
    const { app, ws, customers } = setup();
    const taken = customers.find((c) => c.primaryPhone)!;
    expect(
      (
        await call(app, 'POST', '/customers', {
          json: { workspaceId: ws, primaryEmail: taken.primaryEmail!.toUpperCase() },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call(app, 'POST', '/customers', {
          json: { workspaceId: ws, phones: [taken.primaryPhone!] },
        })
      ).status,
    ).toBe(409);
    expect(
      (await call(app, 'POST', '/customers', { json: { workspaceId: ws, primaryEmail: 'bad' } }))
        .status,
    ).toBe(400);
  });

  it('updates the documented fields and validates them', async () => {
    const { app, customers } = setup();
    const c = customers[0]!;
    const res = await call(app, 'PATCH', `/customers/${c.id}`, {
      json: {
        name: 'Jane Smith-Rogers',
        tags: ['enterprise', 'vip'],
        customFields: { plan: 'pro' },
        socialHandles: [{ platform: 'twitter', handle: '@jane' }],
        timezone: 'Europe/Berlin',
        language: 'pt-BR',
        notes: 'VIP',
        emails: ['jane.new@x.example'],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      name: 'Jane Smith-Rogers',
      tags: ['enterprise', 'vip'],
      customFields: { plan: 'pro' },
      socialHandles: [{ platform: 'twitter', handle: '@jane' }],
      timezone: 'Europe/Berlin',
      language: 'pt-BR',
      notes: 'VIP',
      primaryEmail: 'jane.new@x.example',
      emails: ['jane.new@x.example'],
    });
    for (const json of [
      { timezone: 'Mars/Base' },
      { language: 'english!' },
      { socialHandles: [{ platform: 'x' }] },
      { emails: ['nope'] },
      { primaryEmail: customers[1]!.primaryEmail },
    ]) {
      const bad = await call(app, 'PATCH', `/customers/${c.id}`, { json });
      expect(bad.status, JSON.stringify(json)).toBeGreaterThanOrEqual(400);
    }
    expect((await call(app, 'PATCH', '/customers/cust_nope', { json: { name: 'x' } })).status).toBe(
      404,
    );
  });

  it('gets the full profile by id alone, and 404s with a non-matching workspaceId', async () => {
    const { app, customers } = setup();
    const c = customers[0]!;
    const res = await call(app, 'GET', `/customers/${c.id}`);
    expect(res.body.data).toMatchObject({ id: c.id, mergedCustomerIds: [] });
    expect(res.body.data).toHaveProperty('timezone');
    const other = [...app.data.workspaces.values()].find(
      (w) => w.id !== app.workspaceId && w.apiAccessEnabled,
    )!;
    expect(
      (await call(app, 'GET', `/customers/${c.id}`, { query: { workspaceId: other.id } })).status,
    ).toBe(404);
  });

  it('deletes with 200 and unlinks the customer feedback', async () => {
    const { app, customers } = setup();
    const c = customers.find((x) => x.feedbackCount > 0)!;
    const linked = [...app.data.feedback.values()].filter((f) => f.customerId === c.id);
    const res = await call(app, 'DELETE', `/customers/${c.id}`);
    expect(res).toMatchObject({ status: 200, body: { data: { id: c.id, deleted: true } } });
    expect(linked).toHaveLength(c.feedbackCount);
    for (const f of linked) expect(app.data.feedback.get(f.id)?.customerId).toBeNull();
    expect((await call(app, 'GET', `/customers/${c.id}`)).status).toBe(404);
  });
});

describe('POST /customers/{targetId}/merge', () => {
  it('moves the source into the target and deletes the source', async () => {
    const { app, customers } = setup();
    const [target, source] = customers.filter((c) => c.feedbackCount > 0 && c.primaryPhone);
    const sourceFeedback = [...app.data.feedback.values()].filter(
      (f) => f.customerId === source!.id,
    );
    const total = target!.feedbackCount + source!.feedbackCount;
    const res = await call(app, 'POST', `/customers/${target!.id}/merge`, {
      json: { sourceCustomerId: source!.id },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        id: target!.id,
        mergedSourceId: source!.id,
        mergedFeedbackCount: sourceFeedback.length,
      },
    });
    const merged = (await call(app, 'GET', `/customers/${target!.id}`)).body.data;
    expect(merged.feedbackCount).toBe(total);
    expect(merged.emails).toEqual(expect.arrayContaining(source!.emails));
    expect(merged.phones).toEqual(expect.arrayContaining(source!.phones));
    expect(merged.mergedCustomerIds).toContain(source!.id);
    expect(sourceFeedback.length).toBeGreaterThan(0);
    for (const f of sourceFeedback)
      expect(app.data.feedback.get(f.id)?.customerId).toBe(target!.id);
    expect((await call(app, 'GET', `/customers/${source!.id}`)).status).toBe(404);
    const lookup = await call(app, 'GET', '/customers', {
      query: { workspaceId: app.workspaceId, email: source!.primaryEmail! },
    });
    expect(lookup.body.data.id).toBe(target!.id);
  });

  it('refuses a missing, unknown or identical source', async () => {
    const { app, customers } = setup();
    const target = customers[0]!;
    const path = `/customers/${target.id}/merge`;
    expect((await call(app, 'POST', path, { json: {} })).status).toBe(400);
    expect(
      (await call(app, 'POST', path, { json: { sourceCustomerId: 'cust_nope' } })).status,
    ).toBe(404);
    expect((await call(app, 'POST', path, { json: { sourceCustomerId: target.id } })).status).toBe(
      400,
    );
  });
});
