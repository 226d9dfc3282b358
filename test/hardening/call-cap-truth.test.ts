import { print } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Customer360Document } from '../../schema/generated/graphql.js';
import type { GraphQLResult, TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { expectNoSecrets, WORKSPACES } from './support.js';

// VENDOR_CALL_CAP counts retries. When a vendor keeps failing, its retries spend the request's
// calls; the calls refused then must name the vendor's failure, not ask for fewer items.

let stock: TestGateway;
let noBreaker: TestGateway;
let small: TestGateway;
let tiny: TestGateway;
const all = () => [stock, noBreaker, small, tiny];
const bodies = new Map<TestGateway, string[]>();

beforeAll(async () => {
  [stock, noBreaker, small, tiny] = await Promise.all([
    startTestGateway(),
    // Without the circuit opening, every refusal of the request is the cap's.
    startTestGateway({ env: { BREAKER_FAILURES: '10000' } }),
    startTestGateway({ env: { VENDOR_CALL_CAP: '5' } }),
    startTestGateway({ env: { VENDOR_CALL_CAP: '2' } }),
  ]);
});
afterEach(() => {
  for (const gw of all()) {
    gw.sandbox.faults.clear();
    gw.sandbox.log.clear();
  }
});
afterAll(async () => {
  for (const gw of all()) expectNoSecrets(gw, bodies.get(gw) ?? []);
  await Promise.all(all().map((gw) => gw.close()));
});

async function customer360(gw: TestGateway, first: number) {
  const res = await gw.query(print(Customer360Document), { first });
  bodies.set(gw, [...(bodies.get(gw) ?? []), res.body]);
  return res;
}

const feedbackErrors = (res: GraphQLResult<unknown>) =>
  res.errors.filter((e) => e.path?.at(-1) === 'feedback');
const userheroCalls = (gw: TestGateway, path?: string) =>
  gw.sandbox.log.count({ vendor: 'userhero', ...(path ? { path } : {}) });

describe('a call cap reached because UserHero keeps failing', () => {
  it.each([
    ['stock settings', () => stock, undefined],
    // Every call the cap allows is sent, and all of them but the customer list fail.
    ['a circuit that never opens', () => noBreaker, 50],
  ])(
    'names the 500 on every customer whose feedback failed, none says VENDOR_CALL_CAP_EXCEEDED (%s)',
    async (_settings, gateway, calls) => {
      const gw = gateway();
      gw.sandbox.faults.inject({ vendor: 'userhero', path: '/feedback', status: 500 });
      const res = await customer360(gw, 20);
      const errors = feedbackErrors(res);
      expect(errors).toHaveLength(20);
      for (const error of errors) {
        expect(error.extensions).toMatchObject({
          code: 'VENDOR_UNAVAILABLE',
          vendor: 'USERHERO',
          operation: 'feedback.list',
        });
        expect(error.message).not.toMatch(/ask for fewer/);
        // The vendor's 500, or the circuit its failures opened.
        expect(error.extensions?.status === 500 || error.extensions?.circuit === 'OPEN').toBe(true);
      }
      expect(res.errors.filter((e) => e.extensions?.code === 'VENDOR_CALL_CAP_EXCEEDED')).toEqual(
        [],
      );
      // The other fields of the customers stand.
      const nodes = (res.data as { customers: { nodes: { email: string }[] } }).customers.nodes;
      expect(nodes).toHaveLength(20);
      expect(userheroCalls(gw, '/customers')).toBe(1);
      expect(userheroCalls(gw)).toBeLessThanOrEqual(50);
      if (calls !== undefined) expect(userheroCalls(gw)).toBe(calls);
    },
  );

  it('refuses the calls after failures that spent the cap with their code and status, saying so', async () => {
    // The customer list is slow: by its answer, workspaces' three failed attempts and the list
    // have spent 4 of the 5 calls, and the customers' feedback calls come after them.
    small.sandbox.faults.inject({ vendor: 'userhero', path: '/customers', latencyMs: 800 });
    small.sandbox.faults.inject({ vendor: 'userhero', path: '/workspaces', status: 500 });
    const res = await small.query(
      `{ ${WORKSPACES} customers(first: 20) { nodes { email feedback(first: 5) { nodes { ticketNumber } } } } }`,
    );
    bodies.set(small, [...(bodies.get(small) ?? []), res.body]);
    expect(userheroCalls(small, '/workspaces')).toBe(3);
    expect(userheroCalls(small, '/customers')).toBe(1);
    expect(userheroCalls(small, '/feedback')).toBe(1);
    expect(res.errors.find((e) => e.path?.[0] === 'workspaces')?.extensions).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      status: 500,
    });
    const refused = feedbackErrors(res);
    expect(refused).toHaveLength(19);
    for (const error of refused) {
      expect(error.extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        vendor: 'USERHERO',
        status: 500,
        operation: 'feedback.list',
      });
      expect(error.message).toMatch(
        /^UserHero feedback\.list was not sent: UserHero failed 3 of the 5 calls this request made, retries included, which reached its limit \(VENDOR_CALL_CAP\); the latest failure: UserHero workspaces\.list answered HTTP 500/,
      );
    }
  });

  it('reports the failed attempt, not the cap, when the cap refuses its retry', async () => {
    tiny.sandbox.faults.inject({ vendor: 'userhero', path: '/workspaces', status: 503 });
    const res = await tiny.query(`{ ${WORKSPACES} }`);
    bodies.set(tiny, [...(bodies.get(tiny) ?? []), res.body]);
    expect(userheroCalls(tiny, '/workspaces')).toBe(2);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({
      path: ['workspaces'],
      message: expect.stringMatching(/^UserHero workspaces\.list answered HTTP 503/),
      extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'USERHERO', status: 503 },
    });
  });
});

