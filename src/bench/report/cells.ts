// Cell formatting shared by the markdown tables.
import type { Measurement } from '../measure.js';

export const f = (value: number | undefined, digits = 1) =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
export const int = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
export const mark = (met: boolean | null) => (met === null ? '–' : met ? 'met' : '**missed**');

export function loadCells(m: Measurement): string[] {
  return [
    int(m.load.rps),
    `${f(m.load.p50, 2)} / ${f(m.load.p99, 2)}`,
    f(m.vendorCallsPerRequest, 2),
    f(m.usage.rssPeakMiB, 0),
    f(m.cpuMsPerRequest, 2),
    f(m.vendorCpuMsPerRequest, 2),
  ];
}
