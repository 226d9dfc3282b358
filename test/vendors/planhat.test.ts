import { describe, expect, it } from 'vitest';
import type { VendorError } from '../../src/transport/vendor-error.js';
import { PlanhatClient } from '../../src/vendors/planhat/client.js';
import { npsExpiryDayFor } from '../../src/vendors/planhat/limits.js';
import { registerSecrets } from '../../src/transport/redact.js';
import { bulkError } from '../../src/vendors/planhat/map.js';
import { planhatProfile } from '../../src/vendors/planhat/profile.js';
import { FakeHttp, queryString } from './fake-http.js';

function setup() {
  const http = new FakeHttp('planhat');
  return { http, client: new PlanhatClient(http) };
}

const listed = {
  _id: '61030b0e8084189dcbf0e6da',
  npsId: '5f3bc3efe8cd350bb6cf715a',
  email: 'Jane@Test.com',
  npsDate: '2021-07-29T20:09:50.914Z',
  nps: 9,
  npsComment: 'Good product',
  npsSent: null,
  scoreType: 'promoter',
  cId: '61006bc89a3e0b702ed8ea49',
  campaignId: '60915415fc985e73734f5c02',
  dateSent: null,
  dateReminderSent: null,
  source: 'Planhat',
  sourceId: '',
  custom: null,
};

const written = {
  _id: '61030b0e8084189dcbf0e6da',
  campaignId: '60915415fc985e73734f5c02',
  email: 'jane@test.com',
  score: 9,
  euId: '610091916d643a7c418aef42',
  cId: '61006bc89a3e0b702ed8ea49',
  scoreType: 'promoter',
  dateSent: null,
  dateAnswered: '2021-07-29T20:09:50.914Z',
  __v: 0,
  comment: 'Good product',
};

describe('PlanhatClient reads', () => {
  it('batches companies in one comma-joined companyId and keeps the fields it needs selected', async () => {
    const { http, client } = setup();
    http.reply({ body: [listed] });
    await client.listNps({
      companyIds: ['c1', 'c2'],
      sort: '-npsDate',
      select: ['nps', 'cId'],
      npsExpiryDay: 720,
      limit: 10_000,
      offset: 20,
    });
    expect(http.last).toMatchObject({ method: 'GET', path: '/nps', operation: 'nps.list' });
    expect(queryString(http.last)).toBe(
      'companyId=c1%2Cc2&sort=-npsDate&select=_id%2Cemail%2Cnps%2CnpsDate%2CcId&npsExpiryDay=720&limit=10000&offset=20',
    );
  });

  it('refuses a limit over 10,000', async () => {
    const { client } = setup();
    await expect(client.listNps({ limit: 10_001 })).rejects.toThrow(RangeError);
  });

  it("keeps a null slot for an unanswered record, so offsets stay the vendor's", async () => {
    const { http, client } = setup();
    http.reply({ body: [listed, { ...listed, _id: 'x', nps: null, npsDate: null }] });
    const page = await client.listNps({ limit: 2 });
    expect(page.slots.map((r) => r?.id ?? null)).toEqual([listed._id, null]);
  });

  it('reads both spellings into the same record', async () => {
    const { http, client } = setup();
    http.reply({ body: listed }, { body: written });
    const fromGet = await client.getNps(listed._id);
    const fromCreate = await client.createNps({ email: 'jane@test.com', score: 9 });
    const core = ({ planhat: _, ...rest }: NonNullable<typeof fromGet>) => rest;
    expect(core(fromGet!)).toEqual(core(fromCreate));
    expect(core(fromCreate)).toEqual({
      source: 'PLANHAT',
      id: '61030b0e8084189dcbf0e6da',
      score: 9,
      category: 'PROMOTER',
      comment: 'Good product',
      answeredAt: '2021-07-29T20:09:50.914Z',
      email: 'jane@test.com',
      userlaneUserId: null,
      applicationUserId: null,
      companyId: '61006bc89a3e0b702ed8ea49',
      campaignId: '60915415fc985e73734f5c02',
      userloop: null,
    });
    expect(fromGet?.planhat).toMatchObject({
      scoreType: 'promoter',
      source: 'Planhat',
      sourceId: null,
    });
  });

  it('categorises at the 6/7/8/9 boundaries and nulls empty comments', async () => {
    const { http, client } = setup();
    http.reply({
      body: [6, 7, 8, 9].map((nps, i) => ({ ...listed, _id: `n${i}`, nps, npsComment: '' })),
    });
    const items = (await client.listNps()).slots.flatMap((r) => r ?? []);
    expect(items.map((r) => r.category)).toEqual(['DETRACTOR', 'PASSIVE', 'PASSIVE', 'PROMOTER']);
    expect(items.map((r) => r.comment)).toEqual([null, null, null, null]);
  });

  it('gets by source id with the srcid- prefix, escaped', async () => {
    const { http, client } = setup();
    http.reply({ body: listed });
    await client.getNps({ sourceId: 'hub/1' });
    expect(http.last.path).toEqual({ path: '/nps/srcid-hub%2F1', template: '/nps/srcid-{id}' });
  });

  it('answers bad_response for wrong shapes', async () => {
    const { http, client } = setup();
    http.reply(
      { body: { data: [] } },
      { body: [{ ...listed, nps: 11 }] },
      { body: [{ ...listed, _id: 1 }] },
      { body: { created: 1 } },
    );
    const kinds = await Promise.all([
      client.listNps().catch((e: VendorError) => e.kind),
      client.listNps().catch((e: VendorError) => e.kind),
      client.listNps().catch((e: VendorError) => e.kind),
      client.bulkUpsertNps([{ email: 'a@b.c', score: 1 }]).catch((e: VendorError) => e.kind),
    ]);
    expect(kinds).toEqual(['bad_response', 'bad_response', 'bad_response', 'bad_response']);
  });
});