describe('a call cap reached by the size of the request', () => {
  it('keeps VENDOR_CALL_CAP_EXCEEDED, "ask for fewer items", for a healthy vendor', async () => {
    const res = await customer360(small, 20);
    expect(userheroCalls(small)).toBe(5);
    expect(userheroCalls(small, '/feedback')).toBe(4);
    const capped = feedbackErrors(res);
    expect(capped).toHaveLength(16);
    for (const error of capped) {
      expect(error.extensions).toMatchObject({
        code: 'VENDOR_CALL_CAP_EXCEEDED',
        vendor: 'USERHERO',
      });
      expect(error.message).toBe(
        'UserHero feedback.list was not sent: this request already made 5 UserHero calls, its limit (VENDOR_CALL_CAP); ask for fewer items or fewer fields',
      );
    }
  });

  it('keeps the cap code for calls refused while the one failed call was out, and for its retry the 500', async () => {
    small.sandbox.faults.inject({ vendor: 'userhero', path: '/feedback', status: 500, times: 1 });
    const res = await customer360(small, 20);
    expect(userheroCalls(small)).toBe(5);
    const failed = small.sandbox.log
      .entries({ vendor: 'userhero' })
      .filter((e) => e.status === 500);
    expect(failed).toHaveLength(1);
    const errors = feedbackErrors(res);
    // The call that failed could not be retried within the cap: it reports its own 500.
    const own = errors.filter((e) => e.extensions?.code === 'VENDOR_UNAVAILABLE');
    expect(own).toHaveLength(1);
    expect(own[0]?.extensions).toMatchObject({ status: 500 });
    expect(own[0]?.message).toMatch(/^UserHero feedback\.list answered HTTP 500/);
    const capped = errors.filter((e) => e.extensions?.code === 'VENDOR_CALL_CAP_EXCEEDED');
    expect(capped).toHaveLength(16);
    for (const error of capped) expect(error.message).toMatch(/ask for fewer items/);
  });

  it('keeps the cap code when failures were the exception, and says how many failed', async () => {
    small.sandbox.faults.inject({ vendor: 'userhero', path: '/customers', latencyMs: 800 });
    small.sandbox.faults.inject({ vendor: 'userhero', path: '/workspaces', status: 500, times: 1 });
    const res = await small.query(
      `{ ${WORKSPACES} customers(first: 20) { nodes { email feedback(first: 5) { nodes { ticketNumber } } } } }`,
    );
    bodies.set(small, [...(bodies.get(small) ?? []), res.body]);
    expect(userheroCalls(small)).toBe(5);
    expect(userheroCalls(small, '/workspaces')).toBe(2);
    expect(res.errors.filter((e) => e.path?.[0] === 'workspaces')).toEqual([]);
    const capped = feedbackErrors(res);
    expect(capped).toHaveLength(18);
    for (const error of capped) {
      expect(error.extensions).toMatchObject({ code: 'VENDOR_CALL_CAP_EXCEEDED' });
      expect(error.message).toMatch(
        /its limit \(VENDOR_CALL_CAP\) \(1 of them failed, the latest: UserHero workspaces\.list answered HTTP 500.*\); ask for fewer items or fewer fields$/,
      );
    }
  });
});
