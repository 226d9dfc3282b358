import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import type { NpsRecord as StoredNps } from '../../src/sandbox/planhat/records.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { referenceCategory } from '../support/nps-reference.js';

// Planhat NPS writes: what reaches the vendor, what comes back, what a later read sees, and
// that no malformed input ever becomes a vendor call.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterEach(() => gw.sandbox.faults.clear());
afterAll(() => gw.close());

const store = () => gw.sandbox.seed.planhat.store;
const npsId = (raw: string) => encodeGlobalId('NpsResponse', `PLANHAT|${raw}`);
const planhat = (method?: string, path?: string | RegExp) =>
  gw.sandbox.log.entries({ vendor: 'planhat', method, path });
const planhatCalls = () => gw.sandbox.log.count({ vendor: 'planhat' });

/** Seeded records with a sourceId, picked from the data rather than named. */
function seeded(count: number): StoredNps[] {
  const picked = store()
    .all()
    .filter((r) => r.sourceId && r.npsDate !== null)
    .slice(0, count);
  if (picked.length < count) throw new Error('not enough seeded Planhat records');
  return picked;
}

const NPS_FIELDS = `id source score category comment answeredAt companyId campaignId
  respondent { email } planhat { sourceId source custom scoreType dateSent }`;

interface NpsNode {
  id: string;
  source: string;
  score: number;
  category: string;
  comment: string | null;
  answeredAt: string;
  companyId: string | null;
  campaignId: string | null;
  respondent: { email: string | null };
  planhat: {
    sourceId: string | null;
    source: string | null;
    custom: unknown;
    scoreType: string | null;
    dateSent: string | null;
  };
}

const CREATE = `mutation($input: CreateNpsInput!) { createNps(input: $input) { nps { ${NPS_FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateNpsInput!) { updateNps(input: $input) { nps { ${NPS_FIELDS} } } }`;
const DELETE = `mutation($id: ID!) { deleteNps(id: $id) { deletedId } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on NpsResponse { ${NPS_FIELDS} } } }`;
const BATCH = `mutation($records: [NpsRecordInput!]!) {
  upsertNpsBatch(records: $records) {
    chunks created updated nonUpdates insertedIds updatedIds
    errors { index message kind }
    failedChunks { fromIndex toIndex code message sent }
  }
}`;

interface BatchPayload {
  chunks: number;
  created: number;
  updated: number;
  nonUpdates: number;
  insertedIds: string[];
  updatedIds: string[];
  errors: { index: number | null; message: string; kind: string }[];
  failedChunks: {
    fromIndex: number;
    toIndex: number;
    code: string;
    message: string;
    sent: boolean;
  }[];
}

