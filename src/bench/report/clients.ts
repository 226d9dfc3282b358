// Scenario 8's table: what compression and @defer cost per request.
import type { ClientsReport } from '../scenarios/clients.js';
import { f, int } from './cells.js';

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

export function clientsTable(clients: ClientsReport[] | undefined): string[] {
  if (!clients?.length) return [];
  const lines = [
    '### 8. Client features (1 connection, one request at a time, alternated rounds)',
    '',
    row(['request', 'variant', 'bytes', 'p50 / p99 ms', 'gateway CPU ms/req', 'vs first variant']),
    row(['---', '---', '---', '---', '---', '---']),
  ];
  const first = new Map<string, number>();
  for (const c of clients) {
    const cpu = c.load.cpuMsPerRequest;
    if (!first.has(c.name)) first.set(c.name, cpu);
    const base = first.get(c.name)!;
    lines.push(
      row([
        c.name,
        c.variant,
        int(c.bytes),
        `${f(c.load.load.p50, 2)} / ${f(c.load.load.p99, 2)}`,
        f(cpu, 3),
        base === cpu ? '–' : `${cpu >= base ? '+' : ''}${f(cpu - base, 3)} ms`,
      ]),
    );
  }
  lines.push('');
  return lines;
}
