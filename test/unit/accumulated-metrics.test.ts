// The gateway's accumulated counters and histograms are exposed exactly as prom-client's own
// Counter and Histogram expose the same observations (prom-client is the oracle here).
import fc from 'fast-check';
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { AccumulatedCounter, AccumulatedHistogram } from '../../src/observability/accumulated.js';

const BUCKETS = [0.005, 0.01, 0.1, 1, 10];
const LABELS = ['vendor', 'operation'] as const;

const event = fc.record({
  vendor: fc.constantFrom('userlane', 'userhero', 'a "quoted" \\ name'),
  operation: fc.constantFrom('feedback.list', 'nps.export', 'x\ny'),
  value: fc.oneof(
    fc.constantFrom(0, 0.005, 0.01, 10, 11),
    fc.double({ min: 0, max: 20, noNaN: true }),
  ),
});

async function expose(
  events: { vendor: string; operation: string; value: number }[],
): Promise<{ ours: string; theirs: string }> {
  const ours = new Registry();
  const theirs = new Registry();
  const counter = new AccumulatedCounter({
    name: 'c_total',
    help: 'h',
    labelNames: LABELS,
    registers: [ours],
  });
  const histogram = new AccumulatedHistogram({
    name: 'h_seconds',
    help: 'h',
    labelNames: LABELS,
    buckets: BUCKETS,
    registers: [ours],
  });
  const refCounter = new Counter({
    name: 'c_total',
    help: 'h',
    labelNames: LABELS,
    registers: [theirs],
  });
  const refHistogram = new Histogram({
    name: 'h_seconds',
    help: 'h',
    labelNames: LABELS,
    buckets: BUCKETS,
    registers: [theirs],
  });
  for (const { vendor, operation, value } of events) {
    counter.cell(vendor, operation).inc();
    histogram.cell(vendor, operation).observe(value);
    refCounter.inc({ vendor, operation });
    refHistogram.observe({ vendor, operation }, value);
  }
  return { ours: await ours.metrics(), theirs: await theirs.metrics() };
}

/** Lines in a stable order (series order follows first use in both, but say nothing of it). */
const lines = (text: string) => text.split('\n').filter(Boolean).sort();

describe('accumulated metrics', () => {
  it('expose the same text as prom-client for any observations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 60 }), async (events) => {
        const { ours, theirs } = await expose(events);
        // Sums are added in the same order, so they agree to the last digit.
        expect(lines(ours)).toEqual(lines(theirs));
        expect(ours).toContain('h_seconds_bucket{le="+Inf"');
      }),
      { numRuns: 200 },
    );
  });

  it('show no series before the first observation, as prom-client does', async () => {
    const { ours, theirs } = await expose([]);
    expect(lines(ours)).toEqual(lines(theirs));
    expect(ours).not.toContain('h_seconds_bucket');
  });

  it('keep counting in the same cell, report it in JSON with all labels, and start again from zero on a reset', async () => {
    const registry = new Registry();
    const histogram = new AccumulatedHistogram({
      name: 'j_seconds',
      help: 'h',
      labelNames: ['vendor'],
      buckets: [1],
      registers: [registry],
    });
    const cell = histogram.cell('planhat');
    expect(histogram.cell('planhat')).toBe(cell);
    cell.observe(0.5);
    cell.observe(2);
    const [metric] = await registry.getMetricsAsJSON();
    expect(metric?.values).toEqual([
      { metricName: 'j_seconds_bucket', labels: { le: 1, vendor: 'planhat' }, value: 1 },
      { metricName: 'j_seconds_bucket', labels: { le: '+Inf', vendor: 'planhat' }, value: 2 },
      { metricName: 'j_seconds_sum', labels: { vendor: 'planhat' }, value: 2.5 },
      { metricName: 'j_seconds_count', labels: { vendor: 'planhat' }, value: 2 },
    ]);
    const counter = new AccumulatedCounter({
      name: 'k_total',
      help: 'h',
      labelNames: ['vendor'],
      registers: [registry],
    });
    counter.cell('planhat').inc();
    expect(await registry.metrics()).toContain('k_total{vendor="planhat"} 1');
    registry.resetMetrics();
    expect((await registry.getMetricsAsJSON()).map((m) => m.values)).toEqual([[], []]);
  });
});