describe('createNps', () => {
  it("sends one POST in Planhat's create spelling and answers the typed record", async () => {
    const company = gw.sandbox.seed.companies[0]!.id;
    const campaign = gw.sandbox.seed.planhat.campaigns[0]!.id;
    const input = {
      email: ' Jane.Create@Example.com ',
      score: 7,
      comment: 'Solid, but slow exports',
      dateAnswered: '2026-01-15T10:00:00+01:00',
      dateSent: '2026-01-10T09:00:00Z',
      companyId: company,
      campaignId: campaign,
      sourceId: 'gw-create-1',
      source: 'gateway-test',
      custom: { touchpoint: 'qbr' },
      idempotencyKey: 'create-1',
    };
    const res = await gw.query<{ createNps: { nps: NpsNode } }>(CREATE, { input });
    expect(res.errors).toEqual([]);

    const [call, ...more] = planhat();
    expect(more).toEqual([]);
    expect(call).toMatchObject({ method: 'POST', path: '/nps', status: 200 });
    expect(call!.body).toEqual({
      email: 'Jane.Create@Example.com',
      score: 7,
      comment: 'Solid, but slow exports',
      dateAnswered: '2026-01-15T09:00:00.000Z',
      dateSent: '2026-01-10T09:00:00.000Z',
      cId: company,
      campaignId: campaign,
      sourceId: 'gw-create-1',
      source: 'gateway-test',
      custom: { touchpoint: 'qbr' },
    });
    expect(call!.headers['content-type']).toMatch(/^application\/json/);
    expect(call!.headers.authorization).toMatch(/^Bearer /);
    // Planhat knows no idempotency: the key must not pretend otherwise.
    expect(call!.headers['idempotency-key']).toBeUndefined();

    const stored = store().findBySourceId('gw-create-1')!;
    const nps = res.data!.createNps.nps;
    expect(nps).toEqual({
      id: npsId(stored._id),
      source: 'PLANHAT',
      score: 7,
      category: 'PASSIVE',
      comment: 'Solid, but slow exports',
      answeredAt: '2026-01-15T09:00:00.000Z',
      companyId: company,
      campaignId: campaign,
      respondent: { email: 'jane.create@example.com' },
      planhat: {
        sourceId: 'gw-create-1',
        source: 'gateway-test',
        custom: { touchpoint: 'qbr' },
        scoreType: 'passive',
        dateSent: '2026-01-10T09:00:00.000Z',
      },
    });

    gw.sandbox.log.clear();
    const read = await gw.query<{ node: NpsNode }>(NODE, { id: nps.id });
    expect(read.data?.node).toEqual(nps);
    expect(planhat('GET', `/nps/${stored._id}`)).toHaveLength(1);
  });

  it('never sends a create twice, even when Planhat fails it', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', method: 'POST', path: '/nps', status: 503 });
    const res = await gw.query(CREATE, {
      input: { email: 'once@example.com', score: 5, idempotencyKey: 'k' },
    });
    expect(res.data).toBeNull();
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      vendor: 'PLANHAT',
    });
    expect(planhat('POST')).toHaveLength(1);
  });

  it("passes Planhat's own refusal on as BAD_USER_INPUT", async () => {
    const [taken] = seeded(1);
    const res = await gw.query(CREATE, {
      input: { email: 'dup@example.com', score: 5, sourceId: taken!.sourceId },
    });
    expect(res.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    expect(res.errors[0]?.message).toContain(`sourceId ${taken!.sourceId}`);
    expect(planhatCalls()).toBe(1);
  });
});

describe('updateNps', () => {
  it('changes a record named by id with one PUT of only the given fields', async () => {
    const [record] = seeded(1);
    const score = record!.nps === 10 ? 9 : 10;
    const res = await gw.query<{ updateNps: { nps: NpsNode } }>(UPDATE, {
      input: { id: npsId(record!._id), score, comment: 'Much better now' },
    });
    expect(res.errors).toEqual([]);
    const [call, ...more] = planhat();
    expect(more).toEqual([]);
    expect(call).toMatchObject({ method: 'PUT', path: `/nps/${record!._id}` });
    expect(call!.body).toEqual({ score, comment: 'Much better now' });
    expect(res.data!.updateNps.nps).toMatchObject({
      id: npsId(record!._id),
      score,
      category: referenceCategory(score),
      comment: 'Much better now',
    });

    const read = await gw.query<{ node: NpsNode }>(NODE, { id: npsId(record!._id) });
    expect(read.data?.node).toMatchObject({ score, comment: 'Much better now' });
  });

  it("names a record by sourceId through Planhat's srcid- form", async () => {
    const [, record] = seeded(2);
    const res = await gw.query<{ updateNps: { nps: NpsNode } }>(UPDATE, {
      input: { sourceId: record!.sourceId, score: 3, comment: null },
    });
    expect(res.errors).toEqual([]);
    const [call] = planhat();
    expect(call).toMatchObject({ method: 'PUT', path: `/nps/srcid-${record!.sourceId}` });
    // The naming sourceId is no change; an explicit null clears the comment.
    expect(call!.body).toEqual({ score: 3, comment: null });
    expect(res.data!.updateNps.nps).toMatchObject({
      id: npsId(record!._id),
      score: 3,
      category: 'DETRACTOR',
      comment: null,
    });
  });

  it('with an id, sets a new sourceId', async () => {
    const [, , record] = seeded(3);
    const res = await gw.query<{ updateNps: { nps: NpsNode } }>(UPDATE, {
      input: { id: npsId(record!._id), sourceId: 'gw-renamed-1' },
    });
    expect(res.errors).toEqual([]);
    expect(planhat()[0]!.body).toEqual({ sourceId: 'gw-renamed-1' });
    expect(res.data!.updateNps.nps.planhat.sourceId).toBe('gw-renamed-1');
    expect(store().findBySourceId('gw-renamed-1')?._id).toBe(record!._id);
  });

  it.each([
    ['an id', { id: npsId('0123456789abcdef01234567'), score: 5 }, '/nps/0123456789abcdef01234567'],
    ['a sourceId', { sourceId: 'gw-no-such-record', score: 5 }, '/nps/srcid-gw-no-such-record'],
  ])('answers VENDOR_NOT_FOUND for %s that names no record', async (_what, input, path) => {
    const res = await gw.query(UPDATE, { input });
    expect(res.data).toBeNull();
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'VENDOR_NOT_FOUND',
      vendor: 'PLANHAT',
    });
    expect(planhat().map((e) => `${e.method} ${e.path}`)).toEqual([`PUT ${path}`]);
  });
});

