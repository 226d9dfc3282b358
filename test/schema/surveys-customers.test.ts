import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultNpsRange } from '../../src/lists/nps.js';
import type { GraphQLResult, TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// A person's survey answers from both vendors, from request-wide exports: the vendor calls of a
// query do not grow with the number of customers it asks about.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const DAY = 86_400_000;
const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

interface Expected {
  responseId: string;
  source: 'USERLOOP' | 'USERLANE';
  answeredAt: string;
}

/** Every answer of the default window (the last 360 days) per lower-cased email, from the seed. */
function answersByEmail(): Map<string, Expected[]> {
  const range = defaultNpsRange(new Date());
  const fromMs = Date.parse(`${range.from}T00:00:00Z`);
  const untilMs = Date.parse(`${range.to}T00:00:00Z`) + DAY;
  const within = (ms: number) => ms >= fromMs && ms < untilMs;
  const byEmail = new Map<string, Expected[]>();
  const add = (email: string, answer: Expected) =>
    byEmail.set(email, [...(byEmail.get(email) ?? []), answer]);
  for (const row of gw.sandbox.seed.userloop.store.visible) {
    if (!within(row.createdMs)) continue;
    add(row.submission.recipient.toLowerCase(), {
      responseId: row.id,
      source: 'USERLOOP',
      answeredAt: new Date(row.createdMs).toISOString(),
    });
  }
  for (const [, answers] of gw.sandbox.seed.userlane.surveyResponses) {
    for (const answer of answers) {
      const { person, inDirectory } = answer.user;
      if (!within(answer.ms) || !person || !inDirectory) continue;
      add(person.email, {
        responseId: `${isoSeconds(answer.ms)}|${answer.score}|${answer.user.id}`,
        source: 'USERLANE',
        answeredAt: new Date(answer.ms).toISOString(),
      });
    }
  }
  return byEmail;
}

/** People with answers in both vendors, in a stable order. */
function bothVendors(): [string, Expected[]][] {
  return [...answersByEmail()]
    .filter(([, answers]) => new Set(answers.map((a) => a.source)).size === 2)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

const ANSWERS = `responseId source answeredAt`;

function customersQuery(emails: string[], first = 100): string {
  const fields = emails.map(
    (email, i) =>
      `c${i}: customer(email: ${JSON.stringify(email)}) { surveyResponses(first: ${first}) { totalCount nodes { ${ANSWERS} } } }`,
  );
  return `{ ${fields.join('\n')} }`;
}

interface AnswersPage {
  totalCount: number;
  nodes: Expected[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
}

type CustomersResult = Record<
  string,
  { surveyResponses: { totalCount: number; nodes: Expected[] } } | null
>;

describe('Customer.surveyResponses', () => {
  it("merges the person's UserLoop rows and Userlane answers newest first, exactly", async () => {
    const [email, expected] = bothVendors()[0]!;
    const all: Expected[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: GraphQLResult<{ customer: { surveyResponses: AnswersPage } }> = await gw.query(
        `query($email: String!, $after: String) { customer(email: $email) {
          surveyResponses(first: 7, after: $after) { totalCount nodes { ${ANSWERS} }
            pageInfo { hasNextPage endCursor } } } }`,
        { email, after },
      );
      expect(res.errors).toEqual([]);
      const connection: AnswersPage = res.data!.customer.surveyResponses;
      expect(connection.totalCount).toBe(expected.length);
      all.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(all.map((a) => a.responseId).sort()).toEqual(expected.map((a) => a.responseId).sort());
    expect(new Set(all.map((a) => a.source))).toEqual(new Set(['USERLOOP', 'USERLANE']));
    for (let i = 1; i < all.length; i++) {
      expect(all[i - 1]!.answeredAt >= all[i]!.answeredAt).toBe(true);
    }
  });

  it('costs the same vendor calls for 3 customers as for 20', async () => {
    const people = bothVendors();
    expect(people.length).toBeGreaterThanOrEqual(20);
    await gw.query('{ surveys { totalCount } }'); // the UserLoop catalog, cached from here on

    const run = async (count: number) => {
      gw.sandbox.log.clear();
      const chosen = people.slice(0, count);
      const res = await gw.query<CustomersResult>(customersQuery(chosen.map(([email]) => email)));
      expect(res.errors).toEqual([]);
      chosen.forEach(([, expected], i) => {
        expect(res.data![`c${i}`]?.surveyResponses.totalCount).toBe(expected.length);
      });
      return {
        userloop: gw.sandbox.log.count({ vendor: 'userloop' }),
        userlane: gw.sandbox.log.count({ vendor: 'userlane' }),
      };
    };
    const three = await run(3);
    const twenty = await run(20);
    expect(three.userloop).toBeGreaterThan(0);
    // One whole-window read per configured Userlane survey.
    expect(three.userlane).toBe(gw.services.config.userlaneSurveys.length);
    expect(twenty).toEqual(three);
  });

  it('refuses a bad `first` before any vendor call', async () => {
    const [email] = bothVendors()[0]!;
    gw.sandbox.log.clear();
    const res = await gw.query(
      `query($email: String!) { customer(email: $email) { surveyResponses(first: 1000) { totalCount } } }`,
      { email },
    );
    expect(res.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      gw.sandbox.log.count({ vendor: 'userloop' }) + gw.sandbox.log.count({ vendor: 'userlane' }),
    ).toBe(0);
  });
});
