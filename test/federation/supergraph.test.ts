import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBillingSubgraph, type Invoice } from '../../examples/billing/subgraph.js';
import { createHttpServer } from '../../src/http/node-server.js';
import { billingSubgraph, compose, gatewaySubgraph } from '../../scripts/supergraph-compose.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// End to end: Hive Gateway (its runtime, in-process) serves the supergraph composed from this
// gateway (a real server, on the sandbox, behind an API key) and the example billing subgraph;
// invoices are joined to the gateway's people by email and to its feedback by id.

const ROUTER_KEY = 'router-read-key-0123456789';

let gw: TestGateway;
let feedbackServer: Server;
let billingServer: Server;
/** Requests the gateway's server received (what the router sent it). */
let gatewayRequests = 0;
let invoices: Invoice[];
let feedbackIds: string[];
let emails: string[];
let supergraphSdl: string;

async function listenOn(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A Hive Gateway over the composed supergraph; `key` is what it sends the feedback gateway. */
function hive(key: string | null) {
  return createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    maskedErrors: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ subgraphName }) =>
        subgraphName === 'feedback' && key ? { authorization: `Bearer ${key}` } : {},
    },
  });
}

async function ask<T>(runtime: ReturnType<typeof hive>, query: string) {
  const response = await runtime.fetch('http://router.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

beforeAll(async () => {
  gw = await startTestGateway({ env: { GATEWAY_API_KEYS: `router:${ROUTER_KEY}:read` } });
  const seed = await gw.query<{
    customers: { nodes: { email: string }[] };
    feedback: { nodes: { id: string }[] };
  }>(
    '{ customers(first: 20) { nodes { email } } feedback(first: 3) { nodes { id } } }',
    undefined,
    {
      authorization: `Bearer ${ROUTER_KEY}`,
    },
  );
  expect(seed.errors).toEqual([]);
  emails = seed.data!.customers.nodes.map((c) => c.email);
  feedbackIds = seed.data!.feedback.nodes.map((f) => f.id);
  expect(emails).toHaveLength(20);
  expect(feedbackIds.length).toBeGreaterThan(0);
  // 30 invoices over the 20 people: ten of them billed twice.
  invoices = Array.from({ length: 30 }, (_, i) => ({
    id: `inv_${i + 1}`,
    amount: 100 + i,
    currency: 'EUR',
    customerEmail: emails[i % 20]!,
    ...(i < feedbackIds.length ? { disputeId: feedbackIds[i] } : {}),
  }));

  const front = gw.yoga as unknown as Parameters<typeof createHttpServer>[0];
  feedbackServer = createHttpServer(
    (req, res) => {
      gatewayRequests += 1;
      front(req, res);
    },
    { requestDeadlineMs: gw.services.config.requestDeadlineMs },
  );
  billingServer = createServer(createBillingSubgraph(invoices));
  const [feedbackUrl, billingUrl] = await Promise.all([
    listenOn(feedbackServer),
    listenOn(billingServer),
  ]);
  const composed = compose('guild', [gatewaySubgraph(feedbackUrl), billingSubgraph(billingUrl)]);
  expect(composed.errors).toEqual([]);
  supergraphSdl = (composed as { supergraphSdl: string }).supergraphSdl;
});
beforeEach(() => {
  gw.sandbox.log.clear();
  gatewayRequests = 0;
});
afterAll(async () => {
  await Promise.all([close(feedbackServer), close(billingServer)]);
  await gw.close();
});

type Joined = {
  invoices: {
    amount: number;
    customer: { email: string; name: string | null; latestNps: { score: number } | null };
  }[];
};

const JOINED = '{ invoices { amount customer { email name latestNps { score } } } }';

describe('the gateway in a supergraph served by Hive Gateway', () => {
  it('joins invoices to people by email, resolving all of them in one batched fetch', async () => {
    // What the gateway itself says of these people, asked directly.
    const direct = await gw.query<{ _entities: Joined['invoices'][number]['customer'][] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Customer { email name latestNps { score } } } }`,
      { r: emails.map((email) => ({ __typename: 'Customer', email })) },
      { authorization: `Bearer ${ROUTER_KEY}` },
    );
    expect(direct.errors).toEqual([]);
    const byEmail = new Map(direct.data!._entities.map((c) => [c.email, c]));
    const singleCalls = gw.sandbox.log.count();
    gw.sandbox.log.clear();
    gatewayRequests = 0;

    const runtime = hive(ROUTER_KEY);
    try {
      const res = await ask<Joined>(runtime, JOINED);
      expect(res.errors ?? []).toEqual([]);
      const got = res.data!.invoices;
      expect(got).toHaveLength(30);
      expect(got.map((i) => i.amount)).toEqual(invoices.map((i) => i.amount));
      expect(got.map((i) => i.customer.email)).toEqual(invoices.map((i) => i.customerEmail));
      for (const invoice of got)
        expect(invoice.customer).toEqual(byEmail.get(invoice.customer.email));
      expect(got.filter((i) => i.customer.name !== null).length).toBeGreaterThan(0);
      expect(got.filter((i) => i.customer.latestNps !== null).length).toBeGreaterThan(0);
      // One `_entities` request for the 30 invoices' people...
      expect(gatewayRequests).toBe(1);
      // ...whose vendor calls are at most those of the 20 people asked at once (metadata the first
      // request read is cached): one UserHero lookup per distinct email at most, the NPS exports
      // once, whatever the number of invoices.
      expect(gw.sandbox.log.count({ vendor: 'userhero', path: '/customers' })).toBeLessThanOrEqual(
        20,
      );
      const calls = gw.sandbox.log
        .entries()
        .map((e) => `${e.vendor} ${e.path} ${JSON.stringify(e.query)}`);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.length).toBeLessThanOrEqual(singleCalls);
      // Nothing read twice: thirty invoices' people cost no call twice.
      expect(calls.filter((c, i) => calls.indexOf(c) !== i)).toEqual([]);
    } finally {
      await runtime.dispose();
    }
  });

  it('resolves the feedback an invoice references by its global id', async () => {
    const runtime = hive(ROUTER_KEY);
    try {
      const res = await ask<{
        invoices: { id: string; dispute: { id: string; feedbackId: string } | null }[];
      }>(runtime, '{ invoices { id dispute { id feedbackId } } }');
      expect(res.errors ?? []).toEqual([]);
      const disputed = res.data!.invoices.filter((i) => i.dispute !== null);
      expect(disputed.map((i) => i.dispute!.id)).toEqual(feedbackIds);
      for (const invoice of disputed) expect(invoice.dispute!.feedbackId).toMatch(/\S/);
      expect(gatewayRequests).toBe(1);
    } finally {
      await runtime.dispose();
    }
  });

  it('keeps an invoice of a person no vendor knows, with null gateway fields and the error', async () => {
    invoices.push({ id: 'inv_x', amount: 7, currency: 'EUR', customerEmail: 'ghost@nowhere.test' });
    const runtime = hive(ROUTER_KEY);
    try {
      const res = await ask<Joined>(runtime, JOINED);
      const got = res.data!.invoices;
      expect(got).toHaveLength(31);
      expect(got[30]).toEqual({
        amount: 7,
        customer: { email: 'ghost@nowhere.test', name: null, latestNps: null },
      });
      expect(got.slice(0, 30).every((i) => i.customer.email !== 'ghost@nowhere.test')).toBe(true);
      expect(res.errors?.length).toBeGreaterThan(0);
      expect(new Set(res.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['NOT_FOUND']));
    } finally {
      invoices.pop();
      await runtime.dispose();
    }
  });

  it("applies the gateway's API keys to the router's entity fetches", async () => {
    const runtime = hive(null);
    try {
      const res = await ask<Joined>(runtime, JOINED);
      expect(res.errors?.length ?? 0).toBeGreaterThan(0);
      expect(new Set(res.errors!.map((e) => e.extensions?.code))).toEqual(
        new Set(['UNAUTHENTICATED']),
      );
      expect(gw.sandbox.log.count()).toBe(0);
    } finally {
      await runtime.dispose();
    }
  });
});