describe('vendor refusals', () => {
  it('answers VENDOR_FORBIDDEN when Planhat refuses the token the write', async () => {
    const [record] = seeded(1);
    gw.sandbox.faults.inject({ vendor: 'planhat', method: 'PUT', status: 403, times: 1 });
    const res = await gw.query(UPDATE, { input: { id: npsId(record!._id), score: 5 } });
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'VENDOR_FORBIDDEN',
      vendor: 'PLANHAT',
    });
    expect(planhat('PUT')).toHaveLength(1);
  });
});

describe('deleteNps', () => {
  it('deletes by id with one DELETE; the id no longer resolves', async () => {
    const created = await gw.query<{ createNps: { nps: NpsNode } }>(CREATE, {
      input: { email: 'to-delete@example.com', score: 4 },
    });
    const id = created.data!.createNps.nps.id;
    const raw = store()
      .all()
      .find((r) => r.email === 'to-delete@example.com')!._id;
    gw.sandbox.log.clear();

    const res = await gw.query<{ deleteNps: { deletedId: string } }>(DELETE, { id });
    expect(res.errors).toEqual([]);
    expect(res.data!.deleteNps.deletedId).toBe(id);
    expect(planhat().map((e) => `${e.method} ${e.path}`)).toEqual([`DELETE /nps/${raw}`]);
    expect(store().findById(raw)).toBeUndefined();

    const read = await gw.query<{ node: NpsNode | null }>(NODE, { id });
    expect(read.data?.node).toBeNull();
  });

  it('answers VENDOR_NOT_FOUND when Planhat deleted nothing', async () => {
    const res = await gw.query(DELETE, { id: npsId('0123456789abcdef01234567') });
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'VENDOR_NOT_FOUND',
      vendor: 'PLANHAT',
    });
    expect(planhat('DELETE')).toHaveLength(1);
  });

  it('deletes by sourceId: read to learn the id, then delete by it', async () => {
    const [, , , record] = seeded(4);
    const res = await gw.query<{ deleteNpsBySourceId: { deletedId: string } }>(
      `mutation($s: String!) { deleteNpsBySourceId(sourceId: $s) { deletedId } }`,
      { s: record!.sourceId },
    );
    expect(res.errors).toEqual([]);
    expect(res.data!.deleteNpsBySourceId.deletedId).toBe(npsId(record!._id));
    expect(planhat().map((e) => `${e.method} ${e.path}`)).toEqual([
      `GET /nps/srcid-${record!.sourceId}`,
      `DELETE /nps/${record!._id}`,
    ]);

    gw.sandbox.log.clear();
    const again = await gw.query(
      `mutation($s: String!) { deleteNpsBySourceId(sourceId: $s) { deletedId } }`,
      { s: record!.sourceId },
    );
    expect(again.errors[0]?.extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND' });
    expect(planhat('DELETE')).toHaveLength(0);
  });
});

