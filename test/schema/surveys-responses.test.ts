import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import { surveyKey } from '../../src/lists/surveys.js';
import type { LoopResponse } from '../../src/sandbox/userloop/seed.js';
import type { GraphQLResult, TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// Survey answers of both vendors: filters (vendor-side for Userlane, gateway-side for UserLoop),
// the counts and open views, links, node refetch, and refusals before any vendor call.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const now = () => gw.sandbox.seed.now.getTime();
/** The last `days` UTC days, today included, and its bounds in ms. */
function lastDays(days: number) {
  const range = { from: dayOf(now() - (days - 1) * DAY), to: dayOf(now()) };
  const fromMs = Date.parse(`${range.from}T00:00:00Z`);
  const untilMs = Date.parse(`${range.to}T00:00:00Z`) + DAY;
  return { range, within: (ms: number) => ms >= fromMs && ms < untilMs };
}
const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

const loopSurveys = () =>
  gw.sandbox.seed.userloop.surveys
    .filter((s) => s.allowed)
    .sort((a, b) => b.updatedMs - a.updatedMs);
const postPurchase = () => loopSurveys().find((s) => s.title === 'Post Purchase Email Survey')!;
const laneSurvey = (i = 1) => gw.sandbox.seed.userlane.catalog.surveys[i]!;
const laneAnswers = (id: string) => gw.sandbox.seed.userlane.surveyResponses.get(id)!;
const laneId = (r: { ms: number; score: number; user: { id: string } }) =>
  `${isoSeconds(r.ms)}|${r.score}|${r.user.id}`;
const directoryEmail = (user: { person?: { email: string }; inDirectory: boolean }) =>
  user.person && user.inDirectory ? user.person.email : null;

const surveyId = (source: 'USERLOOP' | 'USERLANE', id: string) =>
  encodeGlobalId('Survey', surveyKey({ source, id }));
const calls = (vendor: 'userloop' | 'userlane') => gw.sandbox.log.count({ vendor });

interface ResponseNode {
  responseId: string;
  source: string;
  score: number | null;
  answer: string | null;
  answerId: string | null;
  comment: string | null;
  answeredAt: string;
  [field: string]: unknown;
}
interface Page {
  totalCount: number | null;
  nodes: ResponseNode[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const RESPONSES = `query($id: ID!, $range: DateRange, $scores: [Int!], $commentOnly: Boolean, $first: Int, $after: String) {
  node(id: $id) { ... on Survey {
    responses(range: $range, scores: $scores, commentOnly: $commentOnly, first: $first, after: $after) {
      totalCount nodes { responseId source score answer answerId comment answeredAt }
      pageInfo { hasNextPage endCursor }
    }
  } }
}`;

/** Every answer of a filtered `Survey.responses`, page by page. */
async function walk(id: string, variables: Record<string, unknown>, first = 50) {
  const nodes: ResponseNode[] = [];
  let after: string | null = null;
  let last: Page | undefined;
  for (let page = 0; page < 100; page++) {
    const res: GraphQLResult<{ node: { responses: Page } }> = await gw.query(RESPONSES, {
      id,
      first,
      after,
      ...variables,
    });
    expect(res.errors).toEqual([]);
    last = res.data!.node.responses;
    nodes.push(...last.nodes);
    if (!last.pageInfo.hasNextPage) return { nodes, totalCount: last.totalCount };
    after = last.pageInfo.endCursor;
  }
  throw new Error('did not end');
}

const loopRows = (surveyIdValue: string, within: (ms: number) => boolean) =>
  gw.sandbox.seed.userloop.store.forSurvey(surveyIdValue).filter((r) => within(r.createdMs));
const numeric = (r: LoopResponse) =>
  r.answer && /^\d+$/.test(r.answer.answer) ? Number(r.answer.answer) : null;

describe('Survey.responses, UserLoop', () => {
  it('serves every raw row of the survey with its exact total and all UserLoop fields', async () => {
    const survey = postPurchase();
    const { range, within } = lastDays(30);
    const rows = loopRows(survey.id, within);
    const res = await gw.query<{ node: { responses: Page } }>(
      `query($id: ID!, $range: DateRange) { node(id: $id) { ... on Survey {
        responses(range: $range, first: 5) { totalCount nodes {
          responseId source score answer answerId comment answeredAt recipient uniqueId questionText
          orderTotal currency lineItems lineItemsCount utmSource utmMedium utmCampaign utmTerm
          utmContent environment surface landingSite extra userlaneUser { id }
          respondent { email userlaneUserId applicationUserId }
        } }
      } } }`,
      { id: surveyId('USERLOOP', survey.id), range },
    );
    expect(res.errors).toEqual([]);
    const { totalCount, nodes } = res.data!.node.responses;
    expect(totalCount).toBe(rows.length);
    expect(nodes).toEqual(
      rows.slice(0, 5).map((r) => ({
        responseId: r.id,
        source: 'USERLOOP',
        score: numeric(r),
        answer: r.answer?.answer ?? null,
        answerId: r.answer?.answer_id ?? null,
        comment: r.text,
        answeredAt: new Date(r.createdMs).toISOString(),
        recipient: r.submission.recipient.toLowerCase(),
        uniqueId: r.id,
        questionText: r.question.question,
        orderTotal: r.submission.orderTotal,
        currency: r.submission.currency,
        lineItems: [...r.submission.lineItems],
        lineItemsCount: r.submission.lineItems.length,
        utmSource: r.submission.utmSource,
        utmMedium: r.submission.utmMedium,
        utmCampaign: r.submission.utmCampaign,
        utmTerm: null,
        utmContent: null,
        environment: 'production',
        surface: r.submission.surface,
        landingSite: r.submission.landingSite,
        extra: {
          line_items: [...r.submission.lineItems],
          line_items_count: r.submission.lineItems.length,
          utm_source: r.submission.utmSource,
          utm_medium: r.submission.utmMedium,
          utm_campaign: r.submission.utmCampaign,
        },
        userlaneUser: null,
        respondent: {
          email: r.submission.recipient.toLowerCase(),
          userlaneUserId: null,
          applicationUserId: null,
        },
      })),
    );
    expect(gw.sandbox.log.entries({ vendor: 'userloop', path: '/responses' })).toHaveLength(1);
  });

  it('filters scores (numeric answers) and comments itself, page after page', async () => {
    const survey = postPurchase();
    const { range, within } = lastDays(360);
    const rows = loopRows(survey.id, within);

    const low = await walk(surveyId('USERLOOP', survey.id), { range, scores: [2, 1, 0] }, 20);
    const expectedLow = rows.filter((r) => [0, 1, 2].includes(numeric(r) ?? -1));
    expect(expectedLow.length).toBeGreaterThan(40);
    expect(low.nodes.map((n) => n.responseId)).toEqual(expectedLow.map((r) => r.id));
    expect(low.totalCount).toBe(expectedLow.length);
    // UserLoop takes no score parameter: only dates and paging were sent.
    const lowReads = gw.sandbox.log.entries({ vendor: 'userloop', path: '/responses' });
    expect(lowReads.length).toBeGreaterThan(0);
    for (const entry of lowReads) {
      expect(Object.keys(entry.query).sort()).toEqual(
        ['end_date', 'limit', 'offset', 'start_date', 'survey_id'].sort(),
      );
    }

    const commented = await walk(surveyId('USERLOOP', survey.id), { range, commentOnly: true });
    const expectedCommented = rows.filter((r) => r.text !== null && r.text.trim() !== '');
    expect(expectedCommented.length).toBeGreaterThan(0);
    expect(expectedCommented.length).toBeLessThan(rows.length);
    expect(commented.nodes.map((n) => n.responseId)).toEqual(expectedCommented.map((r) => r.id));
    expect(commented.nodes.filter((n) => n.comment === null)).toEqual([]);
  });
});

describe('Survey.responses, Userlane', () => {
  it('sends score and commentOnly to Userlane and serves exactly what it answers', async () => {
    const survey = laneSurvey(1);
    const { range, within } = lastDays(200);
    const expected = laneAnswers(survey.id).filter(
      (r) => within(r.ms) && [4, 5].includes(r.score) && r.comment.trim() !== '',
    );
    const { nodes, totalCount } = await walk(
      surveyId('USERLANE', survey.id),
      { range, scores: [5, 4], commentOnly: true },
      20,
    );
    expect(nodes).toEqual(
      expected.map((r) => ({
        responseId: laneId(r),
        source: 'USERLANE',
        score: r.score,
        answer: String(r.score),
        answerId: String(r.score),
        comment: r.comment,
        answeredAt: new Date(r.ms).toISOString(),
      })),
    );
    expect(totalCount).toBe(expected.length);
    const entries = gw.sandbox.log.entries({ vendor: 'userlane', path: /\/surveys\// });
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) {
      expect(entry.path).toMatch(new RegExp(`/surveys/${survey.id}$`));
      expect(entry.query).toMatchObject({
        score: ['4', '5'],
        commentOnly: 'true',
        start: `${range.from}T00:00:00Z`,
        end: `${range.to}T23:59:59Z`,
      });
    }
  });

  it('omits the filters Userlane was not asked for, and resolves respondent and customer', async () => {
    const survey = laneSurvey(0);
    const { range, within } = lastDays(60);
    const expected = laneAnswers(survey.id)
      .filter((r) => within(r.ms))
      .slice(0, 10);
    const res = await gw.query<{ node: { responses: { nodes: Record<string, unknown>[] } } }>(
      `query($id: ID!, $range: DateRange) { node(id: $id) { ... on Survey {
        responses(range: $range, first: 10) { nodes {
          responseId recipient orderTotal extra userlaneUser { id applicationUserId }
          respondent { email userlaneUserId applicationUserId } customer { email }
          survey { surveyId } question { questionId type }
        } }
      } } }`,
      { id: surveyId('USERLANE', survey.id), range },
    );
    expect(res.errors).toEqual([]);
    expect(res.data!.node.responses.nodes).toEqual(
      expected.map((r) => ({
        responseId: laneId(r),
        recipient: null,
        orderTotal: null,
        extra: null,
        userlaneUser: { id: r.user.id, applicationUserId: r.user.applicationUserId },
        respondent: {
          email: directoryEmail(r.user),
          userlaneUserId: r.user.id,
          applicationUserId: r.user.applicationUserId,
        },
        customer: directoryEmail(r.user) ? { email: directoryEmail(r.user) } : null,
        survey: { surveyId: survey.id },
        question: { questionId: 'score', type: 'SCORE_1_5' },
      })),
    );
    const [entry] = gw.sandbox.log.entries({ vendor: 'userlane' });
    expect(gw.sandbox.log.count({ vendor: 'userlane' })).toBe(1);
    expect(Object.keys(entry!.query).sort()).toEqual(['end', 'limit', 'page', 'start']);
  });
  it("passes Userlane's survey `type` through", async () => {
    const survey = laneSurvey(0);
    const res = await gw.query<{
      custom: { responses: { nodes: unknown[] } };
      other: { responses: { nodes: unknown[]; totalCount: number } };
    }>(
      `query($id: ID!) {
        custom: node(id: $id) { ... on Survey { responses(type: "custom", first: 3) { nodes { responseId } } } }
        other: node(id: $id) { ... on Survey { responses(type: "other", first: 3) { totalCount nodes { responseId } } } }
      }`,
      { id: surveyId('USERLANE', survey.id) },
    );
    expect(res.errors).toEqual([]);
    expect(res.data!.custom.responses.nodes).toHaveLength(3);
    expect(res.data!.other.responses).toEqual({ totalCount: 0, nodes: [] });
    const types = gw.sandbox.log.entries({ vendor: 'userlane' }).map((e) => e.query.type);
    expect(types.sort()).toEqual(['custom', 'other']);
  });
});

describe('refusals', () => {
  it.each([
    ['USERLANE', [0]],
    ['USERLANE', [3, 6]],
    ['USERLOOP', [11]],
    ['USERLOOP', [-1]],
  ] as const)('refuses %s scores %j with no vendor call', async (source, scores) => {
    const id = source === 'USERLANE' ? laneSurvey().id : postPurchase().id;
    await gw.query('{ surveys { totalCount } }'); // the UserLoop catalog, cached from here on
    gw.sandbox.log.clear();
    const res = await gw.query(RESPONSES, { id: surveyId(source, id), scores });
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({
      path: ['node', 'responses'],
      extensions: { code: 'BAD_USER_INPUT', argument: 'scores' },
    });
    expect(res.errors[0]!.message).toContain(source === 'USERLANE' ? '1 to 5' : '0 to 10');
    expect(calls('userlane') + calls('userloop')).toBe(0);
  });

  it('refuses a reversed range and a Userlane `type` on a UserLoop survey with no vendor call', async () => {
    await gw.query('{ surveys { totalCount } }');
    gw.sandbox.log.clear();
    const reversed = await gw.query(RESPONSES, {
      id: surveyId('USERLANE', laneSurvey().id),
      range: { from: '2026-02-01', to: '2026-01-01' },
    });
    expect(reversed.errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'range',
    });
    const typed = await gw.query(
      `query($id: ID!) { node(id: $id) { ... on Survey { responses(type: "custom") { totalCount } } } }`,
      { id: surveyId('USERLOOP', postPurchase().id) },
    );
    expect(typed.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'type' });
    expect(calls('userlane') + calls('userloop')).toBe(0);
  });
});

const QUESTIONS = `query($id: ID!, $range: DateRange, $answerIds: [ID!]) { node(id: $id) { ... on Survey {
  questions { questionId type
    breakdown(range: $range, answerIds: $answerIds) {
      totalResponses uniqueCustomers sumResponses
      answers { answerId answerText count percentage revenue aov currency }
      filters { answerIds startDate endDate }
    }
  }
} } }`;

interface BreakdownNode {
  totalResponses: number;
  uniqueCustomers: number;
  sumResponses: number;
  answers: { answerId: string; count: number; revenue: number | null; currency: string | null }[];
  filters: { answerIds: string[]; startDate: string; endDate: string };
}

describe('SurveyQuestion.breakdown', () => {
  it("serves UserLoop's counts view, answerIds passed through, one call per distinct question", async () => {
    const survey = postPurchase();
    const csat = survey.questions.find((q) => q.type === 'CSAT')!;
    const { range, within } = lastDays(120);
    const answerIds = [csat.answers[3]!.answer_id, csat.answers[4]!.answer_id];
    const res = await gw.query<{
      node: { questions: { questionId: string; breakdown: BreakdownNode }[] };
    }>(QUESTIONS, { id: surveyId('USERLOOP', survey.id), range, answerIds: null });
    expect(res.errors).toEqual([]);
    const rows = gw.sandbox.seed.userloop.store
      .forQuestion(csat.question_id)
      .filter((r) => within(r.createdMs));
    const got = res.data!.node.questions.find((q) => q.questionId === csat.question_id)!.breakdown;
    expect(got.totalResponses).toBe(rows.length);
    expect(got.sumResponses).toBe(rows.length);
    expect(got.uniqueCustomers).toBe(
      new Set(rows.map((r) => r.submission.recipient.toLowerCase())).size,
    );
    for (const answer of csat.answers) {
      const mine = rows.filter((r) => r.answer?.answer_id === answer.answer_id);
      expect(got.answers.find((a) => a.answerId === answer.answer_id)).toMatchObject({
        count: mine.length,
        revenue: Math.round(mine.reduce((sum, r) => sum + r.submission.orderTotal, 0)),
        currency: survey.currency,
      });
    }
    expect(got.filters).toEqual({
      answerIds: csat.answers.map((a) => a.answer_id),
      startDate: range.from,
      endDate: range.to,
    });
    const counts = () =>
      gw.sandbox.log
        .entries({ vendor: 'userloop', path: '/responses' })
        .filter((e) => e.query.view === 'counts');
    expect(counts()).toHaveLength(survey.questions.length);

    // Restricting answers: UserLoop gets one comma-separated answer_ids parameter.
    gw.sandbox.log.clear();
    const only = await gw.query<{
      node: { questions: { questionId: string; breakdown: BreakdownNode | null }[] };
    }>(
      `query($id: ID!, $range: DateRange, $answerIds: [ID!]) { node(id: $id) { ... on Survey {
        questions { questionId
          a: breakdown(range: $range, answerIds: $answerIds) { totalResponses answers { answerId count } }
          b: breakdown(range: $range, answerIds: $answerIds) { totalResponses }
        } } } }`,
      { id: surveyId('USERLOOP', survey.id), range, answerIds },
    );
    // Other questions do not hold these answer ids: refused without a call, each on its own.
    const csatNode = only.data!.node.questions.find(
      (q) => q.questionId === csat.question_id,
    )! as unknown as {
      a: { totalResponses: number; answers: { answerId: string; count: number }[] };
      b: { totalResponses: number };
    };
    const expectedCount = rows.filter((r) => answerIds.includes(r.answer?.answer_id ?? '')).length;
    expect(csatNode.a.totalResponses).toBe(expectedCount);
    expect(csatNode.b.totalResponses).toBe(expectedCount);
    expect(csatNode.a.answers.map((a) => a.answerId).sort()).toEqual([...answerIds].sort());
    expect(counts()).toHaveLength(1);
    expect(counts()[0]!.query.answer_ids).toBe(answerIds.join(','));
    expect(survey.questions.length).toBeGreaterThan(1);
    expect(only.errors.length).toBe(2 * (survey.questions.length - 1));
    expect(only.errors.filter((e) => e.extensions?.code !== 'BAD_USER_INPUT')).toEqual([]);
  });

  it('counts a Userlane question from its answers, one export read per survey and range', async () => {
    const survey = laneSurvey(2);
    const { range, within } = lastDays(100);
    const answers = laneAnswers(survey.id).filter((r) => within(r.ms));
    const res = await gw.query<{ node: { questions: { breakdown: BreakdownNode }[] } }>(
      `query($id: ID!, $range: DateRange) { node(id: $id) { ... on Survey { questions {
        all: breakdown(range: $range) { totalResponses uniqueCustomers sumResponses
          answers { answerId answerText count percentage revenue aov currency } filters { answerIds startDate endDate } }
        top: breakdown(range: $range, answerIds: ["5", "4"]) { totalResponses answers { answerId count } }
      } } } }`,
      { id: surveyId('USERLANE', survey.id), range },
    );
    expect(res.errors).toEqual([]);
    const [question] = res.data!.node.questions as unknown as {
      all: BreakdownNode;
      top: { totalResponses: number; answers: { answerId: string; count: number }[] };
    }[];
    const count = (score: number) => answers.filter((r) => r.score === score).length;
    expect(question!.all).toMatchObject({
      totalResponses: answers.length,
      sumResponses: answers.length,
      uniqueCustomers: new Set(answers.map((r) => r.user.id)).size,
      filters: { answerIds: ['1', '2', '3', '4', '5'], startDate: range.from, endDate: range.to },
    });
    expect(question!.all.answers.map((a) => [a.answerId, a.count])).toEqual(
      [1, 2, 3, 4, 5]
        .map((s) => [String(s), count(s)] as const)
        .sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0])),
    );
    for (const a of question!.all.answers) {
      expect(a).toMatchObject({
        answerText: a.answerId,
        percentage: Math.round((count(Number(a.answerId)) / answers.length) * 10_000) / 100,
        revenue: null,
        aov: null,
        currency: null,
      });
    }
    expect(question!.top.totalResponses).toBe(count(4) + count(5));
    expect(question!.top.answers.map((a) => a.answerId).sort()).toEqual(['4', '5']);
    // One whole-range read (pages of 5,000) serves both breakdowns.
    expect(calls('userlane')).toBe(1);
  });
});

