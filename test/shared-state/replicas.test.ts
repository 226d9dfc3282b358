// Three gateway processes over one sandbox process and one Redis (our own redis-server, since
// the test kills it): what several replicas behind a load balancer must share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GatewayProc,
  post,
  type SandboxProc,
  startGatewayProcess,
  startSandboxProcess,
} from '../support/processes.js';
import { ownRedis, type TestRedis } from '../support/redis.js';

interface LoggedCall {
  query: Record<string, unknown>;
  vendor: string;
  method: string;
  path: string;
  status: number;
}

let redis: TestRedis;
let sandbox: SandboxProc;
let gateways: GatewayProc[] = [];

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sandbox.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};
const callsSince = async (seq: number, vendor?: string): Promise<LoggedCall[]> => {
  const query = vendor ? `&vendor=${vendor}` : '';
  return (await control('GET', `/__sandbox/log?since=${seq}${query}`)).entries as LoggedCall[];
};
const lastSeq = async () =>
  (await control('GET', `/__sandbox/log?since=${Number.MAX_SAFE_INTEGER}`)).lastSeq as number;

const FEEDBACK = '{ feedback(first: 5) { nodes { id } } }';
const SUMMARY = '{ npsSummary(filter: { sources: [PLANHAT] }) { responses } }';
const VENDORS = '{ vendors { source sharing sharingError budgetRemaining } }';

const sharingOf = async (url: string) => {
  const res = await post<{ vendors: { source: string; sharing: string }[] }>(url, VENDORS);
  return res.data?.vendors.find((v) => v.source === 'USERHERO')?.sharing;
};

beforeAll(async () => {
  redis = await ownRedis();
  sandbox = await startSandboxProcess(['--userhero-rate-limit=100']);
  const env = {
    ...sandbox.env,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.prefix(),
    REPLICAS: '3',
    USERHERO_RATE_LIMIT: '100',
    EXPORT_CACHE_TTL_MS: '60000',
    REQUEST_DEADLINE_MS: '4000',
    LOG_LEVEL: 'warn',
  };
  gateways = await Promise.all([1, 2, 3].map(() => startGatewayProcess(env)));
}, 300_000);

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await sandbox?.stop();
  await redis?.close();
});

