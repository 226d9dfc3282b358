// Scenario 8: what the client features cost per request, one request at a time so that the CPU
// per request is the gateway's alone: compression (small answers must not pay for it, large ones
// pay zlib's time) and @defer (the same dashboard with its slow panel deferred, as multipart).
import { request } from 'undici';
import { graphqlTarget, pool, type Target } from '../load.js';
import { combine, measure, type Measurement, warmUp } from '../measure.js';
import type { SandboxControl } from '../sandbox-control.js';
import type { BenchSettings, Server } from '../targets.js';

export interface ClientsReport {
  name: string;
  variant: string;
  /** Bytes on the wire of one answer (compressed when it is). */
  bytes: number;
  load: Measurement;
}

const DAY = 86_400_000;
const day = (daysBack: number) => new Date(Date.now() - daysBack * DAY).toISOString().slice(0, 10);

const NPS_PAGE = '{ npsResponses(first: 200) { nodes { id score comment source answeredAt } } }';
const dashboard = (defer: boolean) => `query($range: DateRange!) {
  vendors { source enabled healthy }
  customers(first: 5) { nodes { email name feedback(first: 2) { nodes { ticketNumber message } } } }
  ... ${defer ? '@defer(label: "nps")' : ''} {
    nps: npsSummary(filter: { range: $range }, groupBy: SOURCE) { score responses groups { key score responses } }
  }
}`;

function withHeaders(target: Target, headers: Record<string, string>): Target {
  return { ...target, headers: { ...target.headers, ...headers } };
}

async function bytesOf(target: Target): Promise<number> {
  const res = await request(target.url, {
    method: target.method,
    headers: target.headers,
    ...(target.body === undefined ? {} : { body: target.body }),
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  if (res.statusCode !== 200) throw new Error(`${target.body}: HTTP ${res.statusCode}`);
  return body.length;
}

export async function clientsScenario(args: {
  gateway: Server;
  sandbox: SandboxControl;
  settings: BenchSettings;
}): Promise<ClientsReport[]> {
  const url = args.gateway.url;
  const range = { range: { from: day(89), to: day(0) } };
  const groups: { name: string; variants: [string, Target][] }[] = [
    {
      name: '`{ __typename }` (under 1 KB)',
      variants: [
        ['no Accept-Encoding', graphqlTarget(url, '{ __typename }')],
        [
          'Accept-Encoding: gzip, br',
          withHeaders(graphqlTarget(url, '{ __typename }'), { 'accept-encoding': 'gzip, br' }),
        ],
      ],
    },
    {
      name: '200 NPS answers',
      variants: [
        ['plain', graphqlTarget(url, NPS_PAGE)],
        ['gzip', withHeaders(graphqlTarget(url, NPS_PAGE), { 'accept-encoding': 'gzip' })],
        ['br', withHeaders(graphqlTarget(url, NPS_PAGE), { 'accept-encoding': 'br' })],
      ],
    },
    {
      name: 'dashboard: vendors, 5 customers with feedback, NPS by source',
      variants: [
        ['one answer', graphqlTarget(url, dashboard(false), range)],
        [
          'NPS panel @defer (multipart)',
          withHeaders(graphqlTarget(url, dashboard(true), range), { accept: 'multipart/mixed' }),
        ],
      ],
    },
  ];
  const out: ClientsReport[] = [];
  for (const group of groups) {
    process.stderr.write(`bench: clients ${group.name}\n`);
    const rounds = new Map<string, Measurement[]>();
    for (const [, target] of group.variants) await warmUp(target, 1, args.settings.warmupSeconds);
    // Alternated rounds (A B A B): drift of the shared machine falls on every variant alike.
    for (let round = 0; round < args.settings.rounds; round++) {
      for (const [variant, target] of group.variants) {
        const m = await measure({
          target,
          pid: args.gateway.pid,
          sandbox: args.sandbox,
          connections: 1,
          // Seven variants: half the usual round keeps the scenario under a minute.
          seconds: Math.max(1, args.settings.seconds / 2),
        });
        rounds.set(variant, [...(rounds.get(variant) ?? []), m]);
      }
    }
    for (const [variant, target] of group.variants) {
      const ms = rounds.get(variant)!;
      out.push({
        name: group.name,
        variant,
        bytes: await bytesOf(target),
        load: combine(ms, pool(ms.map((m) => m.load))),
      });
    }
  }
  return out;
}
