import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Customer360Document,
  FeedbackInboxDocument,
  NpsTrendDocument,
  SurveyResultsDocument,
  TagAdoptionDocument,
  TaskFunnelDocument,
} from '../../schema/generated/graphql.js';
import type { SandboxVendor } from '../../src/sandbox/index.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { execute } from '../support/typed.js';

// The dashboard operations of schema/operations, run through their generated typed documents:
// their data, and what they cost the vendors.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = () => gw.sandbox.seed.now.getTime();

/** No vendor call is made twice in one GraphQL request. */
function expectNoRepeatedCall() {
  const calls = gw.sandbox.log
    .entries()
    .map((e) => `${e.vendor} ${e.method} ${e.path} ${JSON.stringify(e.query)}`);
  const repeated = calls.filter((call, i) => calls.indexOf(call) !== i);
  expect(repeated).toEqual([]);
}

function callsBy(): Record<SandboxVendor, number> {
  const count = (vendor: SandboxVendor) => gw.sandbox.log.count({ vendor });
  return {
    userlane: count('userlane'),
    userloop: count('userloop'),
    userhero: count('userhero'),
    planhat: count('planhat'),
  };
}

describe('dashboard operations', () => {
  it('NpsTrend: weekly, per-source and per-region groups that add up to the overall count', async () => {
    const data = await execute(gw, NpsTrendDocument, {
      range: { from: day(today() - 84 * DAY), to: day(today()) },
    });
    const total = data.overall?.responses ?? 0;
    expect(total).toBeGreaterThan(0);
    for (const grouping of [data.weekly, data.bySource, data.byRegion]) {
      expect(grouping?.groups.reduce((sum, g) => sum + g.responses, 0)).toBe(total);
    }
    expect(data.weekly?.groups.length).toBeGreaterThanOrEqual(12);
    const comments = data.detractorComments?.nodes ?? [];
    expect(comments).toHaveLength(10);
    for (const node of comments) {
      expect(node.score).toBeLessThanOrEqual(6);
      expect(node.comment).toEqual(expect.any(String));
    }
    expectNoRepeatedCall();
  });

  it('Customer360: profile, latest NPS, answers and tickets per customer', async () => {
    const data = await execute(gw, Customer360Document, { first: 20 });
    const customers = data.customers?.nodes ?? [];
    expect(customers).toHaveLength(20);
    for (const customer of customers) {
      expect(customer.profile?.customerId).toEqual(expect.any(String));
      expect(customer.feedback?.nodes).toBeDefined();
    }
    expect(customers.some((c) => c.latestNps !== null)).toBe(true);
    expect(customers.some((c) => (c.feedback?.nodes.length ?? 0) > 0)).toBe(true);
    expectNoRepeatedCall();
  });

  it('Customer360: the same NPS and survey vendor calls for 3 customers as for 40', async () => {
    await execute(gw, Customer360Document, { first: 3 });
    const few = callsBy();
    gw.sandbox.log.clear();
    await execute(gw, Customer360Document, { first: 40 });
    const many = callsBy();
    // Range exports serve every customer: flat. UserHero lists each customer's feedback (the
    // vendor filters by one email only): one call per customer, and no profile lookup at all.
    expect(many.planhat).toBe(few.planhat);
    expect(many.userlane).toBe(few.userlane);
    expect(many.userloop).toBe(few.userloop);
    expect(many.userhero - few.userhero).toBe(37);
  });

  it('FeedbackInbox: tickets with project, customer NPS and conversation', async () => {
    const data = await execute(gw, FeedbackInboxDocument, { status: 'new', first: 10 });
    const tickets = data.feedback?.nodes ?? [];
    expect(tickets).toHaveLength(10);
    for (const ticket of tickets) {
      expect(ticket.status).toBe('new');
      expect(ticket.statusCategory).toBe('OPEN');
      expect(ticket.project?.name).toEqual(expect.any(String));
      expect(Array.isArray(ticket.comments)).toBe(true);
    }
    expectNoRepeatedCall();
  });

  it('SurveyResults: breakdowns whose counts add up, for both survey vendors', async () => {
    const data = await execute(gw, SurveyResultsDocument, {
      range: { from: day(today() - 180 * DAY), to: day(today()) },
      first: 10,
    });
    const surveys = data.surveys?.nodes ?? [];
    expect(new Set(surveys.map((s) => s.source))).toEqual(new Set(['USERLOOP', 'USERLANE']));
    let breakdowns = 0;
    for (const survey of surveys) {
      for (const question of survey.questions ?? []) {
        const breakdown = question.breakdown;
        if (!breakdown) continue;
        breakdowns++;
        const counted = breakdown.answers.reduce((sum, a) => sum + a.count, 0);
        expect(counted).toBeLessThanOrEqual(breakdown.totalResponses);
      }
    }
    expect(breakdowns).toBeGreaterThan(0);
    expectNoRepeatedCall();
  });

  it('TagAdoption: tags with reach and the HEART trend from one read of each range', async () => {
    const data = await execute(gw, TagAdoptionDocument, {
      range: { from: day(today() - 30 * DAY), to: day(today()) },
    });
    expect(data.tags?.length).toBeGreaterThan(0);
    for (const tag of data.tags ?? []) {
      expect(tag.totalInteractions).toBeGreaterThanOrEqual(tag.users ?? 0);
    }
    expect(data.heartScores?.nodes.length).toBeGreaterThan(0);
    expectNoRepeatedCall();
  });

  it('TaskFunnel: every task with a funnel whose sessions never grow step to step', async () => {
    const data = await execute(gw, TaskFunnelDocument, {
      range: { from: day(today() - 90 * DAY), to: day(today()) },
      actionsRange: { from: day(today() - 30 * DAY), to: day(today()) },
    });
    const tasks = data.tasks ?? [];
    expect(tasks.length).toBeGreaterThan(0);
    // The premise: some funnel has steps to compare.
    expect(tasks.filter((task) => (task.funnel?.steps.length ?? 0) > 1).length).toBeGreaterThan(0);
    for (const task of tasks) {
      const steps = task.funnel?.steps ?? [];
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i]?.sessions).toBeLessThanOrEqual(steps[i - 1]?.sessions ?? 0);
        expect(steps[i]?.dropOff).toBeGreaterThanOrEqual(0);
        expect(steps[i]?.dropOff).toBeLessThanOrEqual(1);
      }
    }
    expectNoRepeatedCall();
  });
});
