import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxReadings } from '../../src/sandbox/index.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { encodeGlobalId } from '../../src/global-id.js';
import { READINGS } from '../support/readings.js';

// Nothing relied on that the vendors' docs do not promise: each behaviour below holds under every
// reading of the docs the sandbox serves (test/support/readings.ts).

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe.each(READINGS)('vendor reads, $name', ({ readings }: { readings: SandboxReadings }) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ sandbox: { readings } });
  });
  beforeEach(() => gw.sandbox.log.clear());
  afterAll(() => gw.close());

  const today = () => isoDay(gw.sandbox.seed.now.getTime());

  it('counts every Userlane NPS answer of a range holding more than 1,000 of them', async () => {
    const answers = gw.sandbox.seed.userlane.nps;
    const from = isoDay(Math.min(...answers.map((a) => a.ms)));
    // The premise: more answers than one page of the documented 1,000.
    expect(answers.length).toBeGreaterThan(1000);
    const res = await gw.query<{ npsSummary: { responses: number } }>(
      `query($range: DateRange!) {
        npsSummary(filter: { sources: [USERLANE], range: $range }) { responses }
      }`,
      { range: { from, to: today() } },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.npsSummary.responses).toBe(answers.length);
    const calls = gw.sandbox.log.entries({ vendor: 'userlane', path: /\/nps$/ });
    expect(calls.length).toBe(Math.floor(answers.length / 1000) + 1);
    for (const call of calls) expect(Number(call.query.limit)).toBeLessThanOrEqual(1000);
  });

  it('never counts a UserLoop row of another question as an NPS answer', async () => {
    const { surveys, store } = gw.sandbox.seed.userloop;
    const npsQuestions = new Set(
      surveys
        .filter((s) => s.allowed)
        .flatMap((s) => s.questions.filter((q) => q.type.toUpperCase() === 'NPS'))
        .map((q) => q.question_id),
    );
    const fromMs = gw.sandbox.seed.now.getTime() - 60 * DAY;
    const range = { from: isoDay(fromMs), to: today() };
    const inRange = store.visible.filter((r) => r.createdMs >= Date.parse(range.from));
    const npsRows = inRange.filter((r) => npsQuestions.has(r.question.question_id));
    const npsSurveys = new Set(npsRows.map((r) => r.survey.id));
    const others = inRange.filter(
      (r) => npsSurveys.has(r.survey.id) && !npsQuestions.has(r.question.question_id),
    );
    // The premise: the NPS surveys hold answers to other questions (CSAT 1-5 among them).
    expect(npsRows.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    const res = await gw.query<{
      npsSummary: { responses: number };
      npsResponses: { nodes: { id: string; userloop: { questionId: string } }[] };
    }>(
      `query($range: DateRange!) {
        npsSummary(filter: { sources: [USERLOOP], range: $range }) { responses }
        npsResponses(filter: { sources: [USERLOOP], range: $range }, first: 100) {
          nodes { id userloop { questionId } }
        }
      }`,
      { range },
    );
    expect(res.errors).toEqual([]);
    const numeric = npsRows.filter((r) => /^\d{1,2}$/.test(r.answer?.answer ?? ''));
    expect(res.data?.npsSummary.responses).toBe(numeric.length);
    const nodes = res.data?.npsResponses.nodes ?? [];
    expect(nodes.length).toBe(Math.min(100, numeric.length));
    // A node id is `NpsResponse:USERLOOP|<response id>` (global-id.ts), base64url.
    const rowIds = nodes.map((n) => Buffer.from(n.id, 'base64url').toString().split('|')[1]);
    const npsIds = new Set(npsRows.map((r) => r.id));
    expect(rowIds.filter((id) => !npsIds.has(id ?? ''))).toEqual([]);
    expect(nodes.filter((n) => !npsQuestions.has(n.userloop.questionId))).toEqual([]);
    // `question_id` is not documented on raw responses: the feed never relies on it.
    const raw = gw.sandbox.log
      .entries({ vendor: 'userloop', path: '/responses' })
      .filter((e) => e.query.view === undefined);
    expect(raw.length).toBeGreaterThan(0);
    for (const call of raw) expect(call.query.question_id).toBeUndefined();
  });

  it('reads UserLoop breakdowns and open answers without a range over the documented default', async () => {
    const survey = gw.sandbox.seed.userloop.surveys.find(
      (s) => s.allowed && s.questions.some((q) => q.type.toUpperCase() === 'NPS'),
    )!;
    const question = survey.questions.find((q) => q.type.toUpperCase() === 'NPS')!;
    const open = survey.questions.find((q) => q.type.toUpperCase() === 'OPEN_ENDED');
    const rows = gw.sandbox.seed.userloop.store.forQuestion(question.question_id);
    const oldest = Math.min(...rows.map((r) => r.createdMs));
    // The premise: answers older than the 360 days the gateway used to send.
    expect(oldest).toBeLessThan(gw.sandbox.seed.now.getTime() - 400 * DAY);
    const id = encodeGlobalId('Survey', JSON.stringify(['USERLOOP', survey.id]));
    const res = await gw.query<{
      node: {
        questions: {
          questionId: string;
          breakdown: { totalResponses: number; filters: { startDate: string | null } };
          openResponses: { totalCount: number | null } | null;
        }[];
      };
    }>(
      `query($id: ID!) {
        node(id: $id) {
          ... on Survey {
            questions {
              questionId
              breakdown { totalResponses filters { startDate } }
              openResponses(first: 1) { totalCount }
            }
          }
        }
      }`,
      { id },
    );
    expect(res.errors).toEqual([]);
    const questions = res.data?.node.questions ?? [];
    const got = questions.find((q) => q.questionId === question.question_id);
    expect(got?.breakdown.totalResponses).toBe(rows.length);
    const calls = gw.sandbox.log.entries({ vendor: 'userloop', path: '/responses' });
    const views = new Set(calls.map((e) => e.query.view));
    expect(views).toEqual(new Set(['counts', 'open']));
    for (const call of calls) {
      expect(call.query.start_date).toBeUndefined();
      expect(call.query.end_date).toBeUndefined();
    }
    if (open) {
      const texts = gw.sandbox.seed.userloop.store
        .forQuestion(open.question_id)
        .filter((r) => (r.text ?? '').trim() !== '');
      const got = questions.find((q) => q.questionId === open.question_id);
      expect(texts.length).toBeGreaterThan(0);
      expect(got?.openResponses?.totalCount).toBe(texts.length);
    }
  });

  it('sends the UserHero userEmail filter as given and finds a mixed-case submission', async () => {
    const items = [...gw.sandbox.seed.userhero.data.feedback.values()];
    const mixed = items.find(
      (f) =>
        f.workspaceId === gw.sandbox.seed.userhero.workspaceId &&
        f.userEmail !== null &&
        f.userEmail !== f.userEmail.toLowerCase(),
    );
    // The premise: the seed spells some addresses with capitals, as submitters do.
    expect(mixed?.userEmail).toBeTruthy();
    const email = mixed!.userEmail!;
    const res = await gw.query<{
      feedback: { nodes: { feedbackId: string; userEmail: string }[] };
    }>(
      `query($email: String!) {
        feedback(filter: { userEmail: $email }, first: 50) { nodes { feedbackId userEmail } }
      }`,
      { email },
    );
    expect(res.errors).toEqual([]);
    const nodes = res.data?.feedback.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.map((n) => n.feedbackId)).toContain(mixed!.id);
    const calls = gw.sandbox.log.entries({ vendor: 'userhero', path: '/feedback' });
    expect(calls.map((c) => c.query.userEmail)).toEqual([email]);
  });
});