describe('refusals before any vendor call', () => {
  const valid = { email: 'valid@example.com', score: 8 };
  const cases: [string, string, Record<string, unknown>, RegExp][] = [
    [
      'a malformed email',
      CREATE,
      { input: { ...valid, email: 'jane@@example' } },
      /^input\.email must be an email address/,
    ],
    [
      'a score above 10',
      CREATE,
      { input: { ...valid, score: 11 } },
      /^input\.score must be an integer from 0 to 10 \(got 11\)/,
    ],
    [
      'a negative score',
      CREATE,
      { input: { ...valid, score: -1 } },
      /^input\.score must be an integer from 0 to 10/,
    ],
    [
      'a company id that is no Planhat id',
      CREATE,
      { input: { ...valid, companyId: 'acme' } },
      /^input\.companyId must be an id of 24 hexadecimal characters/,
    ],
    [
      'custom that is no object',
      CREATE,
      { input: { ...valid, custom: [1, 2] } },
      /^input\.custom must be a JSON object/,
    ],
    [
      'a blank sourceId',
      CREATE,
      { input: { ...valid, sourceId: '  ' } },
      /^input\.sourceId must not be blank/,
    ],
    [
      'an update naming no record',
      UPDATE,
      { input: { score: 5 } },
      /^input\.id or input\.sourceId is required/,
    ],
    [
      'an update changing nothing',
      UPDATE,
      { input: { id: npsId('0123456789abcdef01234567') } },
      /^input must change at least one field/,
    ],
    [
      'an update clearing the score',
      UPDATE,
      { input: { id: npsId('0123456789abcdef01234567'), score: null } },
      /^input\.score cannot be cleared/,
    ],
    [
      'an id of another type',
      UPDATE,
      { input: { id: encodeGlobalId('Customer', 'a@b.co'), score: 5 } },
      /^input\.id must be an NpsResponse id \(got the id of a Customer\)/,
    ],
    [
      'an id of another source',
      UPDATE,
      { input: { id: encodeGlobalId('NpsResponse', 'USERLOOP|123'), score: 5 } },
      /^input\.id must be the id of a Planhat NPS response/,
    ],
    ['an id that is no id', DELETE, { id: 'not an id!' }, /^id is not a valid id/],
    [
      'a delete of another source',
      DELETE,
      { id: encodeGlobalId('NpsResponse', 'USERLANE|2026-01-01T00:00:00Z|9|u1') },
      /^id must be the id of a Planhat NPS response/,
    ],
  ];
  it.each(cases)('refuses %s', async (_what, query, variables, message) => {
    const res = await gw.query(query, variables);
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors[0]!.message).toMatch(message);
    expect(planhatCalls()).toBe(0);
  });

  it('refuses a date that is no instant, naming the field and the record', async () => {
    const res = await gw.query(CREATE, { input: { ...valid, dateAnswered: '15/01/2026' } });
    expect(res.errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors[0]!.message).toContain('at "input.dateAnswered"');
    expect(res.errors[0]!.message).toContain('DateTime must be ISO 8601 with a zone');
    const batch = await gw.query(BATCH, {
      records: [valid, { ...valid, dateSent: '2026-01-15' }],
    });
    expect(batch.errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(batch.errors[0]!.message).toContain('at "records[1].dateSent"');
    expect(planhatCalls()).toBe(0);
  });

  it('refuses a missing required field', async () => {
    const res = await gw.query(CREATE, { input: { email: 'x@example.com' } });
    expect(res.errors[0]!.message).toContain('score');
    expect(planhatCalls()).toBe(0);
  });

  it('refuses a batch with any invalid record, listing every problem by index', async () => {
    const records = [
      { email: 'ok@example.com', score: 1 },
      { email: 'ok2@example.com', score: 2 },
      { email: 'ok3@example.com', score: 3 },
      { email: 'broken', score: 3 },
      { email: 'ok5@example.com', score: 5 },
      { email: 'no-score@example.com' },
      { id: encodeGlobalId('NpsResponse', 'USERLOOP|r1'), score: 5 },
      { sourceId: 'gw-dup', score: 5 },
      { sourceId: 'gw-dup', score: 6 },
    ];
    const res = await gw.query(BATCH, { records });
    expect(res.data).toBeNull();
    const [error] = res.errors;
    expect(error!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'records',
      field: 'records[3].email',
      problemCount: 4,
    });
    expect(error!.message).toMatch(
      /^records\[3\]\.email must be an email address .*\(and 3 more problems: see extensions\.problems\)$/,
    );
    expect((error!.extensions!.problems as { field: string }[]).map((p) => p.field)).toEqual([
      'records[3].email',
      'records[5].score',
      'records[6].id',
      'records[8].sourceId',
    ]);
    expect(planhatCalls()).toBe(0);
  });
});

