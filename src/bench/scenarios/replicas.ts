// Scenario 6, `replicas`: one replica without Redis, one with Redis, two with Redis behind a
// round-robin client (each connection bound to one replica, the connections split evenly). It
// reports what sharing costs and saves: requests/s, p50/p99 under load, p50 of one request at a
// time (what Redis adds to a request), Redis round trips per request and per vendor call (from
// Redis's own command statistics: every script call and every pipeline is one round trip; the
// commands a script runs inside Redis are not), and vendor calls per request (the sandbox's log).
import { Redis } from 'ioredis';
import { type Child, startChild } from '../children.js';
import { startGatewayProcess } from '../gateway-process.js';
import { graphqlTarget, loadSequentially, loadWithAutocannon, pool } from '../load.js';
import { warmUp } from '../measure.js';
import { redisRoundTrips } from '../redis-round-trips.js';
import { FEEDBACK_10 } from '../operations.js';
import { sandboxControl } from '../sandbox-control.js';
import { startSandboxProcess } from '../sandbox-process.js';
import type { BenchSettings } from '../targets.js';

export interface ReplicasRow {
  setup: string;
  query: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** p50 of one request at a time, one connection: the latency sharing adds, without queueing. */
  p50AloneMs: number;
  errors: number;
  vendorCallsPerRequest: number;
  redisRoundTripsPerRequest: number | null;
  redisRoundTripsPerVendorCall: number | null;
}

/** A dashboard's summary over every NPS export: served from the cross-request (shared) cache. */
const NPS_SUMMARY = '{ npsSummary(groupBy: SOURCE) { responses score } }';

const SETUPS = [
  { name: '1 replica, no Redis', replicas: 1, redis: false },
  { name: '1 replica, Redis', replicas: 1, redis: true },
  { name: '2 replicas, Redis, round robin', replicas: 2, redis: true },
] as const;

export async function replicasScenario(args: {
  port: number;
  settings: BenchSettings;
  nodeArgs: string[];
}): Promise<ReplicasRow[]> {
  const sandbox = await startSandboxProcess({ scale: 1, port: args.port, seed: 37 });
  const control = sandboxControl(sandbox.controlUrl);
  const redisPort = args.port + 8;
  const server = startRedis(redisPort);
  const redis = new Redis(`redis://127.0.0.1:${redisPort}`, { maxRetriesPerRequest: 3 });
  const rows: ReplicasRow[] = [];
  try {
    await waitForRedis(redis);
    for (const [s, setup] of SETUPS.entries()) {
      const env = {
        ...sandbox.env,
        // Short enough that the run refreshes the exports several times: shared, once for all.
        EXPORT_CACHE_TTL_MS: '1000',
        ...(setup.redis
          ? { REDIS_URL: `redis://127.0.0.1:${redisPort}`, REDIS_KEY_PREFIX: `bench${s}:` }
          : {}),
      };
      const gateways = [];
      for (let i = 0; i < setup.replicas; i++) {
        gateways.push(
          await startGatewayProcess({
            sandboxEnv: env,
            port: args.port + 10 + i,
            nodeArgs: args.nodeArgs,
          }),
        );
      }
      try {
        for (const query of [
          { name: '10 UserHero feedback items (budget)', text: FEEDBACK_10 },
          { name: 'NPS summary over every export (cache)', text: NPS_SUMMARY },
        ]) {
          process.stderr.write(`bench: replicas “${setup.name}”, ${query.name}\n`);
          const targets = gateways.map((g) => graphqlTarget(g.url, query.text));
          for (const target of targets) await warmUp(target, 2, args.settings.warmupSeconds);
          const alone = await loadSequentially(targets[0]!, {
            seconds: Math.max(1, args.settings.seconds / 2),
          });
          await control.clearLog();
          const before = await redisRoundTrips(redis);
          const connections = Math.max(1, Math.floor(args.settings.connections / targets.length));
          const results = await Promise.all(
            targets.map((target) =>
              loadWithAutocannon(target, { connections, seconds: args.settings.seconds }),
            ),
          );
          const pooled = pool(results);
          // Let calls of requests cut off at the end land before counting.
          await new Promise((r) => setTimeout(r, 300));
          const calls = (await control.counts()).total;
          const used = (await redisRoundTrips(redis)) - before;
          rows.push({
            setup: setup.name,
            query: query.name,
            requests: pooled.requests,
            rps: pooled.rps,
            p50: pooled.p50,
            p99: pooled.p99,
            p50AloneMs: alone.p50,
            errors: pooled.non2xx + pooled.graphqlErrors + pooled.socketErrors,
            vendorCallsPerRequest: calls / Math.max(1, pooled.sent),
            redisRoundTripsPerRequest: setup.redis ? used / Math.max(1, pooled.sent) : null,
            redisRoundTripsPerVendorCall: setup.redis && calls > 0 ? used / calls : null,
          });
        }
      } finally {
        for (const g of gateways) await g.stop();
      }
    }
  } finally {
    redis.disconnect();
    await server.stop();
    await sandbox.stop();
  }
  return rows;
}

export function renderReplicas(rows: readonly ReplicasRow[]): string {
  const f = (n: number | null, digits = 2) => (n === null ? '–' : n.toFixed(digits));
  return [
    '### 6. Replicas: sharing through Redis',
    '',
    '| setup | query | req/s | p50 ms | p99 ms | p50 alone ms | vendor calls / request | Redis round trips / request | Redis round trips / vendor call | errors |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.setup} | ${r.query} | ${r.rps.toFixed(0)} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.p50AloneMs, 3)} | ${f(r.vendorCallsPerRequest, 3)} | ${f(r.redisRoundTripsPerRequest, 3)} | ${f(r.redisRoundTripsPerVendorCall, 3)} | ${r.errors} |`,
    ),
    '',
  ].join('\n');
}

/** Our own redis-server: its command counter then counts only the gateways'. */
function startRedis(port: number): Child {
  return startChild('redis', 'redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
}

async function waitForRedis(redis: Redis): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await redis.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
