import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import { questionKey, surveyKey } from '../../src/lists/surveys.js';
import type { GraphQLResult, TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// The survey catalog of both vendors, every Survey and SurveyQuestion field, node refetch, and
// the UserLoop survey kept off the key's allowlist, checked against the sandbox's seeded data.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => {
  gw.sandbox.log.clear();
  gw.sandbox.faults.clear();
});
afterAll(() => gw.close());

const loop = () => gw.sandbox.seed.userloop;
const allowedLoop = () =>
  loop()
    .surveys.filter((s) => s.allowed)
    .sort((a, b) => b.updatedMs - a.updatedMs);
const forbiddenLoop = () => loop().surveys.find((s) => !s.allowed)!;
const laneSurveys = () => gw.sandbox.seed.userlane.catalog.surveys;
const calls = (vendor: 'userloop' | 'userlane') => gw.sandbox.log.count({ vendor });
const vendorCalls = () => calls('userloop') + calls('userlane');

const SURVEY_FIELDS = `id surveyId source title status format questionCount questionIds createdAt
  updatedAt toggles schedule triggers discount colors recipients flags incentives sharing
  integrations companyId`;

interface SurveyNode {
  id: string;
  surveyId: string;
  source: string;
  title: string;
  status: string | null;
  format: string | null;
  questionCount: number | null;
  questionIds: string[] | null;
  createdAt: string | null;
  updatedAt: string | null;
  companyId: string | null;
  [setting: string]: unknown;
}

