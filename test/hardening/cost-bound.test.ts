import fc from 'fast-check';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { decodeGlobalId } from '../../src/global-id.js';
import { VENDOR_WEIGHTS } from '../../src/cost/rules.js';
import { analyzeOperation } from '../../src/http/cost.js';
import { createLogger } from '../../src/logger.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { schema } from '../../src/schema/index.js';
import { createGateway } from '../../src/server.js';
import { createServices } from '../../src/services.js';
import { startTestGateway } from '../support/gateway.js';
import { type Pools, poolsOf } from './cost-arguments.js';
import { documents, reached } from './cost-documents.js';

// The cost analysis refuses a query before it runs, so where it estimates less than a query then
// calls, the difference is calls an attacker gets past GRAPHQL_MAX_COST. Here random read-only
// documents run against the sandbox, each on fresh services (every cross-request cache, read-ahead
// window and breaker is new, as in a cold process), and the weighted calls the sandbox logged,
// reads ahead included, may never exceed the estimate.

const SEED = 20260917;
const RUNS = 150;
const ENV = {
  VENDOR_TIMEOUT_MS: '5000',
  USERHERO_RATE_LIMIT: '100000',
  EXPORT_CACHE_TTL_MS: '0',
  // Caps and limits that would cut a query's calls short would hide an estimate that is too low.
  VENDOR_CALL_CAP: '100000',
  GRAPHQL_MAX_COST: '2000',
  GRAPHQL_MAX_ALIASES: '1000',
  GRAPHQL_MAX_DEPTH: '30',
};

let sandbox: Sandbox;
let pools: Pools;
beforeAll(async () => {
  sandbox = await startSandbox({ userheroRateLimitPerMinute: 100_000 });
  pools = await poolsOf(sandbox.seed, async (query) => {
    const { body } = await run(query, { GRAPHQL_MAX_COST: '100000' });
    expect(body.errors ?? []).toEqual([]);
    return body.data;
  });
});
afterAll(() => sandbox.close());

interface Run {
  status: number;
  limited: boolean;
  made: number;
  byVendor: Record<string, number>;
  body: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

/** One request on services of its own; its calls counted once every read ahead has landed. */
async function run(query: string, env: Record<string, string> = {}): Promise<Run> {
  const config = loadConfig({ ...ENV, ...env, ...sandbox.env });
  const services = createServices(config, { logger: createLogger('silent'), sandbox: true });
  const gateway = createGateway(services);
  sandbox.log.clear();
  try {
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as Run['body'];
    await settled(services);
    const limited = (body.errors ?? []).some((e) => e.extensions?.code === 'LIMIT_EXCEEDED');
    const byVendor: Record<string, number> = {};
    let made = 0;
    for (const entry of sandbox.log.entries()) {
      byVendor[entry.vendor] = (byVendor[entry.vendor] ?? 0) + 1;
      made += VENDOR_WEIGHTS[entry.vendor];
    }
    return { status: response.status, limited, made, byVendor, body };
  } finally {
    await services.close();
  }
}

/** Reads ahead outlive their request: wait until no call is on the wire, twice in a row. */
async function settled(services: ReturnType<typeof createServices>): Promise<void> {
  let quiet = 0;
  while (quiet < 2) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const busy = services.enabledVendors().some((v) => (services.guards(v)?.inFlight ?? 0) > 0);
    quiet = busy ? 0 : quiet + 1;
  }
}

/** The weighted calls of one document and its estimate. */
async function measured(query: string) {
  const estimated = analyzeOperation(schema, parse(query), null, {}).cost;
  return { estimated, ...(await run(query)) };
}

