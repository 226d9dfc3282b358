import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import type { Customer as StoredCustomer } from '../../src/sandbox/userhero/model.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { globalId, mainWorkspace } from './userhero-fixtures.js';
import { data, expectRefused, received } from './userhero-mutations-fixtures.js';

// Customer profile writes: the documented bodies, 409 for a taken email, merges read back (UserHero
// answers a merge with counts only), and people queries that see the new state.

let gw: TestGateway;
let ws: string;
beforeAll(async () => {
  gw = await startTestGateway();
  ws = mainWorkspace(gw);
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.log.clear());

const CUSTOMER = `id customerId workspaceId name primaryEmail primaryPhone emails phones company tags
  feedbackCount notes customFields timezone language mergedCustomerIds
  socialHandles { platform handle accountId }`;
const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { ${CUSTOMER} } } }`;
const UPDATE = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { ${CUSTOMER} } } }`;
const DELETE = `mutation($id: ID!) { deleteCustomer(id: $id) { deletedId } }`;
const MERGE = `mutation($t: ID!, $s: ID!, $key: String) {
  mergeCustomers(targetId: $t, sourceId: $s, idempotencyKey: $key) {
    mergedSourceId mergedFeedbackCount customer { ${CUSTOMER} }
  }
}`;
const NODE = `query($id: ID!) { node(id: $id) { ... on UserHeroCustomer { ${CUSTOMER} } } }`;

interface CustomerOut {
  id: string;
  customerId: string;
  name: string | null;
  emails: string[];
  tags: string[];
  feedbackCount: number;
  mergedCustomerIds: string[] | null;
  [key: string]: unknown;
}

const customerId = (id: string) => encodeGlobalId('UserHeroCustomer', id);
const customersOf = (keep: (c: StoredCustomer) => boolean) =>
  [...data(gw).customers.values()].filter((c) => c.workspaceId === ws && keep(c));

describe('createCustomer', () => {
  it('creates a profile that the people queries find', async () => {
    const result = await gw.query<{ createCustomer: { customer: CustomerOut } }>(CREATE, {
      input: {
        name: 'Jane Smith',
        primaryEmail: 'Jane.Smith@Example.org',
        emails: ['jane@home.example'],
        company: 'Acme Inc',
        tags: ['enterprise', 'beta'],
        notes: 'Met at the conference',
      },
    });
    expect(result.errors, result.body).toEqual([]);
    const [post] = received(gw, 'POST');
    expect(post?.path).toBe('/customers');
    expect(post?.body).toEqual({
      workspaceId: ws,
      name: 'Jane Smith',
      company: 'Acme Inc',
      notes: 'Met at the conference',
      primaryEmail: 'Jane.Smith@Example.org',
      emails: ['jane@home.example'],
      tags: ['enterprise', 'beta'],
    });
    const customer = result.data!.createCustomer.customer;
    expect(customer).toMatchObject({
      id: customerId(customer.customerId),
      workspaceId: ws,
      name: 'Jane Smith',
      primaryEmail: 'jane.smith@example.org',
      emails: ['jane.smith@example.org', 'jane@home.example'],
      tags: ['enterprise', 'beta'],
      notes: 'Met at the conference',
      mergedCustomerIds: [],
    });
    expect(data(gw).customers.has(customer.customerId)).toBe(true);

    const person = await gw.query<{ customer: { profile: { id: string; name: string } } }>(
      `{ customer(email: "jane@home.example") { profile { id name } } }`,
    );
    expect(person.data?.customer.profile).toEqual({ id: customer.id, name: 'Jane Smith' });
  });

  it('answers VENDOR_CONFLICT for an email another customer has', async () => {
    const taken = customersOf((c) => c.primaryEmail !== null)[0]!;
    const result = await gw.query(CREATE, { input: { primaryEmail: taken.primaryEmail } });
    expectRefused(gw, result, 'VENDOR_CONFLICT', 'already exists');
  });

  it('replays a create with the same key and refuses the key with another body', async () => {
    const input = {
      name: 'Replay Person',
      primaryEmail: 'replay@example.net',
      idempotencyKey: 'cust-1',
    };
    const first = await gw.query<{ createCustomer: { customer: CustomerOut } }>(CREATE, { input });
    const second = await gw.query<{ createCustomer: { customer: CustomerOut } }>(CREATE, { input });
    expect(first.errors, first.body).toEqual([]);
    expect(second.data).toEqual(first.data);
    expect(customersOf((c) => c.name === 'Replay Person')).toHaveLength(1);
    const other = await gw.query(CREATE, { input: { ...input, name: 'Someone Else' } });
    expectRefused(gw, other, 'VENDOR_CONFLICT');
  });

  it('refuses malformed input before any call', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ primaryEmail: 'jane at example' }, 'input.primaryEmail', 'email address'],
      [{ emails: ['a@b.co', 'nope'] }, 'input.emails[1]', 'email address'],
      [{ tags: [''] }, 'input.tags[0]', 'must not be blank'],
      [{ workspaceId: ws }, 'input.workspaceId', 'Workspace id'],
    ];
    for (const [input, field, rule] of cases) {
      const error = expectRefused(
        gw,
        await gw.query(CREATE, { input }),
        'BAD_USER_INPUT',
        field,
        rule,
      );
      expect(error.extensions?.field).toBe(field);
    }
  });
});

