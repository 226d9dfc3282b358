// The process's metrics (CPU, memory, GC, event loop) are collected once per process: every
// gateway in it serves the same set, and making another gateway starts no second collector.
import { PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { parsePrometheus } from '../support/prometheus.js';

/** Short-lived garbage until the young generation has been collected `times` times. */
async function scavenge(times: number): Promise<number> {
  let seen = 0;
  const observer = new PerformanceObserver((list) => (seen += list.getEntries().length));
  observer.observe({ entryTypes: ['gc'] });
  for (let round = 0; round < 200 && seen < times; round++) {
    // Kept in an array for the round, so the compiler cannot leave the objects out.
    const junk: { i: number }[] = [];
    for (let i = 0; i < 200_000; i++) junk.push({ i });
    expect(junk).toHaveLength(200_000);
    // GC entries are delivered after the fact: let them in.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  observer.disconnect();
  return seen;
}

async function gcCount(metrics: GatewayMetrics): Promise<number> {
  const samples = parsePrometheus(await (await metrics.scrape()).text());
  const counts = samples.filter((s) => s.name === 'nodejs_gc_duration_seconds_count');
  expect(counts.length).toBeGreaterThan(0);
  return counts.reduce((sum, s) => sum + s.value, 0);
}

describe('process metrics', () => {
  it('are one set per process: a gateway made later counts the GCs before it too', async () => {
    const first = new GatewayMetrics({ maxOperations: 10 });
    // Collections between the two gateways: a collector of the second's own would miss them.
    expect(await scavenge(3)).toBeGreaterThanOrEqual(3);
    const second = new GatewayMetrics({ maxOperations: 10 });
    await scavenge(1);
    const [a, b] = [await gcCount(first), await gcCount(second)];
    // Not one per collection: prom-client observes the first GC of each batch Node delivers.
    expect(a).toBeGreaterThan(0);
    expect(b).toBe(a);
  });

  it('are served once by every gateway, beside its own metrics', async () => {
    const text = await (await new GatewayMetrics({ maxOperations: 10 }).scrape()).text();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_gc_duration_seconds',
      'nodejs_eventloop_lag_seconds',
      'gateway_graphql_requests_total',
    ]) {
      expect(text.split('\n').filter((l) => l.startsWith(`# TYPE ${name} `))).toHaveLength(1);
    }
  });
});
