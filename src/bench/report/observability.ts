// Scenario 6's table: CPU per request with metrics and tracing off, metrics on, and both on.
import type { ObservabilityReport } from '../scenarios/observability.js';
import { f } from './cells.js';

export function observabilityLines(report: ObservabilityReport | undefined): string[] {
  if (!report) return [];
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const cells = [
    'query',
    'variant',
    'saturated req/s',
    'offered req/s',
    'p50 / p99 ms',
    'gateway CPU ms/req',
    'CPU vs off',
  ];
  const lines = [
    '### 6. Metrics and tracing (CPU per request; targets: metrics on ≤ +3 %, tracing on ≤ +15 %)',
    '',
    'Each query is measured at one offered load for its three variants (60 % of the slowest',
    "one's saturated rate, in alternated rounds); the saturated rate is each variant's own.",
    '',
    row(cells),
    row(cells.map(() => '---')),
  ];
  for (const r of report.rows) {
    const m = r.measurement;
    lines.push(
      row([
        r.query,
        r.variant,
        f(r.saturatedRps, 0),
        f(r.offeredRps, 0),
        `${f(m.load.p50, 2)} / ${f(m.load.p99, 2)}`,
        f(m.cpuMsPerRequest, 3),
        `${r.cpuRatio >= 1 ? '+' : ''}${f((r.cpuRatio - 1) * 100, 1)} %`,
      ]),
    );
  }
  lines.push('', `Trace exports received by the sink: ${report.exportRequests}.`, '');
  return lines;
}