describe('updateCustomer and deleteCustomer', () => {
  it('sends the documented fields and a later read shows them', async () => {
    const target = customersOf((c) => c.name !== null)[2]!;
    const id = customerId(target.id);
    const input = {
      id,
      name: 'Jane Smith-Rogers',
      tags: ['enterprise', 'beta', 'vip'],
      customFields: { plan: 'pro', accountManager: 'alex' },
      socialHandles: [{ platform: 'twitter', handle: '@jane' }],
      timezone: 'Europe/Berlin',
      language: 'pt-BR',
    };
    const result = await gw.query<{ updateCustomer: { customer: CustomerOut } }>(UPDATE, { input });
    expect(result.errors, result.body).toEqual([]);
    const [patch] = received(gw, 'PATCH');
    expect(patch?.path).toBe(`/customers/${target.id}`);
    const { id: _, ...body } = input;
    expect(patch?.body).toEqual(body);
    const customer = result.data!.updateCustomer.customer;
    expect(customer).toMatchObject({
      id,
      name: 'Jane Smith-Rogers',
      tags: ['enterprise', 'beta', 'vip'],
      customFields: { plan: 'pro', accountManager: 'alex' },
      socialHandles: [{ platform: 'twitter', handle: '@jane', accountId: null }],
      timezone: 'Europe/Berlin',
      language: 'pt-BR',
    });
    const later = await gw.query<{ node: CustomerOut }>(NODE, { id });
    expect(later.data?.node).toEqual(customer);
  });

  it('refuses malformed changes before any call', async () => {
    const id = customerId(customersOf(() => true)[0]!.id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ timezone: 'Mars/Olympus' }, 'input.timezone', 'IANA timezone'],
      [{ language: 'english!' }, 'input.language', 'language code'],
      [{ name: null }, 'input.name', 'cannot be null'],
      [{ customFields: [1] }, 'input.customFields', 'JSON object'],
      [
        { socialHandles: [{ platform: ' ', handle: 'x' }] },
        'input.socialHandles[0].platform',
        'blank',
      ],
      [{}, 'input', 'at least one field'],
    ];
    for (const [change, field, rule] of cases) {
      const result = await gw.query(UPDATE, { input: { id, ...change } });
      expect(expectRefused(gw, result, 'BAD_USER_INPUT', field, rule).extensions?.field).toBe(
        field,
      );
    }
    const wrongType = await gw.query(UPDATE, {
      input: { id: globalId('Feedback', ws, 'f'), name: 'x' },
    });
    expectRefused(gw, wrongType, 'BAD_USER_INPUT', 'UserHeroCustomer id', 'Feedback');
  });

  it('deletes a customer, which then no longer resolves', async () => {
    const victim = customersOf((c) => c.feedbackCount === 0 && c.primaryEmail !== null)[0]!;
    const id = customerId(victim.id);
    const result = await gw.query<{ deleteCustomer: { deletedId: string } }>(DELETE, { id });
    expect(result.errors, result.body).toEqual([]);
    expect(result.data?.deleteCustomer.deletedId).toBe(id);
    expect(received(gw, 'DELETE')[0]).toMatchObject({ path: `/customers/${victim.id}`, query: {} });
    expect((await gw.query<{ node: unknown }>(NODE, { id })).data?.node).toBeNull();
    const profile = await gw.query<{ customer: { profile: unknown } }>(
      `query($e: String!) { customer(email: $e) { profile { id } } }`,
      { e: victim.primaryEmail },
    );
    expect(profile.data?.customer.profile).toBeNull();
  });
});

describe('mergeCustomers', () => {
  it('merges the source into the target and reads the target back', async () => {
    const [target, source] = customersOf((c) => c.feedbackCount > 0 && c.emails.length > 0);
    const moved = [...data(gw).feedback.values()].filter((f) => f.customerId === source!.id).length;
    const sourceEmails = [...source!.emails];
    const result = await gw.query<{
      mergeCustomers: {
        mergedSourceId: string;
        mergedFeedbackCount: number;
        customer: CustomerOut;
      };
    }>(MERGE, { t: customerId(target!.id), s: customerId(source!.id), key: 'merge-1' });
    expect(result.errors, result.body).toEqual([]);
    const [post] = received(gw, 'POST');
    expect(post?.path).toBe(`/customers/${target!.id}/merge`);
    expect(post?.body).toEqual({ sourceCustomerId: source!.id });
    expect(post?.headers['idempotency-key']).toBe('merge-1');

    const merged = result.data!.mergeCustomers;
    expect(merged.mergedSourceId).toBe(customerId(source!.id));
    expect(merged.mergedFeedbackCount).toBe(moved);
    expect(merged.customer.id).toBe(customerId(target!.id));
    expect(merged.customer.mergedCustomerIds).toContain(source!.id);
    for (const email of sourceEmails) expect(merged.customer.emails).toContain(email);
    expect(received(gw, 'GET', `/customers/${target!.id}`)).toHaveLength(1);

    const gone = await gw.query<{ node: unknown }>(NODE, { id: customerId(source!.id) });
    expect(gone.data?.node).toBeNull();
  });

  it('refuses a customer merged into itself and ids of other types, before any call', async () => {
    const one = customerId(customersOf(() => true)[0]!.id);
    expectRefused(
      gw,
      await gw.query(MERGE, { t: one, s: one }),
      'BAD_USER_INPUT',
      'sourceId',
      'another customer',
    );
    const wrong = await gw.query(MERGE, { t: one, s: globalId('Project', ws, 'p') });
    expectRefused(gw, wrong, 'BAD_USER_INPUT', 'sourceId', 'UserHeroCustomer id');
    const missing = await gw.query(MERGE, { t: one, s: customerId('cust_missing') });
    expectRefused(gw, missing, 'VENDOR_NOT_FOUND');
  });
});
