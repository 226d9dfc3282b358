// Scenario 5: 100,000 records paged through one connection, against a gateway process over a
// sandbox at benchmark scale: records/s, and whether the gateway's memory stays flat (the
// bridge holds one page at a time). The gateway runs with --inspect on a loopback port, so the
// live heap after a full GC can be read every 10 pages (10,000 records) without touching its code.
import { Client } from 'undici';
import { startGatewayProcess } from '../gateway-process.js';
import { connectInspector } from '../inspector.js';
import { EXPORT_PAGE } from '../operations.js';
import { sampleProcess, snapshot } from '../proc-stats.js';
import { sandboxControl } from '../sandbox-control.js';
import { startSandboxProcess } from '../sandbox-process.js';

export interface ExportReport {
  scale: number;
  records: number;
  pages: number;
  seconds: number;
  recordsPerSecond: number;
  pageP50Ms: number;
  /** The sandbox's own time per vendor call (its log), p50: the part of a page the gateway does not spend. */
  vendorP50Ms: number;
  vendorCallsPerPage: number;
  vendorPageSize: string;
  rssMiB: { start: number; peak: number; end: number };
  /** Live heap after a full GC every 10 pages, MiB. */
  heapAfterGcMiB: number[];
  /** Heap after GC, last sample minus the first (after the first 10 pages: JIT and caches warm). */
  growthMiB: number;
  flat: boolean;
}

const SAMPLE_EVERY = 10;
/** Pages walked (from the first) before the measured walk. */
const WARM_UP_PAGES = 30;

export async function exportScenario(options: {
  scale: number;
  seed: number;
  records: number;
  port: number;
  nodeArgs?: string[];
}): Promise<ExportReport> {
  process.stderr.write(`bench: export, sandbox at scale ${options.scale}\n`);
  const sandbox = await startSandboxProcess({
    scale: options.scale,
    port: options.port,
    seed: options.seed,
  });
  const inspectPort = options.port + 11;
  const gateway = await startGatewayProcess({
    sandboxEnv: sandbox.env,
    port: options.port + 10,
    nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`, ...(options.nodeArgs ?? [])],
  }).catch(async (error: unknown) => {
    await sandbox.stop();
    throw error;
  });
  const control = sandboxControl(sandbox.controlUrl);
  const url = new URL(gateway.url);
  const client = new Client(url.origin, { keepAliveTimeout: 60_000 });
  const probe = await connectInspector(inspectPort);
  try {
    const pid = gateway.child.pid;
    const page = async (after: string | null) => {
      const response = await client.request({
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: EXPORT_PAGE, variables: { after } }),
      });
      const body = (await response.body.json()) as {
        data?: {
          npsResponses: {
            edges: unknown[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
        errors?: unknown[];
      };
      if (!body.data || body.errors) {
        throw new Error(`export page failed: ${JSON.stringify(body.errors)}`);
      }
      return body.data.npsResponses;
    };
    // Warm-up, as every other scenario has: the first pages of a fresh process run before the
    // JIT has compiled the hot path. The measured walk starts over from the first page.
    let warm: string | null = null;
    for (let i = 0; i < WARM_UP_PAGES; i++) {
      const connection = await page(warm);
      if (!connection.pageInfo.hasNextPage) break;
      warm = connection.pageInfo.endCursor;
    }
    /** One walk of `options.records` from the first page; `eachPage` runs outside the clock. */
    const walk = async (eachPage: (pages: number) => Promise<void>) => {
      const pageMs: number[] = [];
      let paused = 0;
      let records = 0;
      let pages = 0;
      let after: string | null = null;
      const started = performance.now();
      while (records < options.records) {
        const t0 = performance.now();
        const connection = await page(after);
        pageMs.push(performance.now() - t0);
        records += connection.edges.length;
        pages++;
        const t1 = performance.now();
        await eachPage(pages);
        paused += performance.now() - t1;
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      return { records, pages, pageMs, seconds: (performance.now() - started - paused) / 1000 };
    };

    // Throughput and RSS: a walk left alone. A forced full GC costs the pages after it far more
    // than its own pause (a fresh heap, code flushed), so heap samples take a walk of their own.
    await control.clearLog();
    const start = snapshot(pid).rssMiB;
    const sampler = sampleProcess(pid, 100);
    const { records, pages, pageMs, seconds } = await walk(async () => {});
    const usage = sampler.stop();
    const calls = await control.counts();
    const logged = await control.entries();
    const vendorMs = logged.map((e) => e.durationMs).sort((a, b) => a - b);
    const sizes = [...new Set(logged.map((e) => String(e.query.limit ?? e.query.pageSize ?? '?')))];
    pageMs.sort((a, b) => a - b);
    // Memory: the same walk again, the live heap read after a full GC every 10 pages.
    const heap: number[] = [];
    await walk(async (n) => {
      if (n % SAMPLE_EVERY === 0) heap.push(await probe.heapAfterGcMiB());
    });
    const growthMiB = heap.length >= 2 ? heap.at(-1)! - heap[0]! : Number.NaN;
    return {
      scale: options.scale,
      records,
      pages,
      seconds,
      recordsPerSecond: records / seconds,
      pageP50Ms: pageMs[Math.floor(pageMs.length / 2)] ?? Number.NaN,
      vendorP50Ms: vendorMs[Math.floor(vendorMs.length / 2)] ?? Number.NaN,
      vendorCallsPerPage: calls.total / pages,
      vendorPageSize: sizes.slice(0, 3).join(', '),
      rssMiB: { start, peak: usage.rssPeakMiB, end: usage.rssLastMiB },
      heapAfterGcMiB: heap.map((mib) => Math.round(mib * 10) / 10),
      growthMiB,
      // One page's worth of objects and a warm-up's caches are not growth with the list.
      flat: growthMiB <= 2,
    };
  } finally {
    probe.close();
    await client.close();
    await gateway.stop();
    await sandbox.stop();
  }
}