describe('three replicas sharing through Redis', () => {
  it('a burst through all three spends UserHero’s 100 a minute once, meeting no 429', async () => {
    for (const g of gateways) expect(await sharingOf(g.url)).toBe('SHARED');
    const since = await lastSeq();
    // 150 requests of one UserHero call each, 50 through each replica, all at once.
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) => post(gateways[i % 3]!.url, FEEDBACK)),
    );
    const calls = (await callsSince(since, 'userhero')).filter((c) => c.path.includes('feedback'));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    // Exactly the shared budget: not 3 × 100 (each replica its own), not 3 × 33 (each its share).
    const codes = results.flatMap((r) => r.errors.map((e) => String(e.extensions?.code)));
    expect(calls, `vendor calls, with the answers' error codes ${codes.join(' ')}`).toHaveLength(
      100,
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const answered = results.filter((r) => r.errors.length === 0);
    const refused = results.filter((r) =>
      r.errors.some((e) => e.extensions?.code === 'VENDOR_RATE_LIMITED'),
    );
    expect(answered).toHaveLength(100);
    expect(refused).toHaveLength(50);
    // Every replica shows the shared count: nothing left.
    for (const g of gateways) {
      const res = await post<{ vendors: { source: string; budgetRemaining: number | null }[] }>(
        g.url,
        VENDORS,
      );
      expect(res.data!.vendors.find((v) => v.source === 'USERHERO')?.budgetRemaining).toBe(0);
    }
    // Every replica took part.
    for (let i = 0; i < 3; i++) {
      expect(results.filter((r, j) => j % 3 === i && r.errors.length === 0).length).toBeGreaterThan(
        0,
      );
    }
  }, 60_000);

  it('one range export read serves all three replicas', async () => {
    const since = await lastSeq();
    const first = await post<{ npsSummary: { responses: number } }>(gateways[0]!.url, SUMMARY);
    expect(first.errors).toEqual([]);
    const read = (await callsSince(since, 'planhat')).length;
    expect(read).toBeGreaterThan(0);
    const others = await Promise.all([
      post(gateways[1]!.url, SUMMARY),
      post(gateways[2]!.url, SUMMARY),
    ]);
    for (const other of others) expect(other.data).toEqual(first.data);
    expect(await callsSince(since, 'planhat')).toHaveLength(read);
  }, 30_000);

  it('concurrent misses on three replicas read the vendor once (single-flight)', async () => {
    // A range no one has read yet, asked through all three at once.
    const q =
      '{ npsSummary(filter: { sources: [PLANHAT], range: { from: "2026-01-01", to: "2026-06-30" } }) { responses } }';
    const since = await lastSeq();
    const results = await Promise.all(gateways.map((g) => post(g.url, q)));
    for (const r of results) expect(r.errors).toEqual([]);
    expect(results[1]!.data).toEqual(results[0]!.data);
    expect(results[2]!.data).toEqual(results[0]!.data);
    const pages = (await callsSince(since, 'planhat')).map(
      (c) => `${c.method} ${c.path} ${JSON.stringify(c.query)}`,
    );
    expect(pages.length).toBeGreaterThan(0);
    // Each page of the export once, not once per replica.
    expect(new Set(pages).size).toBe(pages.length);
  }, 30_000);

  it("a write through one replica shows on another's next read", async () => {
    const before = await post<{ npsSummary: { responses: number } }>(gateways[1]!.url, SUMMARY);
    const count = before.data!.npsSummary.responses;
    const created = await post(
      gateways[0]!.url,
      'mutation { createNps(input: { email: "replica-write@example.com", score: 3, sourceId: "replica-w-1" }) { nps { id } } }',
    );
    expect(created.errors).toEqual([]);
    const after = await post<{ npsSummary: { responses: number } }>(gateways[1]!.url, SUMMARY);
    expect(after.data!.npsSummary.responses).toBe(count + 1);
    const third = await post<{ npsSummary: { responses: number } }>(gateways[2]!.url, SUMMARY);
    expect(third.data!.npsSummary.responses).toBe(count + 1);
  }, 30_000);

  it('Redis killed mid-run: no 5xx, the fallback is visible, and sharing comes back', async () => {
    let stop = false;
    const statuses: number[] = [];
    const errors: unknown[] = [];
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        const r = await post(gateways[i % 3]!.url, SUMMARY);
        statuses.push(r.status);
        if (r.errors.length > 0) errors.push(r.errors);
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await redis.kill!();
    await new Promise((r) => setTimeout(r, 1500));
    const during = await post<{
      vendors: { source: string; sharing: string; sharingError: string | null }[];
    }>(gateways[2]!.url, VENDORS);
    const userhero = during.data!.vendors.find((v) => v.source === 'USERHERO')!;
    expect(userhero.sharing).toBe('FALLBACK');
    expect(userhero.sharingError).toMatch(/Redis unavailable/);
    // Logged, once per replica and outage.
    for (const g of gateways) {
      expect(g.output().match(/shared state: Redis unavailable/g)?.length).toBe(1);
    }
    // While Redis is away each replica keeps 1/REPLICAS of UserHero's budget.
    await new Promise((r) => setTimeout(r, 500));
    await redis.restart!();
    const deadline = Date.now() + 15_000;
    for (const g of gateways) {
      while ((await sharingOf(g.url)) !== 'SHARED') {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    stop = true;
    await load;
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(errors).toEqual([]);

    // Shared again: a 429 one replica meets closes Planhat for the other two, without a call.
    await control('POST', '/__sandbox/faults', {
      vendor: 'planhat',
      method: 'POST',
      status: 429,
      headers: { 'Retry-After': '30' },
      times: 1,
    });
    const limited = await post(
      gateways[0]!.url,
      'mutation { createNps(input: { email: "replica-429@example.com", score: 5, sourceId: "replica-w-2" }) { nps { id } } }',
    );
    expect(limited.errors[0]?.extensions?.code).toBe('VENDOR_RATE_LIMITED');
    await new Promise((r) => setTimeout(r, 300));
    const since = await lastSeq();
    const other = await post(gateways[1]!.url, SUMMARY);
    expect(other.status).toBe(200);
    expect(other.errors[0]?.extensions?.code).toBe('VENDOR_RATE_LIMITED');
    expect(await callsSince(since, 'planhat')).toEqual([]);
  }, 60_000);
});