describe('SurveyQuestion.openResponses', () => {
  it("serves UserLoop's open view with its total and each answer's order context", async () => {
    const survey = postPurchase();
    const open = survey.questions.find((q) => q.type === 'OPEN_ENDED')!;
    const { range, within } = lastDays(60);
    const rows = gw.sandbox.seed.userloop.store
      .forQuestion(open.question_id)
      .filter((r) => within(r.createdMs) && r.text !== null && r.text.trim() !== '');
    const res = await gw.query<{
      node: { questions: { questionId: string; openResponses: Page }[] };
    }>(
      `query($id: ID!, $range: DateRange) { node(id: $id) { ... on Survey { questions { questionId
        openResponses(range: $range, first: 4) { totalCount pageInfo { hasNextPage endCursor } nodes {
          responseId comment recipient lineItems lineItemsCount orderTotal currency answeredAt
          question { questionId } survey { surveyId } customer { email }
        } } } } } }`,
      { id: surveyId('USERLOOP', survey.id), range },
    );
    const got = res.data!.node.questions.find(
      (q) => q.questionId === open.question_id,
    )!.openResponses;
    expect(got.totalCount).toBe(rows.length);
    expect(got.nodes).toEqual(
      rows.slice(0, 4).map((r) => ({
        responseId: r.id,
        comment: r.text,
        recipient: r.submission.recipient.toLowerCase(),
        lineItems: [...r.submission.lineItems],
        lineItemsCount: r.submission.lineItems.length,
        orderTotal: r.submission.orderTotal,
        currency: r.submission.currency,
        answeredAt: new Date(r.createdMs).toISOString(),
        question: { questionId: open.question_id },
        survey: { surveyId: survey.id },
        customer: { email: r.submission.recipient.toLowerCase() },
      })),
    );
    const views = gw.sandbox.log
      .entries({ vendor: 'userloop', path: '/responses' })
      .map((e) => e.query.view);
    expect(views.filter((v) => v === 'open')).toHaveLength(survey.questions.length);
  });

  it('serves the Userlane answers with a comment, filtered by Userlane', async () => {
    const survey = laneSurvey(0);
    const { range, within } = lastDays(90);
    const expected = laneAnswers(survey.id).filter((r) => within(r.ms) && r.comment.trim() !== '');
    const res = await gw.query<{ node: { questions: { openResponses: Page }[] } }>(
      `query($id: ID!, $range: DateRange) { node(id: $id) { ... on Survey { questions {
        openResponses(range: $range, first: 7) { totalCount nodes { responseId comment score } }
      } } } }`,
      { id: surveyId('USERLANE', survey.id), range },
    );
    expect(res.errors).toEqual([]);
    expect(res.data!.node.questions[0]!.openResponses.nodes).toEqual(
      expected
        .slice(0, 7)
        .map((r) => ({ responseId: laneId(r), comment: r.comment, score: r.score })),
    );
    const entries = gw.sandbox.log.entries({ vendor: 'userlane' });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.query).toMatchObject({ commentOnly: 'true' });
  });
});