describe('cost analysis bounds the calls a query makes', () => {
  it('estimates at least the weighted vendor calls of random read documents, cold caches', async () => {
    const seen = { documents: 0, invalid: 0, limited: 0, calling: 0, calls: 0 };
    const roots = new Set<string>();
    const coordinates = new Set<string>();
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(documents(schema, pools), async (query) => {
        seen.documents += 1;
        const document = parse(query);
        // A field conflict between fragments on different node types now and then.
        if (validate(schema, document).length > 0) {
          seen.invalid += 1;
          return;
        }
        const result = await measured(query);
        expect(result.status, query).toBeLessThan(500);
        if (result.limited) {
          seen.limited += 1;
          return;
        }
        for (const c of reached(schema, document)) {
          coordinates.add(c);
          if (c.startsWith('Query.')) roots.add(c);
        }
        if (result.made > 0) seen.calling += 1;
        seen.calls += result.made;
        const vendors = JSON.stringify(result.byVendor);
        expect(
          result.made,
          `${query}\ncalls ${vendors}, estimated ${result.estimated}`,
        ).toBeLessThanOrEqual(result.estimated);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    const ms = Date.now() - started;
    console.info(
      `cost bound: ${JSON.stringify(seen)}, ${roots.size} root fields, ${coordinates.size} fields, ${ms} ms`,
    );
    // Not vacuous: nearly every document was valid and ran, most called vendors, and every
    // root field of the read schema was asked.
    const valid = seen.documents - seen.invalid;
    expect(valid).toBeGreaterThanOrEqual(0.9 * seen.documents);
    expect(valid - seen.limited).toBeGreaterThanOrEqual(0.9 * valid);
    expect(seen.calling).toBeGreaterThanOrEqual(0.7 * (valid - seen.limited));
    expect([...roots].sort()).toEqual(
      Object.keys(schema.getQueryType()!.getFields())
        .map((name) => `Query.${name}`)
        .sort(),
    );
  }, 120_000);

  // Reads the estimate once costed below what they call; each is now within it.
  const idsOf = (typename: string) =>
    pools.ids.filter((id) => {
      try {
        return decodeGlobalId(id).typename === typename;
      } catch {
        return false;
      }
    });
  const person = () => pools.emails[0];
  const range = (days: number, endsAgo = 0) => {
    const day = (n: number) => new Date(pools.now - n * 86_400_000).toISOString().slice(0, 10);
    return `{ from: "${day(endsAgo + days - 1)}", to: "${day(endsAgo)}" }`;
  };
  it.each([
    [
      'a person no vendor knows: UserHero, then the NPS and survey exports',
      () => '{ customer(email: "nobody@example.com") { email } }',
    ],
    [
      "a person's name and company: UserHero's profile",
      () => `{ customer(email: "${person()}") { name company } }`,
    ],
    [
      "a person's NPS: the three vendors' range exports",
      () =>
        `{ customer(email: "${person()}") { latestNps { score } npsResponses(first: 2) { nodes { score } } } }`,
    ],
    [
      "people's survey answers: UserLoop's and Userlane's exports",
      () => '{ customers(first: 3) { nodes { surveyResponses(first: 1) { nodes { score } } } } }',
    ],
    [
      'an NPS summary of ten years',
      () => `{ npsSummary(filter: { range: ${range(3650)} }) { score } }`,
    ],
    [
      "the NPS feed: UserLoop's NPS questions, each a stream",
      () => '{ npsResponses(first: 3) { nodes { score customer { email } } } }',
    ],
    [
      'the NPS feed filtered by category and comment: scans',
      () =>
        '{ npsResponses(first: 3, filter: { categories: [DETRACTOR], hasComment: true }) { nodes { score } } }',
    ],
    [
      'the NPS feed over a past range: scans past newer answers, reading ahead',
      () => `{ npsResponses(first: 1, filter: { range: ${range(2, 2000)} }) { nodes { score } } }`,
    ],
    [
      'a page of 199 answers and the windows read ahead of it',
      () => '{ npsResponses(first: 199) { nodes { score } } }',
    ],
    [
      "surveys' questions: one metadata read per survey",
      () => '{ surveys(first: 10) { nodes { questions { id } } } }',
    ],
    [
      'survey answers filtered by score: scanned by the gateway',
      () => '{ surveys(first: 3) { nodes { responses(first: 2, scores: [1]) { nodes { id } } } } }',
    ],
    [
      'custom field labels: the project list',
      () => '{ feedback(first: 3) { nodes { customFields { label definition { label } } } } }',
    ],
    [
      'full UserHero profiles: Get Customer each',
      () => '{ userheroCustomers(first: 3) { nodes { notes timezone workspace { name } } } }',
    ],
    [
      'whole-range tag and task walks',
      () => `{ tags(range: ${range(3650)}) { tagId } tasks(range: ${range(3650)}) { taskId } }`,
    ],
    [
      'tag interactions and task activity of one tag or task: scans',
      () =>
        `{ tagInteractions(first: 1, range: ${range(3650)}, tagIds: ["nope"]) { nodes { count } }
         taskActivity(first: 1, range: ${range(3650)}, taskIds: ["99999"]) { nodes { date } } }`,
    ],
    [
      "every task's funnel: a walk through its actions",
      () => `{ tasks(range: ${range(3650)}) { funnel(range: ${range(30)}) { sessions } } }`,
    ],
    [
      'feedback of customers with several addresses: one list per address',
      () => `{ nodes(ids: ${JSON.stringify(idsOf('UserHeroCustomer'))}) {
        ... on UserHeroCustomer { feedback(first: 3) { nodes { id } } } } }`,
    ],
    [
      'runs of automations, up to 50 each, with their feedback',
      () => `{ nodes(ids: ${JSON.stringify(idsOf('Automation'))}) {
        ... on Automation { runs { feedback { id } automation { name } } } } }`,
    ],
  ])('bounds %s', async (_what, query) => {
    const result = await measured(query());
    expect(result.limited).toBe(false);
    expect(result.made).toBeGreaterThan(0);
    expect(result.made).toBeLessThanOrEqual(result.estimated);
  });
});

describe('the cost of a document is kept per variables', () => {
  it('keys a cached cost on every variable the arguments use, filters included', async () => {
    const gw = await startTestGateway({ env: { GRAPHQL_MAX_COST: '10' } });
    try {
      const query =
        'query($f: NpsFilter) { npsResponses(first: 1, filter: $f) { nodes { score } } }';
      const planhat = await gw.query(query, { f: { sources: ['PLANHAT'] } });
      expect(planhat.errors).toEqual([]);
      // The same text, now over every source: UserLoop's catalog alone is more than 10.
      const every = await gw.query(query, { f: {} });
      expect(every.errors[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'cost' });
    } finally {
      await gw.close();
    }
  });
});
