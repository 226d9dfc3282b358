import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Customer as SeedCustomer } from '../../src/sandbox/userhero/model.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  globalId,
  type Json,
  mainWorkspace,
  seedFeedback,
  userheroCalls,
  vendorGet,
} from './userhero-fixtures.js';

let gw: TestGateway;
let ws: string;

beforeAll(async () => {
  gw = await startTestGateway();
  ws = mainWorkspace(gw);
});
afterAll(async () => gw.close());
beforeEach(() => {
  gw.sandbox.faults.clear();
  gw.sandbox.log.clear();
});

const LIST_FIELDS = `
  id customerId workspaceId name primaryEmail primaryPhone emails phones
  socialHandles { platform handle accountId } company tags feedbackCount channels
  lastSeenAt firstSeenAt createdAt updatedAt
`;
const DETAIL_FIELDS = 'notes customFields timezone language mergedCustomerIds';

function expectedCustomer(wire: Json, detail?: Json): Json {
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
  const base: Json = {
    id: globalId('UserHeroCustomer', wire.id as string),
    customerId: wire.id,
    workspaceId: wire.workspaceId,
    name: wire.name,
    primaryEmail: lower(wire.primaryEmail),
    primaryPhone: wire.primaryPhone,
    emails: (wire.emails as string[]).map((e) => e.toLowerCase()),
    phones: wire.phones,
    socialHandles: (wire.socialHandles as Json[]).map((h) => ({
      platform: h.platform,
      handle: h.handle,
      accountId: h.accountId ?? null,
    })),
    company: wire.company,
    tags: wire.tags,
    feedbackCount: wire.feedbackCount,
    channels: wire.channels,
    lastSeenAt: wire.lastSeenAt,
    firstSeenAt: wire.firstSeenAt,
    createdAt: wire.createdAt,
    updatedAt: wire.updatedAt,
  };
  if (!detail) return base;
  return {
    ...base,
    notes: detail.notes,
    customFields: detail.customFields,
    timezone: detail.timezone,
    language: detail.language,
    mergedCustomerIds: detail.mergedCustomerIds,
  };
}

type Conn = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Json[] };