describe('SurveyResponse node refetch', () => {
  const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on SurveyResponse {
    id responseId source score comment answeredAt survey { surveyId } question { questionId }
  } } }`;

  it('refetches answers of both vendors: UserLoop by id, Userlane from one day of its survey', async () => {
    const { range } = lastDays(20);
    const FIELDS =
      'id responseId source score comment answeredAt survey { surveyId } question { questionId }';
    const page = async (source: 'USERLOOP' | 'USERLANE', id: string) =>
      (
        await gw.query<{ node: { responses: { nodes: { id: string }[] } } }>(
          `query($id: ID!, $range: DateRange) { node(id: $id) { ... on Survey {
            responses(range: $range, first: 2) { nodes { ${FIELDS} } } } } }`,
          { id: surveyId(source, id), range },
        )
      ).data!.node.responses.nodes;
    const listed = [
      ...(await page('USERLOOP', postPurchase().id)),
      ...(await page('USERLANE', laneSurvey(0).id)),
    ];
    expect(listed).toHaveLength(4);
    gw.sandbox.log.clear();
    const res = await gw.query<{ nodes: { id: string }[] }>(NODES, {
      ids: listed.map((n) => n.id),
    });
    expect(res.errors).toEqual([]);
    expect(res.data!.nodes).toEqual(listed);
    expect(gw.sandbox.log.count({ vendor: 'userloop', path: /^\/responses\// })).toBe(2);
    // Userlane answers are read from their day's page: one call per distinct day.
    const laneDays = gw.sandbox.log.entries({ vendor: 'userlane' });
    expect(laneDays.length).toBeGreaterThanOrEqual(1);
    expect(laneDays.length).toBeLessThanOrEqual(2);
    for (const entry of laneDays) {
      expect(String(entry.query.start).slice(0, 10)).toBe(String(entry.query.end).slice(0, 10));
    }
  });

  it("answers null for an answer of the survey off the key's allowlist", async () => {
    const row = gw.sandbox.seed.userloop.store.rows.find((r) => !r.survey.allowed)!;
    const res = await gw.query<{ nodes: unknown[] }>(NODES, {
      ids: [encodeGlobalId('SurveyResponse', JSON.stringify(['USERLOOP', row.id]))],
    });
    expect(res.errors).toEqual([]);
    expect(res.data).toEqual({ nodes: [null] });
  });
});