describe('PlanhatClient writes', () => {
  it('creates and updates in the write spelling, the id only in the path', async () => {
    const { http, client } = setup();
    http.reply({ status: 201, body: written }, { body: written });
    await client.createNps({
      email: 'jane@test.com',
      score: 7,
      comment: 'Fine',
      answeredAt: '2026-01-01T00:00:00Z',
      companyId: 'c1',
      sourceId: 's1',
    });
    expect(http.last).toMatchObject({ method: 'POST', path: '/nps' });
    expect(http.last.json).toEqual({
      email: 'jane@test.com',
      score: 7,
      comment: 'Fine',
      dateAnswered: '2026-01-01T00:00:00Z',
      cId: 'c1',
      sourceId: 's1',
    });
    await client.updateNps('61030b0e8084189dcbf0e6da', {
      id: 'ignored',
      score: 9,
      comment: 'Good product',
    });
    expect(http.last).toMatchObject({
      method: 'PUT',
      path: { path: '/nps/61030b0e8084189dcbf0e6da', template: '/nps/{id}' },
    });
    expect(http.last.json).toEqual({ score: 9, comment: 'Good product' });
  });

  it('deletes, counting what the vendor says', async () => {
    const { http, client } = setup();
    http.reply({ body: { n: 1, ok: 1, deletedCount: 1 } }, { status: 204, body: undefined });
    expect(await client.deleteNps('abc')).toEqual({ deletedCount: 1 });
    expect(http.last).toMatchObject({
      method: 'DELETE',
      path: { path: '/nps/abc', template: '/nps/{id}' },
    });
    expect(await client.deleteNps({ sourceId: 's' })).toEqual({ deletedCount: null });
  });

  it('refuses more than 5,000 items per upsert before calling', async () => {
    const { http, client } = setup();
    const items = Array.from({ length: 5001 }, () => ({ email: 'a@b.c', score: 5 }));
    await expect(client.bulkUpsertNps(items)).rejects.toThrow(/5000/);
    expect(http.requests).toHaveLength(0);
  });

  it('upserts in the write spelling and normalises per-item errors', async () => {
    const { http, client } = setup();
    const items = [
      { email: 'a@x.com', score: 7 },
      { id: 'id-1', score: 11 },
      { sourceId: 's-2', score: 3 },
      { email: 'Dup@x.com', score: 1 },
      { email: 'dup@x.com', score: 2 },
    ];
    http.reply({
      body: {
        created: 1,
        createdErrors: [
          { index: 0, message: 'score is required', item: { email: 'a@x.com' } },
          { message: 'duplicate email', item: { email: 'DUP@x.com' } },
        ],
        insertsKeys: [{ _id: 'new-1' }],
        updated: 1,
        updatedErrors: [
          { index: 99, message: 'score must be 0..10', item: { _id: 'id-1', score: 11 } },
        ],
        updatesKeys: [{ _id: 'id-1' }],
        nonupdates: 0,
        modified: ['id-1'],
        upsertedIds: ['new-1'],
        permissionErrors: [{ error: 'not allowed', sourceId: 's-2' }, 'forbidden'],
      },
    });
    const result = await client.bulkUpsertNps(items);
    expect(http.last).toMatchObject({ method: 'PUT', path: '/nps', operation: 'nps.bulkUpsert' });
    expect(http.last.json).toEqual([
      { email: 'a@x.com', score: 7 },
      { _id: 'id-1', score: 11 },
      { sourceId: 's-2', score: 3 },
      { email: 'Dup@x.com', score: 1 },
      { email: 'dup@x.com', score: 2 },
    ]);
    expect(result).toEqual({
      created: 1,
      updated: 1,
      nonUpdates: 0,
      insertedIds: ['new-1'],
      updatedIds: ['id-1'],
      upsertedIds: ['new-1'],
      errors: [
        { index: 0, message: 'score is required', kind: 'created' },
        // Two items share the email: it cannot be traced.
        { index: null, message: 'duplicate email', kind: 'created' },
        { index: 1, message: 'score must be 0..10', kind: 'updated' },
        { index: 2, message: 'not allowed', kind: 'permission' },
        { index: null, message: 'forbidden', kind: 'permission' },
      ],
    });
  });

  it('answers an empty upsert without calling the vendor', async () => {
    const { http, client } = setup();
    expect(await client.bulkUpsertNps([])).toMatchObject({ created: 0, updated: 0, errors: [] });
    expect(http.requests).toHaveLength(0);
  });
});

