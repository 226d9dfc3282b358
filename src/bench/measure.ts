// One measured run against one target: the load result, what it cost the vendors (sandbox log)
// and the target process's memory and CPU over the run.
import { type LoadResult, loadSequentially, loadWithAutocannon, type Target } from './load.js';
import { type ProcUsage, sampleProcess } from './proc-stats.js';
import type { LogCounts, SandboxControl } from './sandbox-control.js';

export interface Measurement {
  load: LoadResult;
  vendorCalls: LogCounts;
  vendorCallsPerRequest: number;
  usage: ProcUsage;
  cpuMsPerRequest: number;
  /** The sandbox's CPU per request: what the target's vendor calls cost the vendors. */
  vendorCpuMsPerRequest: number;
}

export async function measure(args: {
  target: Target;
  pid: number;
  sandbox: SandboxControl;
  connections: number;
  seconds: number;
  /** Requests to send instead of a duration (see loadWithAutocannon). */
  amount?: number;
}): Promise<Measurement> {
  await quiesce(args.sandbox);
  await args.sandbox.clearLog();
  const sampler = sampleProcess(args.pid);
  const vendorSampler =
    args.sandbox.pid !== undefined && args.sandbox.pid !== args.pid
      ? sampleProcess(args.sandbox.pid, 1000)
      : undefined;
  const load =
    args.connections === 1
      ? await loadSequentially(args.target, { seconds: args.seconds })
      : await loadWithAutocannon(args.target, {
          connections: args.connections,
          seconds: args.seconds,
          ...(args.amount ? { amount: args.amount } : {}),
        });
  const usage = sampler.stop();
  const vendorUsage = vendorSampler?.stop();
  // Requests cut off at the end still run in the target: count their calls, and count them in.
  await quiesce(args.sandbox);
  const vendorCalls = await args.sandbox.counts();
  return {
    load,
    vendorCalls,
    vendorCallsPerRequest: load.sent > 0 ? vendorCalls.total / load.sent : Number.NaN,
    usage,
    cpuMsPerRequest: load.requests > 0 ? usage.cpuMs / load.requests : Number.NaN,
    vendorCpuMsPerRequest:
      vendorUsage && load.requests > 0 ? vendorUsage.cpuMs / load.requests : Number.NaN,
  };
}

/** Waits until no vendor call has been logged for 300 ms (requests of a previous run are done). */
export async function quiesce(sandbox: SandboxControl, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await sandbox.lastSeq();
  let stableSince = Date.now();
  while (Date.now() < deadline && Date.now() - stableSince < 300) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await sandbox.lastSeq();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
}

/** A run that is not counted; its rate sizes the measured runs (see `amountFor`). */
export async function warmUp(
  target: Target,
  connections: number,
  seconds: number,
): Promise<LoadResult | undefined> {
  if (seconds <= 0) return undefined;
  if (connections === 1) return loadSequentially(target, { seconds });
  return loadWithAutocannon(target, { connections, seconds });
}

/** Requests for a run of about `seconds` at the warm-up's rate; undefined runs by duration. */
export function amountFor(
  warm: LoadResult | undefined,
  seconds: number,
  connections: number,
): number | undefined {
  if (!warm || !(warm.rps > 0)) return undefined;
  return Math.max(connections * 5, Math.round(warm.rps * seconds));
}

/** Rounds of one target as one measurement: latencies pooled, calls and CPU summed. */
export function combine(rounds: readonly Measurement[], pooled: LoadResult): Measurement {
  const sum = (pick: (m: Measurement) => number) => rounds.reduce((s, m) => s + pick(m), 0);
  const vendorCalls: LogCounts = {
    total: sum((m) => m.vendorCalls.total),
    userlane: sum((m) => m.vendorCalls.userlane),
    userloop: sum((m) => m.vendorCalls.userloop),
    userhero: sum((m) => m.vendorCalls.userhero),
    planhat: sum((m) => m.vendorCalls.planhat),
  };
  const cpuMs = sum((m) => m.usage.cpuMs);
  const seconds = pooled.seconds;
  return {
    load: pooled,
    vendorCalls,
    vendorCallsPerRequest: pooled.sent > 0 ? vendorCalls.total / pooled.sent : Number.NaN,
    usage: {
      rssPeakMiB: Math.max(...rounds.map((m) => m.usage.rssPeakMiB)),
      rssMeanMiB: sum((m) => m.usage.rssMeanMiB) / rounds.length,
      rssLastMiB: rounds.at(-1)?.usage.rssLastMiB ?? Number.NaN,
      cpuMs,
      cpuPercent: seconds > 0 ? (cpuMs / (seconds * 1000)) * 100 : 0,
      samples: [],
    },
    cpuMsPerRequest: pooled.requests > 0 ? cpuMs / pooled.requests : Number.NaN,
    vendorCpuMsPerRequest:
      rounds.reduce((s, m) => s + m.vendorCpuMsPerRequest * m.load.requests, 0) /
      Math.max(1, pooled.requests),
  };
}
