import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import type { LoopSurvey } from '../../src/sandbox/userloop/catalog.js';
import { call, start } from './support.js';

let sandbox: Sandbox;
let surveys: readonly LoopSurvey[];
let allowed: LoopSurvey;
let forbidden: LoopSurvey;
beforeAll(async () => {
  sandbox = await start();
  surveys = sandbox.seed.userloop.surveys;
  allowed = surveys.find((s) => s.title === 'Post Purchase Email Survey')!;
  forbidden = surveys.find((s) => !s.allowed)!;
});
afterAll(() => sandbox.close());

const get = (path: string, query: Record<string, string | number> = {}) =>
  call(sandbox, 'userloop', path, { query });
const question = (survey: LoopSurvey, type: string) =>
  survey.questions.find((q) => q.type === type)!;

describe('UserLoop auth', () => {
  it('serves /health without a key', async () => {
    const reply = await call(sandbox, 'userloop', '/health', { auth: false });
    expect(reply).toMatchObject({ status: 200, json: { status: 'ok' } });
  });

  it('refuses a wrong key with 401 in the documented envelope', async () => {
    const reply = await call(sandbox, 'userloop', '/surveys', {
      auth: false,
      headers: { 'x-api-key': 'ulp_wrong' },
    });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({
      error: 'Unauthorized',
      code: 'UNAUTHORIZED',
      detail: expect.any(String),
    });
  });
});

describe('UserLoop catalog', () => {
  it('lists the surveys the key may see, last updated first, with every documented field', async () => {
    const reply = await get('/surveys');
    expect(reply.json.company_id).toBe(sandbox.seed.userloop.companyId);
    expect(reply.json.count).toBe(surveys.length - 1);
    const ids = reply.json.surveys.map((s: { id: string }) => s.id);
    expect(ids).not.toContain(forbidden.id);
    const updated = reply.json.surveys.map((s: { updated_at: string }) => s.updated_at);
    expect(updated).toEqual([...updated].sort().reverse());
    const first = reply.json.surveys[0];
    for (const field of [
      'id',
      'title',
      'format',
      'status',
      'question_count',
      'question_ids',
      'created_at',
      'updated_at',
      'toggles',
      'schedule',
      'triggers',
      'discount',
      'colors',
      'recipients',
      'flags',
      'incentives',
      'sharing',
      'integrations',
    ]) {
      expect(first).toHaveProperty(field);
    }
    expect(reply.json.surveys.map((s: { status: string }) => s.status)).toContain('archived');
  });

  it('checks company_id against the key', async () => {
    expect((await get('/surveys', { company_id: sandbox.seed.userloop.companyId })).status).toBe(
      200,
    );
    const other = await get('/surveys', { company_id: '1621x1' });
    expect(other.status).toBe(403);
    expect(other.json.code).toBe('FORBIDDEN');
  });

  it('describes a survey with typed questions; NPS answers run 0..10', async () => {
    const reply = await get(`/surveys/${allowed.id}`);
    expect(reply.json.survey).toBe(allowed.title);
    const types = reply.json.questions.map((q: { type: string }) => q.type);
    expect(types).toEqual(['CSAT', 'NPS', 'MULTIPLE_CHOICE', 'OPEN_ENDED']);
    const nps = reply.json.questions[1];
    expect(nps.answers.map((a: { answer: string }) => a.answer)).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i)),
    );
  });

  it('answers 404 for an unknown survey and 403 for one off the allowlist', async () => {
    expect((await get('/surveys/123x456')).json.code).toBe('NOT_FOUND');
    const refused = await get(`/surveys/${forbidden.id}`);
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({
      error: 'Forbidden',
      code: 'FORBIDDEN',
      detail: 'Survey not allowed for this key',
    });
    const responses = await get('/responses', { survey_id: forbidden.id });
    expect(responses.status).toBe(403);
  });
});

