// `npm run bench`: the gateway and the GraphQL Mesh peer side by side (see issue 7), written to
// bench/results/<timestamp>.json and bench/README-figures.md, and printed as markdown.
//
// Arguments (defaults finish in a few minutes on 2 cores):
//   --duration 5        seconds per measured round (and per server)
//   --rounds 2          alternated rounds per comparison (A B A B)
//   --warmup 2          seconds of warm-up per server and query
//   --connections 20    autocannon connections for the throughput scenarios
//   --scale 1           sandbox volume for scenarios 1-4
//   --export-scale 50   sandbox volume for the export (100,000 Planhat records at 50)
//   --records 100000    records to page through in the export
//   --seed 37           sandbox seed (37: page 2 of feedback has an email on every item and one
//                       repeated email, the case the peer's README measures; see bench notes)
//   --latency 50        vendor latency for the parallelism scenario
//   --traced 30         requests traced one by one in the parallelism scenario
//   --scenarios all     or a comma list of peer,dashboard,overhead,parallelism,export,replicas,
//                       observability,clients,fidelity (or 1-9); replicas: 1 replica without
//                       Redis, 1 with, 2 with (ports +40..+48); fidelity: the issue-12 cases'
//                       calls per request under both readings of the docs (ports +50..+61)
//   --peer mesh         or none; mesh installs ../shared/peers/mesh into --peer-dir
//   --peer-dir <tmp>/feedback-gateway-bench/mesh-peer
//   --port 4300         first of the ports used (sandbox, gateway, peer, export: up to +31);
//                       4200 + 22 would be NATS's 4222 on machines that run it
//   --profile           run the gateway under --cpu-prof (bench/results/profiles/*.cpuprofile)
//   --gateway-node-args="--max-old-space-size=64"   extra node flags for the gateway process
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startGatewayProcess } from './gateway-process.js';
import { installMeshPeer, type MeshPeer, startMeshPeer } from './mesh-peer.js';
import { snapshot } from './proc-stats.js';
import { renderMarkdown } from './report/markdown.js';
import type { BenchReport } from './report/types.js';
import { sandboxControl } from './sandbox-control.js';
import { startSandboxProcess } from './sandbox-process.js';
import { type Scenario, scenarioList } from './scenario-list.js';
import { clientsScenario } from './scenarios/clients.js';
import { dashboardLoad } from './scenarios/dashboards.js';
import { exportScenario } from './scenarios/export.js';
import { fidelityScenario, renderFidelity } from './scenarios/fidelity.js';
import { observabilityScenario } from './scenarios/observability.js';
import { overhead } from './scenarios/overhead.js';
import { parallelism } from './scenarios/parallelism.js';
import { peerReads } from './scenarios/peer-reads.js';
import { renderReplicas, replicasScenario } from './scenarios/replicas.js';
import type { BenchSettings, Server } from './targets.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '20' },
    scale: { type: 'string', default: '1' },
    'export-scale': { type: 'string', default: '50' },
    records: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '37' },
    latency: { type: 'string', default: '50' },
    traced: { type: 'string', default: '30' },
    scenarios: { type: 'string', default: 'all' },
    peer: { type: 'string', default: 'mesh' },
    'peer-dir': { type: 'string', default: join(tmpdir(), 'feedback-gateway-bench', 'mesh-peer') },
    port: { type: 'string', default: '4300' },
    profile: { type: 'boolean', default: false },
    'gateway-node-args': { type: 'string', default: '' },
  },
});

