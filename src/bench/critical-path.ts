// Which vendor calls of one GraphQL request had to wait for which, by the timestamps the sandbox
// recorded, and the longest such chain: the request's critical path.
import {
  chainOf,
  kindOf,
  listParams,
  PAGING,
  REPORTS_TOTAL,
  SIZE,
  template,
} from './call-graph.js';
import type { LoggedCall } from './sandbox-control.js';

const end = (call: LoggedCall) => call.startedAt + call.durationMs;
/** The log keeps whole milliseconds. */
const TOLERANCE_MS = 1;

export interface CriticalPath {
  /** Sum of the vendor times along the longest chain of dependent calls. */
  ms: number;
  /** The same when pages after the first are fetched together wherever the vendor reports a total. */
  msWithParallelPages: number;
  /** Its calls, in order. */
  calls: number;
  /** The chain as readable steps, e.g. "userloop GET /responses ×15 (one after another)". */
  steps: string[];
  /** Gateway time between dependent calls on that chain (parent's end → child's start). */
  gapsMs: number;
  /** Fan-outs whose calls did not start together: the gateway ran them in waves. */
  staggeredFanOuts: { kind: string; chains: number; spreadMs: number }[];
  /** Every call, from the first call's start: what it waited for, and whether it is on the path. */
  timeline: {
    call: string;
    startMs: number;
    durationMs: number;
    waitedFor: number | null;
    onPath: boolean;
  }[];
}

export function criticalPath(entries: readonly LoggedCall[]): CriticalPath {
  const calls = [...entries].sort((a, b) => a.startedAt - b.startedAt || a.seq - b.seq);
  const kindStart = new Map<string, number>();
  for (const call of calls) {
    const kind = kindOf(call);
    kindStart.set(kind, Math.min(kindStart.get(kind) ?? Infinity, call.startedAt));
  }
  const parent = new Map<LoggedCall, LoggedCall | undefined>();
  const firstOfChain = new Map<string, LoggedCall>();
  for (const call of calls) {
    const chain = chainOf(call);
    const previousPages = calls.filter(
      (other) =>
        other !== call &&
        chainOf(other) === chain &&
        other.seq < call.seq &&
        end(other) <= call.startedAt + TOLERANCE_MS,
    );
    if (!firstOfChain.has(chain)) firstOfChain.set(chain, call);
    if (previousPages.length > 0) {
      parent.set(call, latest(previousPages));
      continue;
    }
    // A fan-out waits for what finished before its first call, not for whatever finished
    // while the gateway was still working through it.
    const kind = kindOf(call);
    const before = calls.filter(
      (other) => kindOf(other) !== kind && end(other) <= kindStart.get(kind)! + TOLERANCE_MS,
    );
    parent.set(call, before.length > 0 ? latest(before) : undefined);
  }

  const finish = new Map<LoggedCall, number>();
  const finishParallel = new Map<LoggedCall, number>();
  for (const call of calls) {
    const up = parent.get(call);
    finish.set(call, (up ? finish.get(up)! : 0) + call.durationMs);
    const pagesTogether =
      up !== undefined &&
      chainOf(up) === chainOf(call) &&
      REPORTS_TOTAL.some((list) => list.vendor === call.vendor && list.path === call.path);
    const upParallel = pagesTogether ? firstOfChain.get(chainOf(call)) : up;
    finishParallel.set(call, (upParallel ? finishParallel.get(upParallel)! : 0) + call.durationMs);
  }

  let last: LoggedCall | undefined;
  for (const call of calls) if (!last || finish.get(call)! > finish.get(last)!) last = call;
  const path: LoggedCall[] = [];
  for (let at = last; at; at = parent.get(at)) path.unshift(at);

  let gapsMs = 0;
  for (let i = 1; i < path.length; i++) gapsMs += path[i]!.startedAt - end(path[i - 1]!);

  const t0 = calls[0]?.startedAt ?? 0;
  const onPath = new Set(path);
  const timeline = calls.map((call) => {
    const up = parent.get(call);
    const query = new URLSearchParams(
      listParams(call).filter(([k]) => k !== 'workspaceId') as [string, string][],
    );
    for (const [k, v] of Object.entries(call.query)) {
      if (PAGING.has(k) || SIZE.has(k)) query.set(k, String(v));
    }
    return {
      call: `${call.vendor} ${call.method} ${call.path}?${query}`,
      startMs: call.startedAt - t0,
      durationMs: call.durationMs,
      waitedFor: up ? calls.indexOf(up) : null,
      onPath: onPath.has(call),
    };
  });

  return {
    timeline,
    ms: last ? finish.get(last)! : 0,
    msWithParallelPages: Math.max(0, ...finishParallel.values()),
    calls: path.length,
    steps: describeSteps(path),
    gapsMs,
    staggeredFanOuts: staggered(calls),
  };
}

function latest(calls: readonly LoggedCall[]): LoggedCall {
  return calls.reduce((best, call) => (end(call) > end(best) ? call : best));
}

function describeSteps(path: readonly LoggedCall[]): string[] {
  const steps: { chain: string; label: string; count: number }[] = [];
  for (const call of path) {
    const chain = chainOf(call);
    const previous = steps.at(-1);
    if (previous?.chain === chain) previous.count++;
    else
      steps.push({
        chain,
        label: `${call.vendor} ${call.method} ${template(call.path)}`,
        count: 1,
      });
  }
  return steps.map((s) => (s.count > 1 ? `${s.label} ×${s.count} (one after another)` : s.label));
}

function staggered(calls: readonly LoggedCall[]) {
  const heads = new Map<string, Map<string, number>>();
  for (const call of calls) {
    const chains = heads.get(kindOf(call)) ?? new Map<string, number>();
    if (!chains.has(chainOf(call))) chains.set(chainOf(call), call.startedAt);
    heads.set(kindOf(call), chains);
  }
  const out: CriticalPath['staggeredFanOuts'] = [];
  for (const [kind, chains] of heads) {
    if (chains.size < 2) continue;
    const starts = [...chains.values()];
    const spreadMs = Math.max(...starts) - Math.min(...starts);
    if (spreadMs > 10) out.push({ kind, chains: chains.size, spreadMs });
  }
  return out;
}