describe('reads after a write in the same request', () => {
  it("see the write: the request's Planhat export is read again after each mutation", async () => {
    const email = 'same-request@example.com';
    const list = `customer { npsResponses(filter: { sources: [PLANHAT] }) { edges { node { id score } } } }`;
    const res = await gw.query<{
      a: {
        nps: { id: string; customer: { npsResponses: { edges: { node: { score: number } }[] } } };
      };
      b: {
        nps: { id: string; customer: { npsResponses: { edges: { node: { score: number } }[] } } };
      };
    }>(
      `mutation($email: String!) {
        a: createNps(input: { email: $email, score: 9, sourceId: "gw-same-1" }) { nps { id ${list} } }
        b: updateNps(input: { sourceId: "gw-same-1", score: 2 }) { nps { id ${list} } }
      }`,
      { email },
    );
    expect(res.errors).toEqual([]);
    const { a, b } = res.data!;
    expect(b.nps.id).toBe(a.nps.id);
    expect(a.nps.customer.npsResponses.edges.map((e) => e.node)).toEqual([
      { id: a.nps.id, score: 9 },
    ]);
    // One Planhat export per mutation field: the second did not reuse the first's.
    expect(planhat('GET', '/nps').filter((e) => e.query.offset === '0')).toHaveLength(2);
    expect(b.nps.customer.npsResponses.edges.map((e) => e.node)).toEqual([
      { id: a.nps.id, score: 2 },
    ]);
  });
});