const num = (name: keyof typeof values, min = 0): number => {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`--${name} must be a number ≥ ${min}`);
  return value;
};

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const resultsDir = join(repoRoot, 'bench', 'results');
const gatewayNodeArgs = [
  ...(values['gateway-node-args'] ?? '').split(/\s+/).filter(Boolean),
  ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(resultsDir, 'profiles')}`] : []),
];
const scenarios = scenarioList(values.scenarios!);
const settings: BenchSettings = {
  seconds: num('duration', 0.5),
  warmupSeconds: num('warmup'),
  rounds: Math.round(num('rounds', 1)),
  connections: Math.round(num('connections', 1)),
};
const port = Math.round(num('port', 1024));
const peerWanted = values.peer === 'mesh';
if (!peerWanted && values.peer !== 'none') throw new Error('--peer is mesh or none');

const started = new Date();
const report: BenchReport = {
  startedAt: started.toISOString(),
  minutes: 0,
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  },
  settings: {
    ...settings,
    scale: num('scale', 0.01),
    exportScale: num('export-scale', 0.01),
    seed: Math.round(num('seed')),
    latencyMs: num('latency'),
    peer: values.peer!,
    gatewayNodeArgs: gatewayNodeArgs.join(' '),
  },
  idleRssMiB: {},
  scenarios: {},
  failures: [],
};

async function attempt<T>(scenario: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`bench: ${scenario} failed: ${message}\n`);
    report.failures.push({ scenario, error: message.split('\n')[0]!.slice(0, 300) });
    return undefined;
  }
}

const needsLoadStack = [
  'peer',
  'dashboard',
  'overhead',
  'parallelism',
  'observability',
  'clients',
].some((s) => scenarios.has(s as Scenario));
if (needsLoadStack) {
  const sandbox = await startSandboxProcess({
    scale: report.settings.scale,
    port,
    seed: report.settings.seed,
  });
  const stops: (() => Promise<void>)[] = [() => sandbox.stop()];
  try {
    const control = sandboxControl(sandbox.controlUrl, sandbox.child.pid);
    const gw = await startGatewayProcess({
      sandboxEnv: sandbox.env,
      port: port + 10,
      nodeArgs: gatewayNodeArgs,
    });
    stops.unshift(() => gw.stop());
    const gateway: Server = { name: 'gateway', url: gw.url, pid: gw.child.pid };

    let mesh: { server: Server; peer: MeshPeer } | undefined;
    let meshUnavailable: string | undefined = peerWanted
      ? undefined
      : 'not asked for (--peer none)';
    if (peerWanted && scenarios.has('peer')) {
      try {
        await installMeshPeer(repoRoot, values['peer-dir']!);
        const peer = await startMeshPeer({
          dir: values['peer-dir']!,
          sandboxEnv: sandbox.env,
          port: port + 11,
        });
        stops.unshift(() => peer.stop());
        mesh = { server: { name: 'mesh', url: peer.url, pid: peer.child.pid }, peer };
        report.peer = { version: peer.version };
      } catch (error) {
        meshUnavailable = `could not install or start the Mesh peer: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
        process.stderr.write(`bench: ${meshUnavailable}\n`);
      }
    }
    if (meshUnavailable) report.peer = { unavailable: meshUnavailable };
    report.idleRssMiB = {
      gateway: snapshot(gateway.pid).rssMiB,
      ...(mesh ? { mesh: snapshot(mesh.server.pid).rssMiB } : {}),
      sandbox: snapshot(sandbox.child.pid).rssMiB,
    };

    if (scenarios.has('peer')) {
      report.scenarios.peer = await attempt('peer', () =>
        peerReads({
          gateway,
          ...(mesh ? { mesh } : {}),
          ...(meshUnavailable ? { meshUnavailable } : {}),
          sandbox: control,
          workspaceId: sandbox.env.USERHERO_WORKSPACE_ID ?? '',
          settings,
        }),
      );
    }
    // The peer's job is done: its memory and CPU must not weigh on the gateway-only scenarios.
    if (mesh) await mesh.peer.stop();
    if (scenarios.has('dashboard')) {
      report.scenarios.dashboards = await attempt('dashboard', () =>
        dashboardLoad({ gateway, sandbox: control, settings }),
      );
    }
    if (scenarios.has('overhead')) {
      report.scenarios.overhead = await attempt('overhead', () =>
        overhead({
          gateway,
          sandbox: control,
          sandboxPid: sandbox.child.pid,
          env: sandbox.env,
          settings: { ...settings, seconds: Math.max(1, settings.seconds / 2) },
        }),
      );
    }
    if (scenarios.has('parallelism')) {
      report.scenarios.parallelism = await attempt('parallelism', () =>
        parallelism({
          gateway,
          sandbox: control,
          latencyMs: report.settings.latencyMs,
          requests: Math.round(num('traced', 1)),
        }),
      );
    }
    if (scenarios.has('observability')) {
      report.scenarios.observability = await attempt('observability', () =>
        observabilityScenario({
          sandboxEnv: sandbox.env,
          sandbox: control,
          settings,
          // The main gateway rests meanwhile; these three take ports +12..+14.
          port: port + 12,
          nodeArgs: gatewayNodeArgs,
        }),
      );
    }
    if (scenarios.has('clients')) {
      report.scenarios.clients = await attempt('clients', () =>
        clientsScenario({ gateway, sandbox: control, settings }),
      );
    }
  } finally {
    for (const stop of stops) await stop();
  }
}

if (scenarios.has('export')) {
  report.scenarios.export = await attempt('export', () =>
    exportScenario({
      scale: report.settings.exportScale,
      seed: report.settings.seed,
      records: Math.round(num('records', 1)),
      port: port + 20,
      nodeArgs: gatewayNodeArgs,
    }),
  );
}

if (scenarios.has('replicas')) {
  report.scenarios.replicas = await attempt('replicas', () =>
    replicasScenario({ port: port + 40, settings, nodeArgs: gatewayNodeArgs }),
  );
}

if (scenarios.has('fidelity')) {
  report.scenarios.fidelity = await attempt('fidelity', () =>
    fidelityScenario({ port: port + 50, seed: report.settings.seed, nodeArgs: gatewayNodeArgs }),
  );
}

report.minutes = (Date.now() - started.getTime()) / 60_000;
const markdown =
  renderMarkdown(report) +
  (report.scenarios.replicas ? `\n${renderReplicas(report.scenarios.replicas)}` : '') +
  (report.scenarios.fidelity ? `\n${renderFidelity(report.scenarios.fidelity)}` : '');
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `${started.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(report, stripLatencies, 2)}\n`);
// A partial run (--scenarios) would leave the README's figures half empty: only full runs land.
if (values.scenarios === 'all')
  writeFileSync(join(repoRoot, 'bench', 'README-figures.md'), markdown);
process.stdout.write(`${markdown}\nReport: ${file}\n`);
process.exit(report.failures.length > 0 ? 1 : 0);

/** Raw latencies and RSS samples would make the JSON megabytes long: percentiles are kept. */
function stripLatencies(key: string, value: unknown) {
  return key === 'latencies' || key === 'samples' ? undefined : value;
}
