// Scenario "export": 100,000 records paged through one connection, with records/s and the
// gateway's memory over the run (it must stay flat: the bridge holds one page at a time).
import { loadConfig } from '../config.js';
import { silentLogger } from '../logger.js';
import { createGateway } from '../server.js';
import { createServices } from '../services.js';
import { startSandboxProcess } from './sandbox-process.js';

export interface ExportReport {
  records: number;
  pages: number;
  seconds: number;
  recordsPerSecond: number;
  rssMiB: { start: number; peak: number };
  /** Live heap after a full GC every 100 pages: flat when nothing grows with the list. */
  heapAfterGcMiB: number[];
}

const MiB = 1024 * 1024;

export async function exportScenario(options: { scale: number; records: number; port: number }) {
  const sandbox = await startSandboxProcess({ scale: options.scale, port: options.port });
  const services = createServices(loadConfig({ ...sandbox.env, LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
    sandbox: true,
  });
  const yoga = createGateway(services);
  const query = `query($after: String) {
    npsResponses(filter: { sources: [PLANHAT], range: { from: "2000-01-01", to: "2100-01-01" } }, first: 100, after: $after) {
      edges { node { id score category answeredAt } } pageInfo { hasNextPage endCursor } } }`;
  try {
    global.gc?.();
    const startRss = process.memoryUsage().rss;
    const samples: number[] = [];
    let peak = startRss;
    let records = 0;
    let pages = 0;
    let after: string | null = null;
    const started = performance.now();
    while (records < options.records) {
      const response = await yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { after } }),
      });
      const body = (await response.json()) as {
        data?: {
          npsResponses: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        };
        errors?: unknown[];
      };
      if (!body.data || body.errors)
        throw new Error(`export page failed: ${JSON.stringify(body.errors)}`);
      records += body.data.npsResponses.edges.length;
      pages++;
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      if (pages % 100 === 0 && global.gc) {
        global.gc();
        samples.push(Math.round((process.memoryUsage().heapUsed / MiB) * 10) / 10);
      }
      if (!body.data.npsResponses.pageInfo.hasNextPage) break;
      after = body.data.npsResponses.pageInfo.endCursor;
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      records,
      pages,
      seconds: Math.round(seconds * 100) / 100,
      recordsPerSecond: Math.round(records / seconds),
      rssMiB: { start: Math.round(startRss / MiB), peak: Math.round(peak / MiB) },
      heapAfterGcMiB: samples,
    } satisfies ExportReport;
  } finally {
    await services.close();
    await sandbox.stop();
  }
}
