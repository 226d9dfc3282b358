import { expect } from 'vitest';
import type { LogEntry } from '../../src/sandbox/index.js';
import type { TestGateway } from './gateway.js';

// Reads the Prometheus text exposition format (version 0.0.4), as a scraper would: one sample
// per line, `name{label="value",...} number`, with `\\`, `\"` and `\n` escapes in label values.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\d+)?$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    const body = match[3] ?? '';
    const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;
    let found: RegExpExecArray | null;
    let consumed = 0;
    while ((found = label.exec(body)) !== null) {
      labels[found[1]!] = found[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      consumed = label.lastIndex;
    }
    if (consumed !== body.length) throw new Error(`bad labels in: ${line}`);
    const raw = match[4]!;
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw);
    samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `where`. */
export function total(samples: Sample[], name: string, where: Record<string, string> = {}) {
  return samples
    .filter((s) => s.name === name)
    .filter((s) => Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** Per value of `label`, the growth of `name` between two scrapes (keys with no growth left out). */
export function deltaBy(
  before: Sample[],
  after: Sample[],
  name: string,
  label: string | string[],
  where: Record<string, string> = {},
): Record<string, number> {
  const labels = Array.isArray(label) ? label : [label];
  const sums = (samples: Sample[]) => {
    const out: Record<string, number> = {};
    for (const s of samples) {
      if (s.name !== name) continue;
      if (!Object.entries(where).every(([k, v]) => s.labels[k] === v)) continue;
      const key = labels.map((l) => s.labels[l] ?? '').join('/');
      out[key] = (out[key] ?? 0) + s.value;
    }
    return out;
  };
  const a = sums(before);
  const b = sums(after);
  const out: Record<string, number> = {};
  for (const key of Object.keys(b)) {
    const d = b[key]! - (a[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}

/** Per `vendor/status`, what the sandbox received: the oracle for the vendor counters. */
export function byVendorStatus(entries: LogEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) {
    const key = `${e.vendor}/${e.status}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

export function countBy(entries: LogEntry[], key: (e: LogEntry) => string | undefined) {
  const out: Record<string, number> = {};
  for (const e of entries) {
    const k = key(e);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** The gateway's /metrics, parsed. */
export async function scrape(gw: TestGateway): Promise<Sample[]> {
  const res = await gw.yoga.fetch('http://gateway.test/metrics');
  expect(res.status).toBe(200);
  return parsePrometheus(await res.text());
}
