import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type Json, maxInFlight, seedFeedback, userheroCalls } from './userhero-fixtures.js';
import { USERHERO_FANOUT } from '../../src/loaders/userhero.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw.close());
beforeEach(() => {
  gw.sandbox.faults.clear();
  gw.sandbox.log.clear();
});

const lookups = () =>
  gw.sandbox.log
    .entries({ vendor: 'userhero', path: '/customers' })
    .filter((e) => e.query.email !== undefined);

interface FeedbackPage {
  feedback: {
    pageInfo: { endCursor: string };
    nodes: { feedbackId: string; userEmail: string | null; customer: Json | null }[];
  } | null;
}

const LINKED = `query($after: String) { feedback(first: 10, after: $after) {
    pageInfo { endCursor }
    nodes { feedbackId ticketNumber message category status priority tags userEmail createdAt
      customer { email profile { id name primaryEmail company tags feedbackCount } } } } }`;

function distinctEmails(items: { userEmail: string | null }[]): string[] {
  return [...new Set(items.flatMap((f) => (f.userEmail ? [f.userEmail.toLowerCase()] : [])))];
}

describe('the linked read of the peer benchmark', () => {
  it('page 2 of 10 items with customer profiles: 1 list call + one lookup per distinct email', async () => {
    const first = await gw.query<FeedbackPage>(LINKED);
    const after = first.data?.feedback?.pageInfo.endCursor;
    gw.sandbox.log.clear();

    const res = await gw.query<FeedbackPage>(LINKED, { after });
    expect(res.errors).toEqual([]);
    const expected = seedFeedback(gw).slice(10, 20);
    expect(expected).toHaveLength(10);
    expect(res.data?.feedback?.nodes.map((n) => n.feedbackId)).toEqual(expected.map((f) => f.id));
    const emails = distinctEmails(expected);
    expect(emails.length).toBeLessThan(10);
    expect(userheroCalls(gw, '/feedback')).toBe(1);
    expect(
      lookups()
        .map((e) => e.query.email)
        .sort(),
    ).toEqual([...emails].sort());
    expect(userheroCalls(gw)).toBe(1 + emails.length);

    const customers = gw.sandbox.seed.userhero.data.customers;
    for (const node of res.data?.feedback?.nodes ?? []) {
      if (!node.userEmail) {
        expect(node.customer).toBeNull();
        continue;
      }
      const profile = [...customers.values()].find((c) => c.emails.includes(node.userEmail ?? ''));
      expect(node.customer).toEqual({
        email: node.userEmail,
        profile: profile ? expect.objectContaining({ name: profile.name }) : null,
      });
    }
  });

  it('items without an email cost nothing and fail nothing', async () => {
    const expected = seedFeedback(gw).slice(0, 10);
    const without = expected.filter((f) => !f.userEmail).length;
    expect(without).toBeGreaterThan(0);
    const res = await gw.query<FeedbackPage>(LINKED);
    expect(res.errors).toEqual([]);
    expect(res.data?.feedback?.nodes.filter((n) => n.customer === null)).toHaveLength(without);
    expect(lookups()).toHaveLength(distinctEmails(expected).length);
  });
});

describe('Customer.profile lookups', () => {
  const known = () =>
    [...gw.sandbox.seed.userhero.data.customers.values()]
      .filter((c) => c.workspaceId === gw.sandbox.seed.userhero.workspaceId)
      .map((c) => c.primaryEmail as string);

  async function profiles(emails: string[], twice = true) {
    // Every email asked twice, once upper-cased: still one lookup each.
    const fields = emails
      .flatMap((email, i) => [
        `a${i}: customer(email: "${email}") { profile { customerId } }`,
        ...(twice
          ? [`b${i}: customer(email: "${email.toUpperCase()}") { profile { name } name company }`]
          : []),
      ])
      .join('\n');
    const res = await gw.query<Record<string, { profile: Json | null } | null>>(`{ ${fields} }`);
    expect(res.errors).toEqual([]);
    const answers = Object.entries(res.data ?? {});
    expect(emails.length).toBeGreaterThan(0);
    expect(answers).toHaveLength(emails.length * (twice ? 2 : 1));
    // The aliases answered without a profile.
    expect(answers.filter(([, c]) => !c?.profile).map(([alias]) => alias)).toEqual([]);
  }

  it('3 customers cost 3 lookups, 20 cost 20: one per distinct email, never repeated', async () => {
    await profiles(known().slice(0, 3));
    expect(lookups()).toHaveLength(3);
    gw.sandbox.log.clear();
    await profiles(known().slice(0, 20));
    expect(lookups()).toHaveLength(20);
    expect(new Set(lookups().map((e) => e.query.email)).size).toBe(20);
  });

  it('fans out with a bounded number of lookups in flight', async () => {
    gw.sandbox.faults.inject({ vendor: 'userhero', path: '/customers', latencyMs: 25 });
    const emails = known().slice(0, USERHERO_FANOUT * 2);
    expect(emails).toHaveLength(USERHERO_FANOUT * 2);
    await profiles(emails, false);
    // A wave of the full bound, never more.
    expect(maxInFlight(lookups())).toBe(USERHERO_FANOUT);
  });

  it('a listed customer needs no lookup at all', async () => {
    const res = await gw.query(
      '{ customers(first: 20) { nodes { email name profile { name } } } }',
    );
    expect(res.errors).toEqual([]);
    expect(userheroCalls(gw)).toBe(1);
  });
});

