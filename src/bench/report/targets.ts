// The issues' targets (7: the reads against Mesh, overhead, calls, export; 15: metrics and
// tracing), checked against one run's figures.
import { METRICS_VARIANT, TRACED_VARIANT } from '../scenarios/observability.js';
import { percent } from './cells.js';
import type { BenchReport } from './types.js';

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null | 'noise';
}

/** Scenario 7's targets: CPU per request over metrics and tracing off. */
const OBSERVABILITY_LIMITS: Record<string, { label: string; limit: number }> = {
  [METRICS_VARIANT]: { label: 'Metrics on', limit: 0.03 },
  [TRACED_VARIANT]: { label: 'Tracing on, every request sampled', limit: 0.15 },
};

const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

export function checkTargets(report: BenchReport): TargetCheck[] {
  const out: TargetCheck[] = [];
  const peer = report.scenarios.peer;
  if (peer) {
    for (const read of peer.reads) {
      if (!read.mesh || !read.rpsRatio || !read.p99Ratio) {
        out.push({
          target: `${read.read}: ≥2× Mesh req/s, ≤½ its p99`,
          measured: 'Mesh not run',
          met: null,
        });
        continue;
      }
      out.push({
        target: `${read.read}: ≥2× Mesh req/s, ≤½ its p99`,
        measured: `${f(read.rpsRatio.pooled, 2)}× req/s (rounds ${read.rpsRatio.rounds.map((r) => f(r, 2)).join(', ')}); p99 ${f(read.p99Ratio.pooled, 2)}× (${f(read.gateway.load.p99)} vs ${f(read.mesh.load.p99)} ms)`,
        met: read.rpsRatio.pooled >= 2 && read.p99Ratio.pooled <= 0.5,
      });
    }
    const page2 = peer.linked.find((c) => c.server === 'gateway' && c.page === 2);
    const page1 = peer.linked.find((c) => c.server === 'gateway' && c.page === 1);
    const mesh2 = peer.linked.find((c) => c.server === 'mesh' && c.page === 2);
    if (page2) {
      out.push({
        target: 'Linked read: one customer lookup per distinct email',
        measured: `${page2.customerLookups} lookups for ${page2.distinctEmails} distinct emails, ${page2.repeatedLookups} repeated${mesh2 ? ` (Mesh: ${mesh2.customerLookups} lookups, ${mesh2.repeatedLookups} repeated)` : ''}`,
        met: page2.customerLookups === page2.distinctEmails && page2.repeatedLookups === 0,
      });
    }
    if (page1) {
      out.push({
        target: 'Linked read: items without an email cost nothing and fail nothing',
        measured: `page 1: ${page1.itemsWithoutEmail} items without email, ${page1.customerLookups} lookups for ${page1.distinctEmails} emails, ${page1.errors} errors`,
        met:
          page1.itemsWithoutEmail > 0
            ? page1.errors === 0 && page1.customerLookups === page1.distinctEmails
            : null,
      });
    }
    const gatewayRss = Math.max(...peer.reads.map((r) => r.gateway.usage.rssPeakMiB));
    const meshRss = peer.reads.some((r) => r.mesh)
      ? Math.max(...peer.reads.map((r) => r.mesh?.usage.rssPeakMiB ?? 0))
      : Number.NaN;
    out.push({
      target: `Gateway RSS under ${report.settings.connections} connections ≤ ⅓ of Mesh’s`,
      measured: Number.isFinite(meshRss)
        ? `peak ${f(gatewayRss, 0)} MiB vs Mesh ${f(meshRss, 0)} MiB (${f(gatewayRss / meshRss, 2)}×)`
        : `peak ${f(gatewayRss, 0)} MiB (Mesh not run)`,
      met: Number.isFinite(meshRss) ? gatewayRss <= meshRss / 3 : null,
    });
  }
  for (const row of report.scenarios.overhead ?? []) {
    if (!row.vendor) continue;
    out.push({
      target: `Overhead (${row.query}): ≤1 ms p50 above the vendor`,
      measured: `+${f(row.overheadP50Ms, 2)} ms (gateway ${f(row.gateway.load.p50, 2)} vs vendor ${f(row.vendor.load.p50, 2)} ms)`,
      met: row.overheadP50Ms <= 1,
    });
  }
  for (const row of report.scenarios.parallelism ?? []) {
    out.push({
      target: `Parallelism (${row.name}): wall ≤ critical path + 5 ms at ${row.latencyMs} ms`,
      measured: `wall ${f(row.wallP50Ms, 0)} ms vs critical path ${f(row.criticalPathP50Ms, 0)} ms: +${f(row.excessP50Ms)} ms (p50)`,
      met: row.excessP50Ms <= 5,
    });
  }
  for (const row of report.scenarios.dashboards ?? []) {
    out.push({
      target: `Vendor calls per request (${row.name}) = minimum`,
      measured: `${f(row.load.vendorCallsPerRequest, 2)} under load, ${row.budget.calls} traced; minimum ${row.budget.minimum}${row.cold ? `; first request, caches empty: ${row.cold.calls}, minimum ${row.cold.minimum}` : ''}`,
      met:
        row.budget.calls === row.budget.minimum &&
        Math.abs(row.load.vendorCallsPerRequest - row.budget.minimum) < 0.5 &&
        (row.cold === undefined || row.cold.calls === row.cold.minimum),
    });
  }
  for (const row of report.scenarios.observability?.rows ?? []) {
    const target = OBSERVABILITY_LIMITS[row.variant];
    if (!target) continue;
    const { low, high } = row.interval;
    const line = 1 + target.limit;
    out.push({
      target: `${target.label} (${row.query}): CPU per request ≤ ${percent(line)} over both off`,
      measured: `${percent(row.cpuRatio)} (95 % interval ${percent(low)} … ${percent(high)}, ${row.roundRatios.length} rounds)`,
      // Decided only when the whole interval is on one side of the line.
      met: high <= line ? true : low > line ? false : 'noise',
    });
  }
  const exp = report.scenarios.export;
  if (exp) {
    out.push({
      target: 'Export: ≥50,000 records/s, memory flat',
      measured: `${f(exp.recordsPerSecond, 0)} records/s; heap after GC ${exp.growthMiB >= 0 ? '+' : ''}${f(exp.growthMiB)} MiB over the run; RSS peak ${f(exp.rssMiB.peak, 0)} MiB`,
      met: exp.recordsPerSecond >= 50_000 && exp.flat,
    });
  }
  return out;
}