describe('Query.userheroCustomers', () => {
  it('resolves every list field in one call; detail fields cost one Get Customer each', async () => {
    const wire = (await vendorGet(gw, '/customers', { workspaceId: ws, pageSize: 4 }))
      .data as Json[];
    const details: Json[] = [];
    for (const c of wire) details.push((await vendorGet(gw, `/customers/${c.id}`)).data as Json);

    const lean = await gw.query<{ userheroCustomers: Conn }>(
      `{ userheroCustomers(first: 4) { nodes { ${LIST_FIELDS} } } }`,
    );
    expect(lean.errors).toEqual([]);
    expect(lean.data?.userheroCustomers.nodes).toEqual(wire.map((c) => expectedCustomer(c)));
    expect(userheroCalls(gw)).toBe(1);

    gw.sandbox.log.clear();
    const full = await gw.query<{ userheroCustomers: Conn }>(
      `{ userheroCustomers(first: 4) { nodes { ${LIST_FIELDS} ${DETAIL_FIELDS} again: notes } } }`,
    );
    expect(full.errors).toEqual([]);
    expect(full.data?.userheroCustomers.nodes).toEqual(
      wire.map((c, i) => ({ ...expectedCustomer(c, details[i]), again: details[i]?.notes })),
    );
    expect(userheroCalls(gw, '/customers')).toBe(1);
    expect(userheroCalls(gw, /^\/customers\//)).toBe(wire.length);
  });

  it('passes search, channel, tag, sort and order to UserHero', async () => {
    const someone = [...gw.sandbox.seed.userhero.data.customers.values()].find(
      (c) => c.workspaceId === ws && c.tags.length > 0,
    ) as SeedCustomer;
    const cases: [string, Record<string, string>][] = [
      [
        `filter: { search: "${someone.name?.split(' ')[0]}" }`,
        { search: someone.name?.split(' ')[0] ?? '' },
      ],
      ['filter: { channel: "email" }', { channel: 'email' }],
      [`filter: { tag: "${someone.tags[0]}" }`, { tag: someone.tags[0] ?? '' }],
      ['sort: NAME, order: ASC', { sort: 'name', order: 'asc' }],
      ['sort: FEEDBACK_COUNT', { sort: 'feedbackCount' }],
      ['sort: FIRST_SEEN_AT, order: ASC', { sort: 'firstSeenAt', order: 'asc' }],
    ];
    for (const [args, query] of cases) {
      const wire = (await vendorGet(gw, '/customers', { workspaceId: ws, pageSize: 6, ...query }))
        .data as Json[];
      const res = await gw.query<{ userheroCustomers: Conn }>(
        `{ userheroCustomers(${args}, first: 6) { nodes { customerId } } }`,
      );
      expect(res.errors, args).toEqual([]);
      expect(res.data?.userheroCustomers.nodes, args).toEqual(
        wire.map((c) => ({ customerId: c.id })),
      );
      expect(wire.length, args).toBeGreaterThan(0);
    }
  });

  it('serves Workspace.customers with its filters', async () => {
    const wire = (
      await vendorGet(gw, '/customers', { workspaceId: ws, pageSize: 3, channel: 'email' })
    ).data as Json[];
    const res = await gw.query<{ workspaces: { workspaceId: string; customers: Conn }[] }>(
      '{ workspaces { workspaceId customers(first: 3, channel: "email") { nodes { customerId workspace { workspaceId } } } } }',
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.workspaces.find((w) => w.workspaceId === ws)?.customers.nodes).toEqual(
      wire.map((c) => ({ customerId: c.id, workspace: { workspaceId: ws } })),
    );
  });

  it('refetches a UserHeroCustomer node through Get Customer', async () => {
    const seed = [...gw.sandbox.seed.userhero.data.customers.values()][0] as SeedCustomer;
    const detail = (await vendorGet(gw, `/customers/${seed.id}`)).data as Json;
    const res = await gw.query<{ nodes: Json[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on UserHeroCustomer { ${LIST_FIELDS} ${DETAIL_FIELDS} } } }`,
      { ids: [globalId('UserHeroCustomer', seed.id), globalId('UserHeroCustomer', 'cust_none')] },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.nodes).toEqual([expectedCustomer(detail, detail), null]);
    // The detail fields read the node's own answer, not a second call.
    expect(userheroCalls(gw)).toBe(2);
  });
});

describe('Query.customers (people)', () => {
  it('skips customers without an email and keeps positions exact across pages', async () => {
    const client = gw.services.vendors.userhero;
    if (!client) throw new Error('UserHero is not configured');
    for (const [i, phone] of ['+15550001111', '+15550002222'].entries()) {
      await client.createCustomer({
        workspaceId: ws,
        name: `Aaaa no email ${i}`,
        primaryPhone: phone,
      });
    }
    const all: Json[] = [];
    for (let page = 1; ; page++) {
      const wire = (
        await vendorGet(gw, '/customers', {
          workspaceId: ws,
          sort: 'name',
          order: 'asc',
          pageSize: 100,
          page,
        })
      ).data as Json[];
      all.push(...wire);
      if (wire.length < 100) break;
    }
    const people = all.flatMap((c) => {
      const email = (c.primaryEmail as string | null) ?? (c.emails as string[])[0];
      return email ? [email.toLowerCase()] : [];
    });
    expect(people.length).toBeLessThan(all.length);
    // The two customers made above sort first, and have no email.
    expect(all.slice(0, 2).map((c) => c.emails)).toEqual([[], []]);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: { data?: { customers: Conn } | null } = await gw.query<{ customers: Conn }>(
        'query($after: String) { customers(sort: NAME, order: ASC, first: 7, after: $after) { pageInfo { hasNextPage endCursor } nodes { email } } }',
        { after },
      );
      const page = res.data?.customers as Conn;
      seen.push(...page.nodes.map((n) => n.email as string));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null && seen.length <= people.length);
    expect(seen).toEqual(people);
  });

  it('filters the people like the profiles', async () => {
    const wire = (await vendorGet(gw, '/customers', { workspaceId: ws, pageSize: 5, tag: 'vip' }))
      .data as Json[];
    const res = await gw.query<{ customers: Conn }>(
      '{ customers(filter: { tag: "vip" }, first: 5) { nodes { email profile { customerId } } } }',
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.customers.nodes).toEqual(
      wire.map((c) => ({
        email: ((c.primaryEmail as string | null) ?? (c.emails as string[])[0])?.toLowerCase(),
        profile: { customerId: c.id },
      })),
    );
    // Listed profiles answer Customer.profile without a lookup.
    expect(userheroCalls(gw)).toBe(1);
  });
});

describe('Customer.profile and Customer.feedback', () => {
  it('finds the profile by email (any case), null when UserHero does not know the email', async () => {
    const seed = [...gw.sandbox.seed.userhero.data.customers.values()].find(
      (c) => c.workspaceId === ws && c.emails.length > 1,
    ) as SeedCustomer;
    const email = seed.emails[1] as string;
    const wire = (await vendorGet(gw, '/customers', { workspaceId: ws, email })).data as Json;
    const res = await gw.query<{ customer: Json; nobody: Json }>(
      `query($email: String!) {
          customer(email: $email) { email profile { ${LIST_FIELDS} ${DETAIL_FIELDS} person { email } } }
          nobody: customer(email: "nobody.at.all@example.net") { email } }`,
      { email: email.toUpperCase() },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.customer).toEqual({
      email,
      profile: {
        ...expectedCustomer(wire, wire),
        person: { email: (seed.primaryEmail ?? seed.emails[0])?.toLowerCase() },
      },
    });
    expect(res.data?.nobody).toBeNull();
    const lookups = (address: string) =>
      gw.sandbox.log
        .entries({ vendor: 'userhero', path: '/customers' })
        .filter((e) => e.query.email === address).length;
    expect(lookups(email)).toBe(1);
    expect(lookups('nobody.at.all@example.net')).toBe(1);
  });

  it('Customer.profile is null (no error) for a feedback author UserHero has no profile of', async () => {
    const known = new Set(
      [...gw.sandbox.seed.userhero.data.customers.values()].flatMap((c) => c.emails),
    );
    const stranger = seedFeedback(gw).find(
      (f) => f.userEmail && !known.has(f.userEmail.toLowerCase()),
    )?.userEmail as string;
    const res = await gw.query<{ feedback: { nodes: Json[] } }>(
      'query($email: String) { feedback(filter: { userEmail: $email }, first: 2) { nodes { customer { email profile { id } } } } }',
      { email: stranger },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.feedback.nodes.length).toBeGreaterThan(0);
    for (const node of res.data?.feedback.nodes ?? []) {
      expect(node.customer).toEqual({ email: stranger.toLowerCase(), profile: null });
    }
    expect(userheroCalls(gw, '/customers')).toBe(1);
  });

  it('lists the feedback sent from the email, newest first', async () => {
    const seed = [...gw.sandbox.seed.userhero.data.customers.values()].find(
      (c) => c.workspaceId === ws && c.feedbackCount > 5,
    ) as SeedCustomer;
    const email = seed.primaryEmail as string;
    const expected = seedFeedback(gw, (f) => f.userEmail?.toLowerCase() === email).map((f) => f.id);
    const one = await gw.query<{ customer: { feedback: Conn } }>(
      `{ customer(email: "${email}") { feedback(first: 3) { pageInfo { hasNextPage endCursor } nodes { feedbackId } } } }`,
    );
    const cursor = one.data?.customer.feedback.pageInfo.endCursor;
    const two = await gw.query<{ customer: { feedback: Conn } }>(
      `query($c: String) { customer(email: "${email}") { feedback(first: 50, after: $c) { nodes { feedbackId } } } }`,
      { c: cursor },
    );
    expect([
      ...(one.data?.customer.feedback.nodes ?? []),
      ...(two.data?.customer.feedback.nodes ?? []),
    ]).toEqual(expected.map((feedbackId) => ({ feedbackId })));
  });

  it("UserHeroCustomer.feedback merges the lists of all the customer's emails", async () => {
    const data = gw.sandbox.seed.userhero.data;
    const seed = [...data.customers.values()].find(
      (c) =>
        c.workspaceId === ws &&
        c.emails.length > 1 &&
        c.emails.every((e) => seedFeedback(gw, (f) => f.userEmail?.toLowerCase() === e).length > 0),
    ) as SeedCustomer;
    const expected = seedFeedback(gw, (f) =>
      seed.emails.includes(f.userEmail?.toLowerCase() ?? ''),
    );
    const query = `query($id: ID!, $after: String) { node(id: $id) { ... on UserHeroCustomer {
        feedback(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { feedbackId userEmail } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: { data?: { node: { feedback: Conn } } | null } = await gw.query<{
        node: { feedback: Conn };
      }>(query, { id: globalId('UserHeroCustomer', seed.id), after });
      const page = res.data?.node.feedback as Conn;
      seen.push(...page.nodes.map((n) => n.feedbackId as string));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null && seen.length <= expected.length);
    expect(seen).toEqual(expected.map((f) => f.id));
  });
});
