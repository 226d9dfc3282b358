// Scenario 4: the dashboards at 50 ms vendor latency, one request at a time, each compared with
// its own critical path: the longest chain of vendor calls that had to wait for one another,
// derived from the sandbox log's timestamps (see call-graph.ts).
import { type CriticalPath, criticalPath } from '../critical-path.js';
import { percentile } from '../load.js';
import type { SandboxControl } from '../sandbox-control.js';
import type { Server } from '../targets.js';
import { dashboardQueries } from './dashboards.js';

/** Requests sent before tracing, without latency: a fresh process's JIT warm-up. */
const WARM_UP = 50;

export interface ParallelismReport {
  name: string;
  latencyMs: number;
  requests: number;
  wallP50Ms: number;
  criticalPathP50Ms: number;
  /** Median over requests of (wall − its own critical path). */
  excessP50Ms: number;
  excessMaxMs: number;
  vendorCallsPerRequest: number;
  /** The request closest to the median excess, in detail. */
  typical: CriticalPath & { wallMs: number };
}

export async function parallelism(args: {
  gateway: Server;
  sandbox: SandboxControl;
  latencyMs: number;
  requests: number;
}): Promise<ParallelismReport[]> {
  const out: ParallelismReport[] = [];
  await args.sandbox.setLatency(args.latencyMs);
  try {
    for (const op of dashboardQueries()) {
      process.stderr.write(`bench: parallelism ${op.name} at ${args.latencyMs} ms\n`);
      const send = async () => {
        const started = performance.now();
        const response = await fetch(args.gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: op.query, variables: op.variables }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        const wall = performance.now() - started;
        if (body.errors)
          throw new Error(`${op.name}: ${JSON.stringify(body.errors).slice(0, 500)}`);
        return wall;
      };
      // A fresh process's JIT has not compiled the hot path yet: warm it up quickly without the
      // latency, then once with it (caches that outlive a request are warm in production).
      await args.sandbox.setLatency(0);
      for (let i = 0; i < WARM_UP; i++) await send();
      await args.sandbox.setLatency(args.latencyMs);
      await send();
      const runs: (CriticalPath & { wallMs: number; totalCalls: number })[] = [];
      for (let i = 0; i < args.requests; i++) {
        const since = await args.sandbox.lastSeq();
        const wallMs = await send();
        const entries = await args.sandbox.entries(since);
        runs.push({ ...criticalPath(entries), wallMs, totalCalls: entries.length });
      }
      const excess = runs.map((r) => r.wallMs - r.ms).sort((a, b) => a - b);
      const median = percentile(excess, 50);
      const typical = runs.find((r) => r.wallMs - r.ms === median)!;
      out.push({
        name: op.name,
        latencyMs: args.latencyMs,
        requests: runs.length,
        wallP50Ms: percentile(
          runs.map((r) => r.wallMs).sort((a, b) => a - b),
          50,
        ),
        criticalPathP50Ms: percentile(
          runs.map((r) => r.ms).sort((a, b) => a - b),
          50,
        ),
        excessP50Ms: median,
        excessMaxMs: excess.at(-1)!,
        vendorCallsPerRequest: runs.reduce((s, r) => s + r.totalCalls, 0) / runs.length,
        typical,
      });
    }
  } finally {
    await args.sandbox.setLatency(0);
  }
  return out;
}
