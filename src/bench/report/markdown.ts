// The report as markdown tables: printed after a run and written to bench/README-figures.md.
import { f, int, loadCells, mark } from './cells.js';
import { clientsTable } from './clients.js';
import { observabilityLines } from './observability.js';
import { checkTargets } from './targets.js';
import type { BenchReport } from './types.js';

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
/** A table's header row and its separator. */
const header = (cells: string[]) => [row(cells), row(cells.map(() => '---'))];

export function renderMarkdown(report: BenchReport): string {
  const s = report.settings;
  const lines: string[] = [];
  lines.push('## Benchmark figures', '');
  lines.push(
    'Run: `npm run bench` (about 8 minutes on 2 cores; the first run also installs the Mesh peer outside the repository). Options: `npm run bench -- --duration 10 --rounds 3 --connections 20 --scale 1 --export-scale 50 --scenarios peer,dashboard,overhead,parallelism,export,replicas,observability,clients,fidelity --peer mesh|none` (see src/bench/main.ts). Each run writes bench/results/<time>.json; a full run also rewrites this file.',
    '',
  );
  lines.push(
    `${report.startedAt.slice(0, 16).replace('T', ' ')} UTC, Node ${report.machine.node} on ${report.machine.cpus} cores (${report.machine.cpuModel}), ${report.minutes.toFixed(1)} min. ` +
      `\`npm run bench\` defaults: ${s.connections} connections, ${s.rounds} alternated rounds of ${s.seconds} s per server after ${s.warmupSeconds} s of warm-up; ` +
      `sandbox scale ${s.scale} (seed ${s.seed}), export at scale ${s.exportScale}. ` +
      `Sandbox, gateway (NODE_ENV=production${s.gatewayNodeArgs ? `, node ${s.gatewayNodeArgs}` : ''}) and peer each run in their own process; load comes from autocannon in the harness process, on the same cores.`,
    '',
  );
  if (report.peer && 'version' in report.peer)
    lines.push(`Peer: ${report.peer.version}, one worker.`, '');
  if (report.peer && 'unavailable' in report.peer)
    lines.push(`Peer: not run (${report.peer.unavailable}).`, '');
  const idle = report.idleRssMiB;
  lines.push(
    `Idle RSS after start: gateway ${f(idle.gateway, 0)} MiB${idle.mesh !== undefined ? `, Mesh ${f(idle.mesh, 0)} MiB` : ''}, sandbox ${f(idle.sandbox, 0)} MiB.`,
    '',
  );

  const peer = report.scenarios.peer;
  if (peer) {
    lines.push(`### 1. The peer's reads, gateway vs Mesh (alternated A B A B)`, '');
    lines.push(
      ...header([
        'read',
        'server',
        'req/s',
        'p50 / p99 ms',
        'vendor calls/req',
        'RSS peak MiB',
        'CPU ms/req',
        'sandbox CPU ms/req',
        'gateway ÷ Mesh',
      ]),
    );
    for (const read of peer.reads) {
      const ratio =
        read.rpsRatio && read.p99Ratio
          ? `${f(read.rpsRatio.pooled, 2)}× req/s, ${f(read.p99Ratio.pooled, 2)}× p99`
          : '';
      const gErrs = read.gateway.load.non2xx + read.gateway.load.graphqlErrors;
      lines.push(
        row([
          read.read,
          `gateway${gErrs ? ` (${int(gErrs)} with errors)` : ''}`,
          ...loadCells(read.gateway),
          ratio,
        ]),
      );
      if (read.mesh) {
        const { non2xx, graphqlErrors } = read.mesh.load;
        const note = [
          non2xx ? `${int(non2xx)} non-2xx` : '',
          graphqlErrors ? `${int(graphqlErrors)} with errors` : '',
        ]
          .filter(Boolean)
          .join(', ');
        lines.push(row(['', `Mesh${note ? ` (${note})` : ''}`, ...loadCells(read.mesh), '']));
      }
    }
    lines.push(
      '',
      'The linked read, one request each (customer lookups counted in the sandbox log):',
      '',
    );
    lines.push(
      ...header([
        'page',
        'server',
        'HTTP',
        'items (without email)',
        'distinct emails',
        'customer lookups (repeated)',
        'items with a customer',
        'errors',
      ]),
    );
    for (const c of peer.linked) {
      lines.push(
        row([
          String(c.page),
          c.server === 'mesh' ? 'Mesh' : 'gateway',
          String(c.status),
          `${c.items} (${c.itemsWithoutEmail})`,
          String(c.distinctEmails),
          `${c.customerLookups} (${c.repeatedLookups})`,
          String(c.itemsWithCustomer),
          c.errors ? `${c.errors}: ${c.firstError ?? ''}`.slice(0, 90) : '0',
        ]),
      );
    }
    lines.push('');
  }

  const dash = report.scenarios.dashboards;
  if (dash) {
    lines.push(
      `### 2. Dashboards from schema/operations (gateway only, ${s.connections} connections)`,
      '',
    );
    lines.push(
      ...header([
        'query',
        'req/s',
        'p50 / p99 ms',
        'vendor calls/req',
        'RSS peak MiB',
        'CPU ms/req',
        'sandbox CPU ms/req',
        'minimum calls',
      ]),
    );
    for (const d of dash) {
      const errs = d.load.load.non2xx + d.load.load.graphqlErrors;
      const name = `${d.name}${errs ? ` (${int(errs)} with errors)` : ''}`;
      lines.push(row([name, ...loadCells(d.load), String(d.budget.minimum)]));
    }
    lines.push('');
    for (const d of dash) {
      lines.push(
        `${d.name}, one request after the warm-up (${d.budget.calls} calls; minimum ${d.budget.minimum}: every distinct list read once, in the vendor's largest pages; a list's smaller or filtered reads cost nothing when the request reads it whole; what the cross-request caches hold costs nothing):`,
      );
      const kinds = (budget: typeof d.budget) =>
        budget.byKind.map(
          (k) =>
            `- \`${k.kind}\`: ${k.lists} list${k.lists === 1 ? '' : 's'}, ${k.calls} call${k.calls === 1 ? '' : 's'}${k.pageSize ? ` (page size ${k.pageSize})` : ''}${k.repeated ? `, ${k.repeated} repeated` : ''}${k.covered ? `, ${k.covered} covered by a whole read of the same list in this request` : ''}; minimum ${k.minimum}`,
        );
      lines.push(...kinds(d.budget), '');
      if (d.cold) {
        lines.push(
          `The same query as the run's first request, every cache of the gateway empty (${d.cold.calls} calls; minimum ${d.cold.minimum}):`,
          ...kinds(d.cold),
          '',
        );
      }
    }
  }

  const over = report.scenarios.overhead;
  if (over) {
    lines.push(
      '### 3. Gateway overhead (1 connection, 0 ms vendor latency, alternated with the same vendor call made directly)',
      '',
    );
    lines.push(
      ...header([
        'query',
        'vendor call',
        'gateway p50 / p99 ms',
        'vendor p50 / p99 ms',
        'overhead p50 / p99 ms',
        'gateway CPU ms/req',
      ]),
    );
    for (const o of over) {
      lines.push(
        row([
          o.query,
          o.vendorCall ? `\`${o.vendorCall.replace(/workspaceId=[^&]+&?/, '')}\`` : 'none',
          `${f(o.gateway.load.p50, 2)} / ${f(o.gateway.load.p99, 2)}`,
          o.vendor ? `${f(o.vendor.load.p50, 2)} / ${f(o.vendor.load.p99, 2)}` : '–',
          `${f(o.overheadP50Ms, 2)} / ${f(o.overheadP99Ms, 2)}`,
          f(o.gateway.cpuMsPerRequest, 2),
        ]),
      );
    }
    lines.push('');
  }

  const par = report.scenarios.parallelism;
  if (par) {
    lines.push(
      `### 4. Parallelism (${par[0]?.latencyMs ?? s.latencyMs} ms on every vendor call, one request at a time)`,
      '',
    );
    lines.push(
      ...header([
        'query',
        'requests',
        'wall p50 ms',
        'critical path p50 ms',
        'wall − critical path p50 / max ms',
        'critical path with parallel pages ms',
        'vendor calls/req',
      ]),
    );
    for (const p of par) {
      lines.push(
        row([
          p.name,
          String(p.requests),
          f(p.wallP50Ms, 0),
          f(p.criticalPathP50Ms, 0),
          `${f(p.excessP50Ms)} / ${f(p.excessMaxMs)}`,
          f(p.typical.msWithParallelPages, 0),
          f(p.vendorCallsPerRequest, 1),
        ]),
      );
    }
    lines.push('');
    for (const p of par) {
      lines.push(
        `${p.name}: critical path of ${p.typical.calls} calls, ${p.typical.steps.join(' → ')}; gateway time between them ${f(p.typical.gapsMs, 0)} ms.` +
          (p.typical.staggeredFanOuts.length
            ? ` Fan-outs started in waves: ${p.typical.staggeredFanOuts.map((x) => `\`${x.kind}\` (${x.chains} lists over ${x.spreadMs} ms)`).join(', ')}.`
            : ''),
        '',
      );
    }
  }

  lines.push(...clientsTable(report.scenarios.clients));
  const exp = report.scenarios.export;
  if (exp) {
    lines.push(
      `### 5. Export (sandbox scale ${exp.scale}, \`npsResponses(first: 1000)\` paged by cursor, one connection)`,
      '',
    );
    lines.push(
      ...header([
        'records',
        'records/s',
        'page p50 ms',
        'vendor call p50 ms (sandbox)',
        'vendor calls/page (limit)',
        'RSS start / peak / end MiB',
        'heap after GC, first → last MiB',
        'memory flat',
      ]),
    );
    const heap = exp.heapAfterGcMiB;
    lines.push(
      row([
        int(exp.records),
        int(exp.recordsPerSecond),
        f(exp.pageP50Ms, 2),
        f(exp.vendorP50Ms, 0),
        `${f(exp.vendorCallsPerPage, 2)} (${exp.vendorPageSize})`,
        `${f(exp.rssMiB.start, 0)} / ${f(exp.rssMiB.peak, 0)} / ${f(exp.rssMiB.end, 0)}`,
        heap.length
          ? `${f(heap[0])} → ${f(heap.at(-1))} (${heap.length} samples, max ${f(Math.max(...heap))})`
          : 'n/a',
        `${exp.flat ? 'yes' : 'no'} (${exp.growthMiB >= 0 ? '+' : ''}${f(exp.growthMiB)} MiB)`,
      ]),
    );
    lines.push('');
  }

  lines.push(...observabilityLines(report.scenarios.observability));
  lines.push(
    '### How these are measured',
    '',
    '- Requests/s and latency: autocannon (exact per-response times, not its whole-millisecond histogram); a measured run sends as many requests as its warm-up rate allows in the run time, so none is left in flight when vendor calls are counted. Gateway and Mesh alternate round by round; ratios are taken within the run.',
    '- Vendor calls per request: the sandbox request log, cleared before each run and read once the log is quiet, divided by requests sent.',
    '- RSS and CPU: `/proc/<pid>/status` VmRSS and `/proc/<pid>/stat` utime+stime of the server process and its children, sampled every 200 ms; CPU ms/req is CPU time over requests.',
    `- Overhead: one request at a time, gateway then the very vendor call it made (replayed from the sandbox log with the same URL and credentials), alternated; overhead is the difference of the medians. \`{ __typename }\` is the floor: HTTP, GraphQL and the server's plugins with no vendor call.`,
    `- Parallelism: ${s.latencyMs} ms added to every vendor call; each traced request's calls are read from the sandbox log (start, duration). A call waits for the previous page of its list, else for the last call that ended before the first call of its kind began (a fan-out waits for what triggered it, not for its own earlier waves). The critical path is the longest such chain of vendor times; wall − critical path is time the gateway added (CPU between calls, fan-outs run in waves). "With parallel pages" is the same path when pages after the first are fetched together where the vendor reports a total (UserLoop /responses).`,
    "- Minimum calls: each distinct list read once in the vendor's largest pages (Planhat 10,000, Userlane 5,000, UserLoop 200, UserHero 100); smaller reads of a list the request also reads whole, and filtered reads of such a list, cost nothing; caches that outlive a request (survey catalog) are warm.",
    `- Export: heap is read through the gateway's inspector (\`--inspect\` on loopback): a forced full GC every 10 pages of 1,000 records, then the used heap, in a second walk of its own: a forced GC slows the pages after it well beyond its own pause, so records/s and RSS come from a first walk left alone. Both follow a warm-up walk of 30 pages (a fresh process's first pages run before the JIT compiled the hot path) and start from the first page.`,
    `- The sandbox runs with UserHero's rate limit raised (\`--userhero-rate-limit\`) and the gateway with \`USERHERO_RATE_LIMIT=1000000\`; seed ${s.seed} gives a page 2 of feedback where every item has an email and one email repeats (the case the peer's README measures; with other seeds page 2 holds an item without email, on which Mesh fails the whole query).`,
    '',
  );
  lines.push('### Targets', '');
  lines.push(row(['target', 'measured', '']));
  lines.push(row(['---', '---', '---']));
  for (const t of checkTargets(report)) lines.push(row([t.target, t.measured, mark(t.met)]));
  for (const failure of report.failures)
    lines.push('', `Scenario ${failure.scenario} failed: ${failure.error}`);
  lines.push('');
  return lines.join('\n');
}
