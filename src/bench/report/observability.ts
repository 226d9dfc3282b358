// Scenario 7's table: CPU per request with metrics and tracing off, metrics on, and both on.
import { BASELINE_VARIANT, type ObservabilityReport } from '../scenarios/observability.js';
import { f, percent } from './cells.js';

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
    '95 % interval',
    'rounds: median (min – max)',
    'traced over metrics on (95 % interval)',
  ];
  const lines = [
    '### 7. Metrics and tracing (CPU per request; targets: metrics on ≤ +3 %, tracing on ≤ +15 %)',
    '',
    'The three variants of a query are measured at the same time, each at one offered load (a',
    "quarter of the slowest one's saturated rate), in rounds whose start order turns, so that each",
    "variant is sent to first, second and last as often; the saturated rate is each variant's own,",
    'measured alone. The 95 % interval is a bootstrap of the pooled figure over the rounds (each',
    "round's three shares resampled together, so the drift they share drops out): how far the",
    "rounds' spread lets the figure be trusted. The last column is the traced variant over metrics",
    'on, with its own interval: what tracing adds to the default configuration.',
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
        percent(r.cpuRatio),
        r.variant === BASELINE_VARIANT
          ? ''
          : `${percent(r.interval.low)} … ${percent(r.interval.high)}`,
        spread(r.roundRatios),
        r.overMetrics
          ? `${percent(r.overMetrics.ratio)} (${percent(r.overMetrics.interval.low)} … ${percent(r.overMetrics.interval.high)})`
          : '',
      ]),
    );
  }
  lines.push('', `Trace exports received by the sink: ${report.exportRequests}.`, '');
  return lines;
}

function spread(ratios: readonly number[]): string {
  if (ratios.length === 0) return '';
  const median = ratios[Math.floor((ratios.length - 1) / 2)]!;
  return `${percent(median)} (${percent(ratios[0]!)} – ${percent(ratios.at(-1)!)})`;
}
