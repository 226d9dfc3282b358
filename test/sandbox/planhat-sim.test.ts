import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, NOW, start } from './support.js';

type Nps = Record<string, unknown> & { _id: string; npsDate: string; cId: string; nps: number };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());

const DAY = 86_400_000;
const list = (query: Record<string, string | number> = {}) =>
  call<Nps[]>(sandbox, 'planhat', '/nps', { query });

describe('Planhat auth', () => {
  it('refuses a missing or wrong bearer token with 401', async () => {
    expect((await call(sandbox, 'planhat', '/nps', { auth: false })).status).toBe(401);
    const wrong = await call(sandbox, 'planhat', '/nps', {
      auth: false,
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toBe('Unauthorized');
  });
});

describe('Planhat GET /nps', () => {
  it('returns a bare array of 100 records in list spelling by default', async () => {
    const reply = await list();
    expect(reply.status).toBe(200);
    expect(Array.isArray(reply.json)).toBe(true);
    expect(reply.json).toHaveLength(100);
    expect(Object.keys(reply.json[0]!)).toEqual([
      '_id',
      'npsId',
      'email',
      'npsDate',
      'nps',
      'npsComment',
      'npsSent',
      'scoreType',
      'cId',
      'euId',
      'campaignId',
      'dateSent',
      'dateReminderSent',
      'source',
      'sourceId',
      'custom',
    ]);
  });

  it('keeps insertion order without sort, which is not date order', async () => {
    const records = sandbox.seed.planhat.store.all();
    const cutoff = NOW.getTime() - 360 * DAY;
    const expected = records.filter((r) => r.npsDate !== null && r.npsDate >= cutoff).slice(0, 50);
    const reply = await list({ limit: 50 });
    expect(reply.json.map((r) => r._id)).toEqual(expected.map((r) => r._id));
    const dates = reply.json.map((r) => r.npsDate);
    expect(dates).not.toEqual([...dates].sort().reverse());
  });

  it('pages with limit and offset over the same order', async () => {
    const whole = await list({ limit: 30 });
    const second = await list({ limit: 10, offset: 10 });
    expect(second.json.map((r) => r._id)).toEqual(whole.json.slice(10, 20).map((r) => r._id));
  });

  it('refuses a limit above 10000 or a negative offset with 400', async () => {
    expect((await list({ limit: 10001 })).status).toBe(400);
    expect((await list({ offset: -1 })).status).toBe(400);
    expect((await list({ limit: 10000 })).status).toBe(200);
  });

  it('sorts by any field, "-" for descending', async () => {
    const newest = await list({ sort: '-npsDate', limit: 200 });
    const dates = newest.json.map((r) => r.npsDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const byScore = await list({ sort: 'nps', limit: 500 });
    const scores = byScore.json.map((r) => r.nps);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('filters by several company ids at once', async () => {
    const companies = sandbox.seed.companies.slice(0, 3).map((c) => c.id);
    const reply = await list({ companyId: companies.join(','), limit: 10000 });
    expect(reply.json.length).toBeGreaterThan(0);
    expect(new Set(reply.json.map((r) => r.cId))).toEqual(
      new Set(companies.filter((id) => reply.json.some((r) => r.cId === id))),
    );
    expect(companies).toHaveLength(3);
    let listedAlone = 0;
    for (const id of companies) {
      const one = await list({ companyId: id, limit: 10000 });
      expect(one.json.filter((r) => r.cId !== id)).toEqual([]);
      // Alone, a company gets exactly its share of the batched answer.
      expect(one.json.length).toBe(reply.json.filter((r) => r.cId === id).length);
      listedAlone += one.json.length;
    }
    expect(listedAlone).toBe(reply.json.length);
  });

  it('answers only the last 360 days unless npsExpiryDay widens the window', async () => {
    const recent = await list({ limit: 10000 });
    const oldest = Math.min(...recent.json.map((r) => Date.parse(r.npsDate)));
    expect(oldest).toBeGreaterThanOrEqual(NOW.getTime() - 360 * DAY);
    const wide = await list({ limit: 10000, npsExpiryDay: 800 });
    expect(wide.json.length).toBe(sandbox.seed.planhat.store.size);
    expect(wide.json.length).toBeGreaterThan(recent.json.length * 1.5);
    const narrow = await list({ limit: 10000, npsExpiryDay: 30 });
    expect(narrow.json.length).toBeLessThan(recent.json.length / 5);
  });

  it('returns only the selected fields, _id only when selected', async () => {
    const reply = await list({ select: 'email,nps', limit: 3 });
    expect(reply.json).toHaveLength(3);
    for (const record of reply.json) expect(Object.keys(record).sort()).toEqual(['email', 'nps']);
    const withId = await list({ select: '_id,npsDate,unknownField', limit: 3 });
    expect(withId.json).toHaveLength(3);
    for (const record of withId.json)
      expect(Object.keys(record).sort()).toEqual(['_id', 'npsDate']);
  });

  it('spells some emails with other casing than the canonical one', async () => {
    const reply = await list({ limit: 10000, npsExpiryDay: 800 });
    const emails = reply.json.map((r) => String(r.email));
    expect(emails.some((email) => email !== email.toLowerCase())).toBe(true);
    const people = new Set(sandbox.seed.people.map((p) => p.email));
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.filter((email) => !people.has(email.toLowerCase()))).toEqual([]);
  });
});

describe('Planhat single records', () => {
  it('gets a record by _id and by srcid-{sourceId}', async () => {
    const record = sandbox.seed.planhat.store.all().find((r) => r.sourceId?.startsWith('cnps-'))!;
    const byId = await call(sandbox, 'planhat', `/nps/${record._id}`);
    expect(byId.status).toBe(200);
    expect(byId.json.nps).toBe(record.nps);
    const bySource = await call(sandbox, 'planhat', `/nps/srcid-${record.sourceId}`);
    expect(bySource.json._id).toBe(record._id);
    expect((await call(sandbox, 'planhat', '/nps/000000000000000000000000')).status).toBe(404);
  });

  it('creates with email and score, answering in the create spelling', async () => {
    const person = sandbox.seed.people[3]!;
    const reply = await call(sandbox, 'planhat', '/nps', {
      method: 'POST',
      body: { email: person.email.toUpperCase(), score: 7, comment: 'Solid' },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      email: person.email.toUpperCase(),
      score: 7,
      comment: 'Solid',
      scoreType: 'passive',
      cId: person.company.id,
      dateSent: null,
      __v: 0,
    });
    expect(reply.json._id).toMatch(/^[0-9a-f]{24}$/);
    const read = await call(sandbox, 'planhat', `/nps/${reply.json._id}`);
    expect(read.json).toMatchObject({ nps: 7, npsComment: 'Solid', scoreType: 'passive' });
    const listed = await list({ sort: '-npsDate', limit: 1 });
    expect(listed.json[0]!._id).toBe(reply.json._id);
  });

  it('refuses a create without email, with a non-integer or out-of-range score, or bad JSON', async () => {
    const post = (body: unknown) => call(sandbox, 'planhat', '/nps', { method: 'POST', body });
    expect((await post({ score: 5 })).status).toBe(400);
    expect((await post({ email: 'a@b.co', score: 11 })).status).toBe(400);
    expect((await post({ email: 'a@b.co', score: 4.5 })).status).toBe(400);
    expect((await post({ email: 'a@b.co' })).status).toBe(400);
    expect((await post('{"email": ')).status).toBe(400);
  });

  it('updates by _id or srcid- and 404s an unknown id', async () => {
    const created = await call(sandbox, 'planhat', '/nps', {
      method: 'POST',
      body: { email: 'new.person@example.com', score: 3, sourceId: 'ext-upd-1' },
    });
    const updated = await call(sandbox, 'planhat', `/nps/${created.json._id}`, {
      method: 'PUT',
      body: { score: 9, comment: 'Good product' },
    });
    expect(updated.json).toMatchObject({
      score: 9,
      comment: 'Good product',
      scoreType: 'promoter',
    });
    const bySource = await call(sandbox, 'planhat', '/nps/srcid-ext-upd-1', {
      method: 'PUT',
      body: { score: 10 },
    });
    expect(bySource.json.score).toBe(10);
    const missing = await call(sandbox, 'planhat', '/nps/ffffffffffffffffffffffff', {
      method: 'PUT',
      body: { score: 1 },
    });
    expect(missing.status).toBe(404);
  });

  it('deletes and reports the MongoDB delete result', async () => {
    const created = await call(sandbox, 'planhat', '/nps', {
      method: 'POST',
      body: { email: 'gone@example.com', score: 5 },
    });
    const path = `/nps/${created.json._id}`;
    const deleted = await call(sandbox, 'planhat', path, { method: 'DELETE' });
    expect(deleted.json).toEqual({ n: 1, ok: 1, deletedCount: 1 });
    expect((await call(sandbox, 'planhat', path)).status).toBe(404);
    const again = await call(sandbox, 'planhat', path, { method: 'DELETE' });
    expect(again.json).toEqual({ n: 0, ok: 1, deletedCount: 0 });
  });
});

describe('Planhat bulk upsert', () => {
  it('creates, updates by _id then sourceId, and reports per-item errors', async () => {
    const existing = sandbox.seed.planhat.store.all().find((r) => r.sourceId?.startsWith('cnps-'))!;
    const bySource = sandbox.seed.planhat.store.all().filter((r) => r.source === 'Planhat')[5]!;
    const items = [
      { email: 'jane@test.com', score: 7 },
      { _id: existing._id, score: existing.nps === 10 ? 9 : 10 },
      { sourceId: bySource.sourceId, comment: 'Bulk edited' },
      { email: 'no-score@test.com' },
      { _id: existing._id, score: 42 },
      { _id: existing._id },
    ];
    const reply = await call(sandbox, 'planhat', '/nps', { method: 'PUT', body: items });
    expect(reply.status).toBe(200);
    const result = reply.json;
    expect(result.created).toBe(1);
    expect(result.upsertedIds).toHaveLength(1);
    expect(result.insertsKeys).toEqual([{ _id: result.upsertedIds[0] }]);
    expect(result.updated).toBe(2);
    expect(result.modified).toEqual([existing._id, bySource._id]);
    expect(result.nonupdates).toBe(1);
    expect(result.createdErrors).toEqual([
      { index: 3, message: expect.any(String), item: items[3] },
    ]);
    expect(result.updatedErrors).toEqual([
      { index: 4, message: expect.any(String), item: items[4] },
    ]);
    expect(result.permissionErrors).toEqual([]);
    const read = await call(sandbox, 'planhat', `/nps/${bySource._id}`);
    expect(read.json.npsComment).toBe('Bulk edited');
  });

  it('refuses more than 5000 items and a body that is not an array', async () => {
    const many = Array.from({ length: 5001 }, () => ({ email: 'x@y.z', score: 1 }));
    expect((await call(sandbox, 'planhat', '/nps', { method: 'PUT', body: many })).status).toBe(
      400,
    );
    const notArray = await call(sandbox, 'planhat', '/nps', { method: 'PUT', body: { a: 1 } });
    expect(notArray.status).toBe(400);
  });
});