describe('bulkError', () => {
  it('traces by _id before sourceId before email', () => {
    const sent = [
      { email: 'x@y.z' },
      { sourceId: 's', email: 'x@y.z' },
      { _id: 'i', sourceId: 's' },
    ];
    expect(
      bulkError({ message: 'm', item: { _id: 'i', sourceId: 's' } }, 'updated', sent).index,
    ).toBe(2);
    expect(
      bulkError({ message: 'm', item: { sourceId: 'nope', email: 'X@Y.Z' } }, 'created', sent)
        .index,
    ).toBeNull();
    expect(bulkError({ msg: 'm', item: { email: 'other@y.z' } }, 'created', sent)).toEqual({
      index: null,
      message: 'm',
      kind: 'created',
    });
  });

  it('redacts and bounds a per-item message that echoes a configured secret', () => {
    const token = 'planhat-token-4f1c9a7e2b6d';
    registerSecrets([token]);
    const error = bulkError(
      { index: 0, message: `invalid auth ${token}\n${'x'.repeat(2000)}` },
      'created',
      [{ email: 'x@y.z' }],
    );
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('invalid auth');
    expect([...error.message].length).toBeLessThanOrEqual(501);
  });
});

describe('npsExpiryDayFor', () => {
  const now = new Date('2026-06-15T12:00:00Z');

  it('reaches exactly back to the first day asked, beyond the default 360 days too', () => {
    expect(npsExpiryDayFor({ from: '2026-06-15' }, now)).toBe(1);
    expect(npsExpiryDayFor({ from: '2026-01-01' }, now)).toBe(166);
    expect(npsExpiryDayFor({ from: '2025-06-15' }, now)).toBe(366);
    expect(npsExpiryDayFor({ from: '2026-07-01' }, now)).toBe(1);
  });
});

describe('planhatProfile', () => {
  const profile = planhatProfile({ token: 't1' });

  it('authenticates with a bearer token', () => {
    expect(profile.authHeaders()).toEqual({ Authorization: 'Bearer t1' });
  });

  it('takes what it can from JSON or text and never throws', () => {
    expect(profile.parseError(400, { message: 'Invalid email' })).toEqual({
      code: undefined,
      message: 'Invalid email',
    });
    expect(profile.parseError(400, { error: 'Bad request' }).message).toBe('Bad request');
    expect(profile.parseError(403, 'Forbidden')).toEqual({ message: 'Forbidden' });
    for (const garbage of [
      undefined,
      null,
      0,
      true,
      [],
      {},
      '',
      '<!doctype html>',
      '{x',
      new Uint8Array(2),
    ]) {
      expect(() => profile.parseError(500, garbage)).not.toThrow();
    }
  });
});