describe('UserLoop responses, view=counts', () => {
  it('requires survey_id and question_id', async () => {
    const reply = await get('/responses', { view: 'counts', survey_id: allowed.id });
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe('BAD_REQUEST');
  });

  it('counts answers in the date window, sorted by count, with totals and effective filters', async () => {
    const csat = question(allowed, 'CSAT');
    const reply = await get('/responses', {
      view: 'counts',
      survey_id: allowed.id,
      question_id: csat.question_id,
      start_date: '2025-09-01',
      end_date: '2026-03-31',
    });
    expect(reply.status).toBe(200);
    const { data, meta } = reply.json;
    const counts = data.map((row: { count: number }) => row.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const expected = sandbox.seed.userloop.store
      .forQuestion(csat.question_id)
      .filter(
        (r) => r.createdMs >= Date.parse('2025-09-01') && r.createdMs < Date.parse('2026-04-01'),
      );
    expect(meta.totals.responses).toBe(expected.length);
    expect(meta.totals.sum_responses).toBe(expected.length);
    expect(meta.question).toEqual({ id: csat.question_id, text: csat.question, type: 'CSAT' });
    expect(meta.filters).toEqual({
      answer_ids: csat.answers.map((a) => a.answer_id),
      start_date: '2025-09-01',
      end_date: '2026-03-31',
    });
    const five = data.find((row: { answer_text: string }) => row.answer_text === '5');
    expect(five.count).toBe(expected.filter((r) => r.answer?.answer === '5').length);
    expect(five).toMatchObject({
      currency: 'USD',
      revenue: expect.any(Number),
      aov: expect.any(Number),
    });
  });

  it('restricts to answer_ids and refuses a malformed date', async () => {
    const nps = question(allowed, 'NPS');
    const ids = nps.answers.slice(9).map((a) => a.answer_id);
    const reply = await get('/responses', {
      view: 'counts',
      survey_id: allowed.id,
      question_id: nps.question_id,
      answer_ids: ids.join(','),
    });
    expect(reply.json.data.map((row: { answer_id: string }) => row.answer_id).sort()).toEqual(
      [...ids].sort(),
    );
    expect(reply.json.meta.filters.start_date).toBe('1970-01-01');
    const bad = await get('/responses', {
      view: 'counts',
      survey_id: allowed.id,
      question_id: nps.question_id,
      start_date: '2025/09/01',
    });
    expect(bad.status).toBe(400);
  });
});

describe('UserLoop responses, view=open', () => {
  it('pages free-text answers newest first with page metadata', async () => {
    const open = question(allowed, 'OPEN_ENDED');
    const query = { view: 'open', survey_id: allowed.id, question_id: open.question_id };
    const first = await get('/responses', { ...query, limit: 20 });
    const { pagination, data, filters } = first.json;
    const total = sandbox.seed.userloop.store.forQuestion(open.question_id).length;
    expect(pagination).toEqual({
      total_count: total,
      page_size: 20,
      current_page: 1,
      total_pages: Math.ceil(total / 20),
      has_next_page: true,
      has_previous_page: false,
    });
    expect(filters).toMatchObject({ survey_id: allowed.id, question_id: open.question_id });
    const dates = data.map((row: { creation_date: string }) => row.creation_date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(data[0]).toMatchObject({
      recipient: expect.any(String),
      open_ended_response: expect.any(String),
    });
    const third = await get('/responses', { ...query, limit: 20, offset: 40 });
    expect(third.json.pagination).toMatchObject({ current_page: 3, has_previous_page: true });
  });
});

describe('UserLoop raw responses', () => {
  it('pages with limit/offset, defaults 50, and a total only when a survey is named', async () => {
    const all = await get('/responses');
    expect(all.json.responses).toHaveLength(50);
    expect(all.json.pagination).toEqual({
      total_count: null,
      limit: 50,
      offset: 0,
      has_next_page: true,
    });
    const one = await get('/responses', { survey_id: allowed.id, limit: 200, offset: 10 });
    expect(one.json.responses).toHaveLength(200);
    expect(one.json.pagination.total_count).toBe(
      sandbox.seed.userloop.store.forSurvey(allowed.id).length,
    );
    expect(one.json.responses.filter((r: { survey: string }) => r.survey !== allowed.id)).toEqual(
      [],
    );
  });

  it('refuses a limit above 200', async () => {
    const reply = await get('/responses', { limit: 201 });
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe('BAD_REQUEST');
  });

  it('filters by question and date window and carries recipient and marketing fields', async () => {
    const nps = question(allowed, 'NPS');
    const reply = await get('/responses', {
      survey_id: allowed.id,
      question_id: nps.question_id,
      start_date: '2026-01-01',
      end_date: '2026-01-31',
      limit: 200,
    });
    const rows = reply.json.responses;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.question_id).toBe(nps.question_id);
      expect(row.creation_date >= '2026-01-01' && row.creation_date < '2026-02-01').toBe(true);
      expect(Number(row.answer_text)).toBeGreaterThanOrEqual(0);
    }
    expect(rows[0]).toHaveProperty('recipient');
    expect(rows[0]).toHaveProperty('utm_source');
    expect(rows[0]).toHaveProperty('utm_medium');
    expect(rows[0]).toHaveProperty('order_total');
  });

  it('gets one response by id and 404s an unknown or forbidden one', async () => {
    const row = sandbox.seed.userloop.store.forSurvey(allowed.id)[0]!;
    const reply = await get(`/responses/${row.id}`);
    expect(reply.json.response).toMatchObject({
      id: row.id,
      unique_id: row.id,
      survey: allowed.id,
    });
    expect((await get('/responses/nope')).status).toBe(404);
    const hidden = sandbox.seed.userloop.store.forSurvey(forbidden.id)[0]!;
    expect((await get(`/responses/${hidden.id}`)).json.code).toBe('NOT_FOUND');
  });
});
