import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import { analyzeOperation } from '../../src/http/cost.js';
import { schema } from '../../src/schema/index.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// A UserLoop NPS answer looked up by its node id is checked against its question: `GET
// /responses/{id}` answers any row of the account (CSAT 1-5 among them), and only a row of an NPS
// question (`GET /surveys/{id}`: `questions[].type`) is an NPS answer. The survey read is part of
// the lookup's cost.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => {
  gw.sandbox.log.clear();
  // Survey metadata is cached across requests (5 minutes): each test counts from a cold cache.
  gw.services.caches.userloopSurvey.clear();
});
afterAll(() => gw.close());

const NODE = `query($id: ID!) { node(id: $id) { __typename ... on NpsResponse {
  score source userloop { surveyId questionId } } } }`;
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on NpsResponse { score } } }';
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on NpsResponse { score userloop { questionId } } } }`;
const nodeId = (rowId: string) => encodeGlobalId('NpsResponse', `USERLOOP|${rowId}`);

/** Rows the key may read that answer a question of `type` with a number (a score's shape). */
function numericRows(type: string) {
  return gw.sandbox.seed.userloop.store.visible.filter(
    (r) => r.question.type.toUpperCase() === type && /^\d{1,2}$/.test(r.answer?.answer ?? ''),
  );
}

const singleReads = () => gw.sandbox.log.count({ vendor: 'userloop', path: /^\/responses\/./ });
const surveyReads = () => gw.sandbox.log.count({ vendor: 'userloop', path: /^\/surveys\/./ });

describe('a UserLoop NPS answer by node id', () => {
  it("resolves a row of an NPS question, read with its survey's questions", async () => {
    const [row] = numericRows('NPS');
    expect(row).toBeDefined();
    const res = await gw.query<{
      node: { __typename: string; score: number; userloop: { questionId: string } } | null;
    }>(NODE, { id: nodeId(row!.id) });
    expect(res.errors).toEqual([]);
    expect(res.data?.node).toMatchObject({
      __typename: 'NpsResponse',
      score: Number(row!.answer!.answer),
      source: 'USERLOOP',
      userloop: { surveyId: row!.survey.id, questionId: row!.question.question_id },
    });
    expect(singleReads()).toBe(1);
    expect(surveyReads()).toBe(1);
  });

  it('answers null for a CSAT row: its "4" is no NPS answer', async () => {
    const csat = numericRows('CSAT');
    expect(csat.length).toBeGreaterThan(0);
    const res = await gw.query<{ node: unknown }>(NODE, { id: nodeId(csat[0]!.id) });
    expect(res.errors).toEqual([]);
    expect(res.data).toEqual({ node: null });
    expect(singleReads()).toBe(1);
    expect(surveyReads()).toBe(1);
  });

  it('is NOT_FOUND among entities for a CSAT row, beside an NPS row of the same survey', async () => {
    const nps = numericRows('NPS')[0]!;
    const csat = numericRows('CSAT').find((r) => r.survey.id === nps.survey.id);
    // The premise: a survey asking both (UserLoop's post-purchase survey does).
    expect(csat).toBeDefined();
    const res = await gw.query<{ _entities: ({ score: number } | null)[] }>(ENTITIES, {
      r: [csat, nps].map((row) => ({ __typename: 'NpsResponse', id: nodeId(row!.id) })),
    });
    expect(res.data?._entities).toEqual([
      null,
      { score: Number(nps.answer!.answer), userloop: { questionId: nps.question.question_id } },
    ]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({
      path: ['_entities', 0],
      extensions: { code: 'NOT_FOUND', typename: 'NpsResponse' },
    });
    // Two rows, one survey: its questions read once.
    expect(singleReads()).toBe(2);
    expect(surveyReads()).toBe(1);
  });

  it('reads no survey for a row that holds no score', async () => {
    const text = gw.sandbox.seed.userloop.store.visible.find(
      (r) => r.question.type.toUpperCase() === 'OPEN_ENDED' && (r.text ?? '').trim() !== '',
    );
    expect(text).toBeDefined();
    const res = await gw.query<{ node: unknown }>(NODE, { id: nodeId(text!.id) });
    expect(res.errors).toEqual([]);
    expect(res.data).toEqual({ node: null });
    expect(singleReads()).toBe(1);
    expect(surveyReads()).toBe(0);
  });

  it('costs 2 calls a UserLoop answer in the estimate, and makes no more', async () => {
    const rows = [...numericRows('NPS').slice(0, 3), ...numericRows('CSAT').slice(0, 3)];
    expect(rows).toHaveLength(6);
    const ids = rows.map((r) => nodeId(r.id));
    const estimate = analyzeOperation(schema, parse(NODES), undefined, { ids }).cost;
    expect(estimate).toBe(12);
    const entities = analyzeOperation(schema, parse(ENTITIES), undefined, {
      r: ids.map((id) => ({ __typename: 'NpsResponse', id })),
    }).cost;
    expect(entities).toBe(12);
    // A Planhat answer stays one call.
    const planhat = encodeGlobalId('NpsResponse', 'PLANHAT|x');
    expect(analyzeOperation(schema, parse(NODE), undefined, { id: planhat }).cost).toBe(1);

    const res = await gw.query<{ nodes: ({ score: number } | null)[] }>(NODES, { ids });
    expect(res.errors).toEqual([]);
    expect(res.data?.nodes.map((n) => n?.score ?? null)).toEqual(
      rows.map((r) => (r.question.type.toUpperCase() === 'NPS' ? Number(r.answer!.answer) : null)),
    );
    const made = gw.sandbox.log.count({ vendor: 'userloop' });
    expect(made).toBeGreaterThan(6);
    expect(made).toBeLessThanOrEqual(estimate);
  });
});