interface SurveysPage {
  totalCount: number;
  nodes: SurveyNode[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
}

const SETTINGS = [
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
] as const;

describe('Query.surveys', () => {
  it("lists UserLoop's catalog then the configured Userlane surveys, exactly, across pages", async () => {
    const expected = [
      ...allowedLoop().map((s) => ['USERLOOP', s.id, s.title]),
      ...laneSurveys().map((s) => ['USERLANE', s.id, s.title]),
    ];
    const seen: string[][] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: GraphQLResult<{ surveys: SurveysPage }> = await gw.query(
        `query($after: String) { surveys(first: 3, after: $after) {
          totalCount nodes { source surveyId title } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(res.errors).toEqual([]);
      const surveys: SurveysPage = res.data!.surveys;
      expect(surveys.totalCount).toBe(expected.length);
      seen.push(...surveys.nodes.map((n) => [n.source, n.surveyId, n.title]));
      if (!surveys.pageInfo.hasNextPage) break;
      after = surveys.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(seen.map((s) => s[1])).not.toContain(forbiddenLoop().id);
    // The catalog is cached across requests: one UserLoop call for all pages; Userlane none.
    expect(gw.sandbox.log.count({ vendor: 'userloop', path: '/surveys' })).toBeLessThanOrEqual(1);
    expect(calls('userlane')).toBe(0);
  });

  it('takes sources: USERLANE alone costs no call; other vendors contribute nothing', async () => {
    const res = await gw.query<{
      lane: { totalCount: number; nodes: { source: string }[] };
      none: { totalCount: number; nodes: unknown[] };
    }>(`{
      lane: surveys(sources: [USERLANE, PLANHAT]) { totalCount nodes { source } }
      none: surveys(sources: [USERHERO, PLANHAT]) { totalCount nodes { __typename } }
    }`);
    expect(res.errors).toEqual([]);
    expect(res.data!.lane.totalCount).toBe(laneSurveys().length);
    expect(new Set(res.data!.lane.nodes.map((n) => n.source))).toEqual(new Set(['USERLANE']));
    expect(res.data!.none).toEqual({ totalCount: 0, nodes: [] });
    expect(vendorCalls()).toBe(0);
  });

  it('refuses a bad `first` before any vendor call', async () => {
    gw.services.caches.userloopSurveys.clear();
    const res = await gw.query('{ surveys(first: -1) { totalCount } }');
    expect(res.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(vendorCalls()).toBe(0);
  });
});

describe('Survey', () => {
  it('resolves every UserLoop catalog field and its questions from the metadata', async () => {
    const res = await gw.query<{ surveys: { nodes: (SurveyNode & { questions: unknown[] })[] } }>(
      `{ surveys(sources: [USERLOOP]) { nodes { ${SURVEY_FIELDS}
        questions { id questionId source text type answers { id text } survey { surveyId } } } } }`,
    );
    expect(res.errors).toEqual([]);
    const nodes = res.data!.surveys.nodes;
    expect(nodes).toHaveLength(allowedLoop().length);
    expect(nodes.length).toBeGreaterThan(0);
    for (const [i, seeded] of allowedLoop().entries()) {
      const node = nodes[i]!;
      expect(node).toMatchObject({
        surveyId: seeded.id,
        source: 'USERLOOP',
        title: seeded.title,
        status: seeded.status,
        format: seeded.format,
        questionCount: seeded.questions.length,
        questionIds: seeded.questions.map((q) => q.question_id),
        createdAt: new Date(seeded.createdMs).toISOString(),
        updatedAt: new Date(seeded.updatedMs).toISOString(),
        companyId: loop().companyId,
      });
      for (const name of SETTINGS) expect(node[name]).toEqual(seeded.config[name]);
      expect(node.questions).toEqual(
        seeded.questions.map((q) => ({
          id: expect.any(String),
          questionId: q.question_id,
          source: 'USERLOOP',
          text: q.question,
          type: q.type,
          answers: q.answers.map((a) => ({ id: a.answer_id, text: a.answer })),
          survey: { surveyId: seeded.id },
        })),
      );
    }
  });

  it('gives a Userlane survey its one implicit SCORE_1_5 question and nulls the UserLoop fields', async () => {
    const res = await gw.query<{ surveys: { nodes: (SurveyNode & { questions: unknown[] })[] } }>(
      `{ surveys(sources: [USERLANE]) { nodes { ${SURVEY_FIELDS}
        questions { questionId source text type answers { id text } survey { surveyId } } } } }`,
    );
    expect(res.errors).toEqual([]);
    expect(res.data!.surveys.nodes).toHaveLength(laneSurveys().length);
    expect(laneSurveys().length).toBeGreaterThan(0);
    for (const [i, seeded] of laneSurveys().entries()) {
      const node = res.data!.surveys.nodes[i]!;
      expect(node).toMatchObject({
        surveyId: seeded.id,
        source: 'USERLANE',
        title: seeded.title,
        status: null,
        format: null,
        questionCount: null,
        questionIds: null,
        createdAt: null,
        companyId: null,
      });
      for (const name of SETTINGS) expect(node[name]).toBeNull();
      expect(node.questions).toEqual([
        {
          questionId: 'score',
          source: 'USERLANE',
          text: seeded.title,
          type: 'SCORE_1_5',
          answers: [1, 2, 3, 4, 5].map((n) => ({ id: String(n), text: String(n) })),
          survey: { surveyId: seeded.id },
        },
      ]);
    }
    expect(calls('userlane')).toBe(0);
  });

  it('fails only its own field when UserLoop refuses a listed survey', async () => {
    const target = allowedLoop()[0]!;
    gw.services.caches.userloopSurvey.clear();
    gw.sandbox.faults.inject({ vendor: 'userloop', path: `/surveys/${target.id}`, status: 403 });
    const res = await gw.query<{ surveys: { nodes: { surveyId: string; questions: unknown }[] } }>(
      '{ surveys { nodes { surveyId title questions { questionId } } } }',
    );
    const nodes = res.data!.surveys.nodes;
    expect(nodes.find((n) => n.surveyId === target.id)?.questions).toBeNull();
    expect(nodes.filter((n) => n.questions !== null)).toHaveLength(nodes.length - 1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({
      path: ['surveys', 'nodes', 0, 'questions'],
      extensions: { code: 'VENDOR_FORBIDDEN' },
    });
    gw.services.caches.userloopSurvey.clear();
  });
});

describe('node refetch', () => {
  const NODE = `query($ids: [ID!]!) { nodes(ids: $ids) {
    __typename
    ... on Survey { surveyId title source }
    ... on SurveyQuestion { questionId text survey { surveyId } }
  } }`;

  it('refetches surveys and questions of both vendors by id', async () => {
    const loopSurvey = allowedLoop()[1]!;
    const loopQuestion = loopSurvey.questions[0]!;
    const laneSurvey = laneSurveys()[0]!;
    const ids = [
      encodeGlobalId('Survey', surveyKey({ source: 'USERLOOP', id: loopSurvey.id })),
      encodeGlobalId('Survey', surveyKey({ source: 'USERLANE', id: laneSurvey.id })),
      encodeGlobalId(
        'SurveyQuestion',
        questionKey({ source: 'USERLOOP', surveyId: loopSurvey.id, id: loopQuestion.question_id }),
      ),
      encodeGlobalId(
        'SurveyQuestion',
        questionKey({ source: 'USERLANE', surveyId: laneSurvey.id, id: 'score' }),
      ),
    ];
    const res = await gw.query(NODE, { ids });
    expect(res.errors).toEqual([]);
    expect(res.data).toEqual({
      nodes: [
        {
          __typename: 'Survey',
          surveyId: loopSurvey.id,
          title: loopSurvey.title,
          source: 'USERLOOP',
        },
        {
          __typename: 'Survey',
          surveyId: laneSurvey.id,
          title: laneSurvey.title,
          source: 'USERLANE',
        },
        {
          __typename: 'SurveyQuestion',
          questionId: loopQuestion.question_id,
          text: loopQuestion.question,
          survey: { surveyId: loopSurvey.id },
        },
        {
          __typename: 'SurveyQuestion',
          questionId: 'score',
          text: laneSurvey.title,
          survey: { surveyId: laneSurvey.id },
        },
      ],
    });
    expect(calls('userlane')).toBe(0);
  });

  it('answers null, without an error, for the survey off the allowlist and its questions', async () => {
    const forbidden = forbiddenLoop();
    gw.services.caches.userloopSurvey.clear();
    const ids = [
      encodeGlobalId('Survey', surveyKey({ source: 'USERLOOP', id: forbidden.id })),
      encodeGlobalId(
        'SurveyQuestion',
        questionKey({
          source: 'USERLOOP',
          surveyId: forbidden.id,
          id: forbidden.questions[0]!.question_id,
        }),
      ),
    ];
    const res = await gw.query(NODE, { ids });
    expect(res.errors).toEqual([]);
    expect(res.data).toEqual({ nodes: [null, null] });
    // UserLoop said 403 to the metadata read, once.
    expect(
      gw.sandbox.log
        .entries({ vendor: 'userloop', path: `/surveys/${forbidden.id}` })
        .map((e) => e.status),
    ).toEqual([403]);
  });

  it('answers null without a vendor call for ids that name nothing of ours', async () => {
    const ids = [
      encodeGlobalId('Survey', 'not json'),
      encodeGlobalId('Survey', JSON.stringify(['PLANHAT', 'x'])),
      encodeGlobalId('Survey', surveyKey({ source: 'USERLANE', id: 'unconfigured' })),
      encodeGlobalId(
        'SurveyQuestion',
        questionKey({ source: 'USERLANE', surveyId: laneSurveys()[0]!.id, id: 'other' }),
      ),
      encodeGlobalId(
        'SurveyResponse',
        JSON.stringify(['USERLANE', laneSurveys()[0]!.id, 'no-timestamp']),
      ),
    ];
    const res = await gw.query(NODE, { ids });
    expect(res.errors).toEqual([]);
    expect(res.data).toEqual({ nodes: [null, null, null, null, null] });
    expect(vendorCalls()).toBe(0);
  });
});
