// Scenario 7: what metrics and tracing cost. Three gateway processes on the same sandbox, with
// METRICS=false, with metrics on and tracing off (the default), and with metrics on and every
// request traced (OTLP/HTTP protobuf to a sink in this process), all three under the same
// offered load at the same time, in rounds; the figure is the gateway's CPU per request.
//
// The same offered load, not each as fast as it answers: a gateway driven to saturation spends
// CPU per request that depends on its own rate. The slower one has fewer responses in flight
// per event-loop turn, and each socket write then wakes an idle client (a CPU profile of the
// traced gateway at saturation showed 37 µs more per request in `writev` alone, and none at an
// equal rate). So every variant gets the same rate, a share of the slowest one's saturated rate;
// the saturated rates are reported beside it, as what each variant can serve.
//
// At the same time, not one after the other: this machine's speed drifts by 10-30 % within
// minutes, which alternated rounds only spread over the variants, while three loads at once meet
// the same speed. Each round gives each variant's ratio over metrics off; their spread is shown.
import { createServer, type Server as HttpServer } from 'node:http';
import { type GatewayProcess, startGatewayProcess } from '../gateway-process.js';
import { graphqlTarget, loadAtRate, pool, type Target } from '../load.js';
import { type Interval, pooledRatioInterval, type RoundCost } from '../interval.js';
import { combine, type Measurement, warmUp } from '../measure.js';
import { sampleProcess } from '../proc-stats.js';
import { FEEDBACK_10, PLANHAT_NPS_20 } from '../operations.js';
import type { SandboxControl } from '../sandbox-control.js';
import type { BenchSettings } from '../targets.js';

export interface ObservabilityRow {
  query: string;
  variant: string;
  /** Requests per second it served as fast as it could (its second warm-up). */
  saturatedRps: number;
  /** The offered load of the measured rounds, the same for every variant of the query. */
  offeredRps: number;
  measurement: Measurement;
  /** CPU per request over the same query's with metrics and tracing off, all rounds pooled. */
  cpuRatio: number;
  /** The same ratio in each round, sorted. */
  roundRatios: number[];
  /** The 95 % bootstrap interval of `cpuRatio`, resampling whole rounds (src/bench/interval.ts). */
  interval: Interval;
  /**
   * The traced variant's CPU per request over metrics on (what tracing alone adds), pooled, with
   * its interval: the second target read against the first one's configuration.
   */
  overMetrics?: { ratio: number; interval: Interval };
}

export interface ObservabilityReport {
  rows: ObservabilityRow[];
  /** Spans the sink received (tracing on): proves they were exported. */
  exportRequests: number;
}

/**
 * Each variant's rate in the measured rounds, as a share of the slowest one's saturated rate:
 * three loads at once, with the sandbox and the load generator, must fit in two cores.
 */
const OFFERED_SHARE = 0.25;

/** The variant the others are compared with. */
export const BASELINE_VARIANT = 'metrics off, tracing off';
export const METRICS_VARIANT = 'metrics on, tracing off';
export const TRACED_VARIANT = 'metrics on, tracing on (always sampled)';

const VARIANTS = [
  { name: BASELINE_VARIANT, env: { METRICS: 'false' } },
  { name: METRICS_VARIANT, env: {} },
  { name: TRACED_VARIANT, env: { OTEL_TRACES_SAMPLER: 'always_on' } },
] as const;

/**
 * One variant's share of a round: its CPU over a paced load. The sandbox's log is not read, as
 * three loads share it (these queries' vendor calls are the same with and without metrics).
 */
async function measureAtRate(
  target: Target,
  pid: number,
  load: { rate: number; seconds: number; connections: number },
): Promise<Measurement> {
  const sampler = sampleProcess(pid);
  const result = await loadAtRate(target, load);
  const usage = sampler.stop();
  const noCalls = { total: 0, userlane: 0, userloop: 0, userhero: 0, planhat: 0 };
  return {
    load: result,
    vendorCalls: noCalls,
    vendorCallsPerRequest: Number.NaN,
    usage,
    cpuMsPerRequest: result.requests > 0 ? usage.cpuMs / result.requests : Number.NaN,
    vendorCpuMsPerRequest: Number.NaN,
  };
}

/**
 * The variants' shares of one round, run at once, by variant. Their loads start in an order that
 * turns each round, so that each variant is sent to first, second and last equally often: the
 * loads tick together (src/bench/load.ts), each tick sending to the variants in the order they
 * started, and the one sent to last pays more CPU per request. Three identical gateways measured
 * so (10 rounds of 5 s at 700 req/s each, `{ __typename }`) put the last at +2.3, +3.9 and
 * +3.7 % over the first, in three runs; with the order reversed, the first became the dearest
 * (+4.0 %). In a fixed order, tracing (always last) was charged that on top of its own cost.
 */