describe('Customer.feedback', () => {
  it('makes the same (email, page) call once per request however many fields ask', async () => {
    const email = known()[0] as string;
    const res = await gw.query(
      `{ a: customer(email: "${email}") { x: feedback(first: 3) { nodes { feedbackId } } y: feedback(first: 3) { nodes { message } } }
         b: customer(email: "${email.toUpperCase()}") { feedback(first: 3) { nodes { feedbackId } } }
         c: feedback(filter: { userEmail: "${email}" }, first: 3) { nodes { feedbackId } } }`,
    );
    expect(res.errors).toEqual([]);
    expect(userheroCalls(gw, '/feedback')).toBe(1);
  });

  it('fans out across many customers with a bounded number of calls in flight', async () => {
    gw.sandbox.faults.inject({ vendor: 'userhero', path: '/feedback', latencyMs: 25 });
    const res = await gw.query(
      `{ customers(first: ${USERHERO_FANOUT * 2}) { nodes { email feedback(first: 2) { nodes { feedbackId } } } } }`,
    );
    expect(res.errors).toEqual([]);
    const calls = gw.sandbox.log.entries({ vendor: 'userhero', path: '/feedback' });
    expect(calls).toHaveLength(USERHERO_FANOUT * 2);
    expect(maxInFlight(calls)).toBe(USERHERO_FANOUT);
  });

  function known() {
    return [...gw.sandbox.seed.userhero.data.customers.values()]
      .filter((c) => c.workspaceId === gw.sandbox.seed.userhero.workspaceId && c.feedbackCount > 0)
      .map((c) => c.primaryEmail as string);
  }
});

describe('a failing UserHero', () => {
  it('nulls only the UserHero fields; the rest of the query resolves', async () => {
    gw.sandbox.faults.inject({ vendor: 'userhero', path: '/feedback', status: 403 });
    const res = await gw.query<{ feedback: unknown; vendors: unknown[] }>(
      '{ feedback(first: 2) { nodes { id } } vendors { source enabled } }',
    );
    expect(res.data?.feedback).toBeNull();
    expect(res.data?.vendors.length).toBeGreaterThan(0);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({ path: ['feedback'] });
  });

  it('a failing lookup nulls each profile alone, keeping the feedback items', async () => {
    gw.sandbox.faults.inject({ vendor: 'userhero', path: '/customers', status: 403 });
    const res = await gw.query<FeedbackPage>(
      '{ feedback(first: 10) { nodes { feedbackId userEmail customer { email profile { id } } } } }',
    );
    const expected = seedFeedback(gw).slice(0, 10);
    expect(expected).toHaveLength(10);
    expect(res.data?.feedback?.nodes.map((n) => n.feedbackId)).toEqual(expected.map((f) => f.id));
    for (const node of res.data?.feedback?.nodes ?? []) {
      expect(node.customer).toEqual(
        node.userEmail ? { email: node.userEmail, profile: null } : null,
      );
    }
    const withEmail = expected.filter((f) => f.userEmail).length;
    expect(withEmail).toBeGreaterThan(0);
    expect(res.errors).toHaveLength(withEmail);
    expect(res.errors.filter((e) => e.path?.at(-1) !== 'profile')).toEqual([]);
    expect(lookups()).toHaveLength(distinctEmails(expected).length);
  });
});
