// Cell formatting shared by the markdown tables.
import type { Measurement } from '../measure.js';

export const f = (value: number | undefined, digits = 1) =>
  value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
export const int = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
/** A ratio as a signed percentage change: 1.034 → `+3.4 %`. */
export const percent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${f((ratio - 1) * 100, 1)} %`;
/** `noise`: the figure's interval holds the target, so this run can say neither. */
export const mark = (met: boolean | null | 'noise') =>
  met === null ? '–' : met === 'noise' ? 'within noise' : met ? 'met' : '**missed**';

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
