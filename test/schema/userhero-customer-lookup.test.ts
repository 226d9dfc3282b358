import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// Query.userheroCustomer: UserHero's exact lookup by email, phone or both (docs: "Lookup mode").

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const LOOKUP = `query($email: String, $phone: String) {
  userheroCustomer(email: $email, phone: $phone) { customerId emails }
}`;
type Found = { userheroCustomer: { customerId: string; emails: string[] } | null };

function seeded() {
  const ws = gw.sandbox.seed.userhero.workspaceId;
  return [...gw.sandbox.seed.userhero.data.customers.values()].filter(
    (c) => c.workspaceId === ws && c.phones.length > 0 && c.emails.length > 0,
  );
}

describe('Query.userheroCustomer', () => {
  it('finds a customer by phone alone, and by email and phone together', async () => {
    const [customer] = seeded();
    expect(customer).toBeDefined();
    const byPhone = await gw.query<Found>(LOOKUP, { phone: customer!.phones[0] });
    expect(byPhone.errors).toEqual([]);
    expect(byPhone.data?.userheroCustomer?.customerId).toBe(customer!.id);
    const both = await gw.query<Found>(LOOKUP, {
      email: customer!.emails[0],
      phone: customer!.phones[0],
    });
    expect(both.errors).toEqual([]);
    expect(both.data?.userheroCustomer?.customerId).toBe(customer!.id);
    const calls = gw.sandbox.log.entries({ vendor: 'userhero', path: '/customers' });
    expect(calls.map((c) => c.query.phone)).toEqual([customer!.phones[0], customer!.phones[0]]);
    expect(calls[1]?.query.email).toBe(customer!.emails[0]!.toLowerCase());
  });

  it('answers VENDOR_CONFLICT when email and phone name different customers', async () => {
    const [a, b] = seeded();
    expect(b).toBeDefined();
    const res = await gw.query<Found>(LOOKUP, { email: a!.emails[0], phone: b!.phones[0] });
    expect(res.data?.userheroCustomer).toBeNull();
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'VENDOR_CONFLICT',
      vendor: 'USERHERO',
      status: 409,
    });
  });

  it('is null for a phone nobody has, and refuses neither identifier before any call', async () => {
    const none = await gw.query<Found>(LOOKUP, { phone: '+10000000000' });
    expect(none.errors).toEqual([]);
    expect(none.data?.userheroCustomer).toBeNull();
    gw.sandbox.log.clear();
    const neither = await gw.query<Found>(LOOKUP, {});
    expect(neither.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gw.sandbox.log.entries({ vendor: 'userhero', path: '/customers' })).toHaveLength(0);
  });
});
