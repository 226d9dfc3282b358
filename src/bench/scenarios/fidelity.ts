// Scenario 9: vendor fidelity (issue 12), as vendor calls per request. Each case runs once, on a
// gateway with no cross-request cache (every request reads from cold), under each reading of the
// vendors' docs that the sandbox serves where they read two ways (SandboxReadings): the cases
// are the issue's, and their calls must not grow.
import { startGatewayProcess } from '../gateway-process.js';
import { graphqlOnce } from '../load.js';
import { sandboxControl } from '../sandbox-control.js';
import { startSandboxProcess } from '../sandbox-process.js';
import type { SandboxReadings } from '../../sandbox/index.js';

export interface FidelityRow {
  case: string;
  /** What the issue asks of the case, in calls. */
  expected: string;
  /** Vendor calls of the one request, by vendor (only those called). */
  calls: Record<string, number>;
  /** `select` of the Planhat list calls, where one was sent. */
  select?: string;
  /** Bytes the vendor answered, over all the request's calls. */
  bytes: number;
  /** The answers the request counted (`responses`), where it counts. */
  answers?: number;
  errors: number;
  /** The first error's message, where the request failed. */
  error?: string;
}

export interface FidelityReport {
  readings: { name: string; rows: FidelityRow[] }[];
}

const READINGS: { name: string; readings: SandboxReadings }[] = [
  { name: 'parameter tables (limit up to 5,000; question_id honoured)', readings: {} },
  {
    name: 'prose (1,000-record Userlane pages; question_id ignored; exact email)',
    readings: { userlanePageCap: 1000, userloopIgnoresQuestionId: true, userheroExactEmail: true },
  },
];

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Case {
  name: string;
  expected: string;
  query: string;
  variables: () => Record<string, unknown>;
}

const PLANHAT_COUNTS = `npsSummary(filter: { sources: [PLANHAT] }, groupBy: COMPANY) {
  responses score groups { key responses } }`;

const CASES: Case[] = [
  {
    name: 'two aliased identical heartScores (first: 5)',
    expected: '1 Userlane call',
    query: `query($r: DateRange!) {
      a: heartScores(range: $r, first: 5) { nodes { date heart } }
      b: heartScores(range: $r, first: 5) { nodes { date heart } } }`,
    // Ten days up to yesterday (as test/schema/call-memo.test.ts asks).
    variables: () => ({ r: { from: day(Date.now() - 10 * DAY), to: day(Date.now() - DAY) } }),
  },
  {
    name: 'Userlane NPS summary over every answer (about 1,500, 2 years)',
    expected: '2 Userlane calls (1,000-record pages)',
    query: `query($r: DateRange!) {
      npsSummary(filter: { sources: [USERLANE], range: $r }) { responses score } }`,
    variables: () => ({ r: { from: day(Date.now() - 731 * DAY), to: day(Date.now()) } }),
  },
  {
    name: 'Planhat summary only (counted read, select)',
    expected: '1 Planhat call, with select',
    query: `{ ${PLANHAT_COUNTS} }`,
    variables: () => ({}),
  },
  {
    name: 'Planhat summary beside records (whole read)',
    expected: '1 Planhat call, no select',
    query: `{ ${PLANHAT_COUNTS}
      npsResponses(filter: { sources: [PLANHAT] }, first: 10) { nodes { id planhat { scoreType } } } }`,
    variables: () => ({}),
  },
];

export async function fidelityScenario(args: {
  /** First of 12 ports: per reading a sandbox (4) and a gateway. */
  port: number;
  seed: number;
  nodeArgs: string[];
}): Promise<FidelityReport> {
  const report: FidelityReport = { readings: [] };
  for (const [i, reading] of READINGS.entries()) {
    process.stderr.write(`bench: fidelity, ${reading.name}\n`);
    const base = args.port + i * 6;
    const sandbox = await startSandboxProcess({
      scale: 1,
      port: base,
      seed: args.seed,
      readings: reading.readings,
    });
    try {
      const control = sandboxControl(sandbox.controlUrl);
      const gateway = await startGatewayProcess({
        sandboxEnv: { ...sandbox.env, EXPORT_CACHE_TTL_MS: '0' },
        port: base + 5,
        nodeArgs: args.nodeArgs,
      });
      try {
        const rows: FidelityRow[] = [];
        for (const c of CASES) {
          await control.clearLog();
          const { body } = await graphqlOnce<{ npsSummary?: { responses: number } }>(
            gateway.url,
            c.query,
            c.variables(),
          );
          const entries = await control.entries();
          const calls: Record<string, number> = {};
          for (const e of entries) calls[e.vendor] = (calls[e.vendor] ?? 0) + 1;
          const select = entries.find((e) => e.vendor === 'planhat' && e.query.select)?.query
            .select;
          rows.push({
            case: c.name,
            expected: c.expected,
            calls,
            ...(typeof select === 'string' ? { select } : {}),
            bytes: entries.reduce((sum, e) => sum + e.responseBytes, 0),
            ...(body.data?.npsSummary ? { answers: body.data.npsSummary.responses } : {}),
            errors: body.errors?.length ?? 0,
            ...(body.errors?.[0] ? { error: body.errors[0].message.slice(0, 200) } : {}),
          });
        }
        report.readings.push({ name: reading.name, rows });
      } finally {
        await gateway.stop();
      }
    } finally {
      await sandbox.stop();
    }
  }
  return report;
}

export function renderFidelity(report: FidelityReport): string {
  const lines = ['### 9. Vendor fidelity: calls per request (cold, no cross-request cache)', ''];
  for (const { name, rows } of report.readings) {
    lines.push(`Docs read as the ${name}:`, '');
    lines.push('| case | asked | calls | select | bytes | answers | bytes/answer | errors |');
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const row of rows) {
      const calls = Object.entries(row.calls)
        .map(([vendor, n]) => `${vendor} ${n}`)
        .join(', ');
      const perAnswer = row.answers ? (row.bytes / row.answers).toFixed(1) : '';
      lines.push(
        `| ${row.case} | ${row.expected} | ${calls || '0'} | ${row.select ?? ''} | ` +
          `${row.bytes} | ${row.answers ?? ''} | ${perAnswer} | ${row.errors}${row.error ? ` (${row.error})` : ''} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
