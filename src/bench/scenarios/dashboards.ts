// Scenario 2: the dashboard operations of schema/operations under load, and what one request
// asks of the vendors compared with the fewest calls that could serve it.
import { type CallBudget, callBudget } from '../call-budget.js';
import { graphqlOnce, graphqlTarget } from '../load.js';
import { amountFor, measure, type Measurement, warmUp } from '../measure.js';
import { dashboards } from '../operations.js';
import type { SandboxControl } from '../sandbox-control.js';
import type { BenchSettings, Server } from '../targets.js';

export interface DashboardQuery {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface DashboardReport {
  name: string;
  variables: Record<string, unknown>;
  load: Measurement;
  /** One request traced alone, after the warm-up. */
  budget: CallBudget;
  /** The first request of the run, traced alone: no cache of the gateway holds anything for it. */
  cold: CallBudget;
  errors: number;
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function dashboardQueries(): DashboardQuery[] {
  const ops = dashboards();
  const today = Date.now();
  return [
    { name: 'Customer360 (20 customers)', query: ops.customer360, variables: { first: 20 } },
    {
      name: 'NpsTrend (12 weeks, 3 groupings)',
      query: ops.npsTrend,
      variables: { range: { from: day(today - 84 * DAY), to: day(today) } },
    },
  ];
}

export async function dashboardLoad(args: {
  gateway: Server;
  sandbox: SandboxControl;
  settings: BenchSettings;
}): Promise<DashboardReport[]> {
  const out: DashboardReport[] = [];
  for (const op of dashboardQueries()) {
    process.stderr.write(`bench: dashboard ${op.name}\n`);
    const target = graphqlTarget(args.gateway.url, op.query, op.variables);
    await args.sandbox.clearLog();
    await graphqlOnce(args.gateway.url, op.query, op.variables);
    const cold = callBudget(await args.sandbox.entries());
    const warm = await warmUp(target, args.settings.connections, args.settings.warmupSeconds);
    const seconds = args.settings.seconds * args.settings.rounds;
    const load = await measure({
      amount: amountFor(warm, seconds, args.settings.connections),
      target,
      pid: args.gateway.pid,
      sandbox: args.sandbox,
      connections: args.settings.connections,
      seconds,
    });
    await args.sandbox.clearLog();
    const { body } = await graphqlOnce(args.gateway.url, op.query, op.variables);
    const budget = callBudget(await args.sandbox.entries());
    out.push({
      name: op.name,
      variables: op.variables,
      load,
      budget,
      cold,
      errors: body.errors?.length ?? 0,
    });
  }
  return out;
}