async function measureTogether<T>(
  round: number,
  count: number,
  measure: (variant: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  const order = Array.from({ length: count }, (_, k) => (k + round) % count);
  await Promise.all(
    order.map(async (variant) => {
      results[variant] = await measure(variant);
    }),
  );
  return results;
}

const perRequest = (cost: RoundCost) => cost.cpuMs / cost.requests;

/** An OTLP/HTTP endpoint that accepts and drops every export. */
async function startSink(): Promise<{ url: string; requests: () => number; close(): void }> {
  let requests = 0;
  const server: HttpServer = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => server.close() };
}

export async function observabilityScenario(args: {
  sandboxEnv: Record<string, string>;
  sandbox: SandboxControl;
  settings: BenchSettings;
  port: number;
  nodeArgs: string[];
}): Promise<ObservabilityReport> {
  const sink = await startSink();
  const gateways: GatewayProcess[] = [];
  try {
    for (const [i, variant] of VARIANTS.entries()) {
      const env: Record<string, string> = { ...variant.env };
      if (variant.env === VARIANTS[2].env) env.OTEL_EXPORTER_OTLP_ENDPOINT = sink.url;
      gateways.push(
        await startGatewayProcess({
          sandboxEnv: { ...args.sandboxEnv, ...env },
          port: args.port + i,
          nodeArgs: args.nodeArgs,
        }),
      );
    }
    const rows: ObservabilityRow[] = [];
    const queries = [
      { name: '`{ __typename }` (no vendor call)', query: '{ __typename }' },
      { name: '10 UserHero feedback items', query: FEEDBACK_10 },
      { name: '20 Planhat NPS records', query: PLANHAT_NPS_20 },
    ];
    for (const { name, query } of queries) {
      process.stderr.write(`bench: observability “${name}”\n`);
      const targets = gateways.map((g) => graphqlTarget(g.url, query));
      // The first warm-up lets the JIT compile the hot path; the second measures the rate.
      const warmSeconds = Math.max(1, args.settings.warmupSeconds);
      const saturated: number[] = [];
      for (const target of targets) {
        await warmUp(target, args.settings.connections, warmSeconds);
        const warm = await warmUp(target, args.settings.connections, warmSeconds);
        saturated.push(warm?.rps ?? Number.NaN);
      }
      const offeredRps = Math.max(20, Math.floor(OFFERED_SHARE * Math.min(...saturated)));
      // A multiple of the variants' count: each takes each place in the start order as often.
      // At least 12: with 6, the interval of a pooled figure spanned ±3.5 points here.
      const rounds = VARIANTS.length * Math.max(4, args.settings.rounds);
      const seconds = Math.max(2, args.settings.seconds / 2);
      const runs: Measurement[][] = VARIANTS.map(() => []);
      const costs: RoundCost[][] = [];
      for (let round = 0; round < rounds; round++) {
        const together = await measureTogether(round, targets.length, (i) =>
          measureAtRate(targets[i]!, gateways[i]!.child.pid, {
            rate: offeredRps,
            seconds,
            connections: args.settings.connections,
          }),
        );
        costs.push(together.map((m) => ({ cpuMs: m.usage.cpuMs, requests: m.load.requests })));
        for (const [i, m] of together.entries()) runs[i]!.push(m);
      }
      const combined = runs.map((r) => combine(r, pool(r.map((m) => m.load))));
      const base = combined[0]!.cpuMsPerRequest;
      const metricsAt = VARIANTS.findIndex((v) => v.name === METRICS_VARIANT);
      for (const [i, variant] of VARIANTS.entries()) {
        const measurement = combined[i]!;
        rows.push({
          query: name,
          variant: variant.name,
          saturatedRps: saturated[i]!,
          offeredRps,
          measurement,
          cpuRatio: measurement.cpuMsPerRequest / base,
          roundRatios: costs
            .map((round) => perRequest(round[i]!) / perRequest(round[0]!))
            .sort((a, b) => a - b),
          interval: pooledRatioInterval(costs, i, 0),
          ...(variant.name === TRACED_VARIANT
            ? {
                overMetrics: {
                  ratio: measurement.cpuMsPerRequest / combined[metricsAt]!.cpuMsPerRequest,
                  interval: pooledRatioInterval(costs, i, metricsAt),
                },
              }
            : {}),
        });
      }
    }
    return { rows, exportRequests: sink.requests() };
  } finally {
    for (const g of gateways) await g.stop();
    sink.close();
  }
}
