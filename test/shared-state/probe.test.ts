// One half-open probe for every replica (REDIS_URL), against a real Redis: three gateways in this
// process, each with its own Redis connections, over one sandbox (the same vendor accounts, one
// request log). After an open circuit's cool-down the sandbox must see exactly one call, whatever
// the number of replicas and of requests they get; its outcome then holds for all of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResult, startTestGateway, type TestGateway } from '../support/gateway.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const COOLDOWN_MS = 600;
let redis: TestRedis;
let gateways: TestGateway[] = [];

beforeAll(async () => {
  redis = await testRedis();
  const env = {
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.prefix(),
    BREAKER_FAILURES: '2',
    BREAKER_COOLDOWN_MS: String(COOLDOWN_MS),
  };
  const first = await startTestGateway({ env });
  const others = await Promise.all(
    [1, 2].map(() => startTestGateway({ env, over: first.sandbox })),
  );
  gateways = [first, ...others];
  await Promise.all(gateways.map((g) => g.services.shared.ready(5000)));
  for (const g of gateways) expect(g.services.shared.mode).toBe('SHARED');
});
afterAll(async () => {
  // The first gateway owns the sandbox: it closes last.
  for (const g of [...gateways].reverse()) await g.close();
  await redis?.close();
});

const PLANHAT = '{ npsResponses(filter: { sources: [PLANHAT] }, first: 3) { nodes { id } } }';
type Nps = { npsResponses: { nodes: { id: string }[] } | null };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sandbox = () => gateways[0]!.sandbox;
const planhatCalls = () => sandbox().log.count({ vendor: 'planhat' });
const circuits = () => gateways.map((g) => g.services.guards('planhat')?.circuit);

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    expect(Date.now()).toBeLessThan(deadline);
    await sleep(10);
  }
}

/** Planhat fails until the circuit of the first replica opens; the others learn it. */
async function openEverywhere(): Promise<string> {
  const fault = sandbox().faults.inject({ vendor: 'planhat', status: 500 });
  while (gateways[0]!.services.guards('planhat')?.circuit !== 'OPEN') {
    await gateways[0]!.query(PLANHAT);
  }
  await until(() => circuits().every((c) => c === 'OPEN'));
  return fault;
}

/** Three requests through each replica at once. */
const burst = () =>
  Promise.all(gateways.flatMap((g) => [1, 2, 3].map(() => g.query<Nps>(PLANHAT))));

const refusedFast = (results: GraphQLResult<Nps>[]) =>
  results.filter(
    (r) =>
      r.errors[0]?.extensions?.code === 'VENDOR_UNAVAILABLE' &&
      r.errors[0]?.extensions?.circuit === 'OPEN',
  );

describe('one half-open probe for all replicas', () => {
  it('after the cool-down one replica sends the probe; the others fail fast until its success closes every circuit', async () => {
    const fault = await openEverywhere();
    sandbox().faults.remove(fault);
    // Planhat is back, but answers the probe slowly: the others must not call meanwhile.
    sandbox().faults.inject({ vendor: 'planhat', latencyMs: 400, times: 1 });
    await sleep(COOLDOWN_MS + 50);
    sandbox().log.clear();
    const probing = burst();
    await sleep(150);
    // While the probe is out, the other replicas still refuse at once, without a call.
    const meanwhile = await Promise.all(gateways.map((g) => g.query<Nps>(PLANHAT)));
    const results = await probing;
    expect(planhatCalls()).toBe(1);
    const answered = results.filter((r) => r.errors.length === 0);
    expect(answered).toHaveLength(1);
    expect(answered[0]!.data!.npsResponses!.nodes.length).toBeGreaterThan(0);
    expect(refusedFast(results)).toHaveLength(8);
    expect(refusedFast(meanwhile)).toHaveLength(3);

    // The probe's success is every replica's.
    await until(() => circuits().every((c) => c === 'CLOSED'));
    sandbox().log.clear();
    const after = await Promise.all(gateways.map((g) => g.query<Nps>(PLANHAT)));
    for (const r of after) {
      expect(r.errors).toEqual([]);
      expect(r.data!.npsResponses!.nodes.length).toBeGreaterThan(0);
    }
    expect(planhatCalls()).toBe(3);
  });

  it("a failed probe re-opens every replica's circuit, and the next cool-down again sends one probe", async () => {
    const fault = await openEverywhere();
    await sleep(COOLDOWN_MS + 50);
    sandbox().log.clear();
    const first = await burst();
    expect(planhatCalls()).toBe(1);
    // The eight others refused without a call; the probe's own request fails too (its retry is
    // refused by the circuit the probe re-opened, and says so).
    expect(first.every((r) => r.errors[0]?.extensions?.code === 'VENDOR_UNAVAILABLE')).toBe(true);
    expect(refusedFast(first).length).toBeGreaterThanOrEqual(8);
    // Open again everywhere, for a whole new cool-down: nothing is sent before it ends.
    await sleep(50);
    expect(circuits()).toEqual(['OPEN', 'OPEN', 'OPEN']);
    const early = await burst();
    expect(refusedFast(early)).toHaveLength(9);
    expect(planhatCalls()).toBe(1);

    sandbox().faults.remove(fault);
    await sleep(COOLDOWN_MS);
    sandbox().log.clear();
    const second = await burst();
    expect(planhatCalls()).toBe(1);
    expect(second.filter((r) => r.errors.length === 0)).toHaveLength(1);
    await until(() => circuits().every((c) => c === 'CLOSED'));
  });
});
