// `npm run bench`: runs the scenarios and prints a JSON report. Arguments: --scale (sandbox
// volume, default 50: 100,000 Planhat records), --records (default 100000), --port (4200).
import { parseArgs } from 'node:util';
import { exportScenario } from './export.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '50' },
    records: { type: 'string', default: '100000' },
    port: { type: 'string', default: '4200' },
  },
});

const report = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  export: await exportScenario({
    scale: Number(values.scale),
    records: Number(values.records),
    port: Number(values.port),
  }),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
