// Scenario 3: what the gateway adds to a single-vendor read, one request at a time at 0 ms
// vendor latency: its p50 minus the p50 of the very same vendor call made directly.
import { graphqlOnce, graphqlTarget, pool, type Target } from '../load.js';
import { combine, measure, type Measurement, warmUp } from '../measure.js';
import { FEEDBACK_10, PLANHAT_NPS_20 } from '../operations.js';
import type { LoggedCall, SandboxControl } from '../sandbox-control.js';
import type { BenchSettings, Server } from '../targets.js';

export interface OverheadReport {
  query: string;
  vendorCall: string;
  gateway: Measurement;
  vendor?: Measurement;
  overheadP50Ms: number;
  overheadP99Ms: number;
}

const BASE_URL: Record<string, string> = {
  userhero: 'USERHERO_BASE_URL',
  planhat: 'PLANHAT_BASE_URL',
  userlane: 'USERLANE_BASE_URL',
  userloop: 'USERLOOP_BASE_URL',
};

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
]);

/** The logged call, replayed: same URL, query and credentials. */
function replay(call: LoggedCall, env: Record<string, string>): Target {
  const base = env[BASE_URL[call.vendor] ?? ''];
  if (!base) throw new Error(`no base URL for ${call.vendor}`);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(call.query)) {
    for (const one of Array.isArray(value) ? value : [value]) query.append(key, one);
  }
  const headers = Object.fromEntries(
    Object.entries(call.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
  );
  return { url: `${base}${call.path}?${query}`, method: call.method as 'GET', headers };
}

export async function overhead(args: {
  gateway: Server;
  sandbox: SandboxControl;
  sandboxPid: number;
  env: Record<string, string>;
  settings: BenchSettings;
}): Promise<OverheadReport[]> {
  // The floor: HTTP, the GraphQL pipeline and the server's plugins, with no vendor call at all.
  const floorTarget = graphqlTarget(args.gateway.url, '{ __typename }');
  await warmUp(floorTarget, 1, args.settings.warmupSeconds);
  const floor = await measure({
    target: floorTarget,
    pid: args.gateway.pid,
    sandbox: args.sandbox,
    connections: 1,
    seconds: args.settings.seconds,
  });
  const out: OverheadReport[] = [
    {
      query: 'no vendor call: `{ __typename }`',
      vendorCall: '',
      gateway: floor,
      overheadP50Ms: floor.load.p50,
      overheadP99Ms: floor.load.p99,
    },
  ];
  const queries = [
    { name: '10 UserHero feedback items', query: FEEDBACK_10 },
    { name: '20 Planhat NPS records', query: PLANHAT_NPS_20 },
  ];
  for (const { name, query } of queries) {
    process.stderr.write(`bench: overhead “${name}”\n`);
    await args.sandbox.clearLog();
    await graphqlOnce(args.gateway.url, query);
    const calls = await args.sandbox.entries();
    if (calls.length !== 1)
      throw new Error(`${name}: expected one vendor call, saw ${calls.length}`);
    const gatewayTarget = graphqlTarget(args.gateway.url, query);
    const vendorTarget = replay(calls[0]!, args.env);
    await warmUp(gatewayTarget, 1, args.settings.warmupSeconds);
    await warmUp(vendorTarget, 1, args.settings.warmupSeconds);
    const g: Measurement[] = [];
    const v: Measurement[] = [];
    for (let round = 0; round < args.settings.rounds; round++) {
      const common = { sandbox: args.sandbox, connections: 1, seconds: args.settings.seconds };
      g.push(await measure({ ...common, target: gatewayTarget, pid: args.gateway.pid }));
      v.push(await measure({ ...common, target: vendorTarget, pid: args.sandboxPid }));
    }
    const gateway = combine(g, pool(g.map((m) => m.load)));
    const vendor = combine(v, pool(v.map((m) => m.load)));
    out.push({
      query: name,
      vendorCall: `${calls[0]!.vendor} ${calls[0]!.method} ${calls[0]!.path}?${new URLSearchParams(calls[0]!.query as Record<string, string>)}`,
      gateway,
      vendor,
      overheadP50Ms: gateway.load.p50 - vendor.load.p50,
      overheadP99Ms: gateway.load.p99 - vendor.load.p99,
    });
  }
  return out;
}