describe('upsertNpsBatch', () => {
  it('sends 12,345 records as 5,000 + 5,000 + 2,345 and maps per-record errors to the caller', async () => {
    const [renamed, taken, changed, unchanged] = seeded(8).slice(4);
    const records: Record<string, unknown>[] = Array.from({ length: 12_345 }, (_, i) => ({
      email: `batch-${i}@example.com`,
      score: i % 11,
      sourceId: `gw-batch-${i}`,
    }));
    // Planhat's own refusals, one per chunk and of both kinds: a key matching nothing is a
    // create, which needs an email; a sourceId held by another record cannot be taken.
    const missing = [2, 7_003, 11_000];
    for (const i of missing) records[i] = { sourceId: `gw-missing-${i}`, score: 5 };
    records[5_003] = { id: npsId(renamed!._id), sourceId: taken!.sourceId };
    const newScore = (changed!.nps + 1) % 11;
    records[9_999] = { sourceId: changed!.sourceId, score: newScore };
    records[10_000] = { sourceId: unchanged!.sourceId, score: unchanged!.nps };

    const started = performance.now();
    const res = await gw.query<{ upsertNpsBatch: BatchPayload }>(BATCH, { records });
    const ms = performance.now() - started;
    expect(res.errors).toEqual([]);
    const payload = res.data!.upsertNpsBatch;

    const puts = planhat('PUT', '/nps');
    expect(puts).toHaveLength(3);
    expect(planhatCalls()).toBe(3);
    expect(puts.map((p) => (p.body as unknown[]).length).sort((a, b) => b - a)).toEqual([
      5_000, 5_000, 2_345,
    ]);
    const firstChunk = puts.find(
      (p) => (p.body as { sourceId?: string }[])[0]?.sourceId === 'gw-batch-0',
    );
    expect((firstChunk!.body as unknown[])[0]).toEqual({
      sourceId: 'gw-batch-0',
      email: 'batch-0@example.com',
      score: 0,
    });
    expect((firstChunk!.body as unknown[])[2]).toEqual({ sourceId: 'gw-missing-2', score: 5 });

    expect(payload.chunks).toBe(3);
    expect(payload.errors).toEqual([
      { index: 2, message: expect.stringContaining('email'), kind: 'CREATE' },
      { index: 5_003, message: 'sourceId already in use', kind: 'UPDATE' },
      { index: 7_003, message: expect.stringContaining('email'), kind: 'CREATE' },
      { index: 11_000, message: expect.stringContaining('email'), kind: 'CREATE' },
    ]);
    expect(payload.updated).toBe(1);
    expect(payload.nonUpdates).toBe(1);
    expect(payload.created).toBe(12_345 - missing.length - 3);
    expect(payload.insertedIds).toHaveLength(payload.created);
    expect(payload.updatedIds).toEqual([npsId(changed!._id)]);
    expect(payload.failedChunks).toEqual([]);

    // Later reads see the new state.
    const created = store().findBySourceId('gw-batch-7004')!;
    expect(payload.insertedIds).toContain(npsId(created._id));
    const read = await gw.query<{ a: NpsNode; b: NpsNode }>(
      `query($a: ID!, $b: ID!) { a: node(id: $a) { ... on NpsResponse { ${NPS_FIELDS} } }
        b: node(id: $b) { ... on NpsResponse { ${NPS_FIELDS} } } }`,
      { a: npsId(created._id), b: npsId(changed!._id) },
    );
    expect(read.data!.a).toMatchObject({
      score: 7_004 % 11,
      respondent: { email: 'batch-7004@example.com' },
    });
    expect(read.data!.b).toMatchObject({ score: newScore, category: referenceCategory(newScore) });
    expect(store().findBySourceId('gw-missing-7003')).toBeUndefined();
    // The whole round trip, 12,345 records validated, sent and mapped.
    expect(ms).toBeLessThan(5_000);
  });

  it('reports a chunk that failed by its range, the others standing and none sent again', async () => {
    const records = Array.from({ length: 10_001 }, (_, i) => ({
      email: `chunk-${i}@example.com`,
      score: 9,
      sourceId: `gw-chunk-${i}`,
    }));
    // The first PUT passes untouched; the second one fails.
    gw.sandbox.faults.inject({
      vendor: 'planhat',
      method: 'PUT',
      path: '/nps',
      latencyMs: 0,
      times: 1,
    });
    gw.sandbox.faults.inject({
      vendor: 'planhat',
      method: 'PUT',
      path: '/nps',
      status: 500,
      times: 1,
    });
    const res = await gw.query<{ upsertNpsBatch: BatchPayload }>(BATCH, { records });
    expect(res.errors).toEqual([]);
    const payload = res.data!.upsertNpsBatch;

    const puts = planhat('PUT', '/nps');
    expect(puts).toHaveLength(3);
    const failed = puts.filter((p) => p.status === 500);
    expect(failed).toHaveLength(1);
    const failedBody = failed[0]!.body as { sourceId: string }[];
    const fromIndex = Number(failedBody[0]!.sourceId.replace('gw-chunk-', ''));
    const toIndex = fromIndex + failedBody.length - 1;

    expect(payload.failedChunks).toEqual([
      {
        fromIndex,
        toIndex,
        code: 'VENDOR_UNAVAILABLE',
        message: expect.stringContaining('500'),
        sent: true,
      },
    ]);
    expect(failedBody.length).toBeGreaterThan(0);
    expect(payload.errors).toHaveLength(failedBody.length);
    expect(payload.errors.filter((e) => e.kind !== 'CHUNK')).toEqual([]);
    expect(payload.errors.map((e) => e.index)).toEqual(
      Array.from({ length: failedBody.length }, (_, k) => fromIndex + k),
    );
    expect(payload.created).toBe(10_001 - failedBody.length);
    expect(store().findBySourceId(`gw-chunk-${fromIndex}`)).toBeUndefined();
    expect(store().findBySourceId(`gw-chunk-${fromIndex === 0 ? 5_000 : 0}`)).toBeDefined();
  });

  it('fails as a whole, with the vendor error, when every chunk failed', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', method: 'PUT', path: '/nps', status: 503 });
    const records = Array.from({ length: 5_001 }, (_, i) => ({
      email: `down-${i}@example.com`,
      score: 1,
    }));
    const res = await gw.query(BATCH, { records });
    expect(res.data).toBeNull();
    expect(res.errors[0]!.extensions).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      vendor: 'PLANHAT',
    });
    expect(planhat('PUT')).toHaveLength(2);
  });

  it('answers an empty batch without a call', async () => {
    const res = await gw.query<{ upsertNpsBatch: BatchPayload }>(BATCH, { records: [] });
    expect(res.data!.upsertNpsBatch).toMatchObject({ chunks: 0, created: 0, errors: [] });
    expect(planhatCalls()).toBe(0);
  });
});
