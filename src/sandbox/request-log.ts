import type { SandboxVendor } from './types.js';

export interface LogEntry {
  /** Increasing from 1 for the sandbox's life; `since` filters on it. */
  seq: number;
  vendor: SandboxVendor;
  method: string;
  /** Relative to the vendor's base path (the whole path for requests outside it), no query. */
  path: string;
  query: Record<string, string | string[]>;
  /** Names lower-cased. */
  headers: Record<string, string>;
  /** Parsed JSON, `{ multipart: true, bytes }`, text, or undefined when empty. */
  body: unknown;
  /** The status sent; 0 when the request was hung or its connection reset. */
  status: number;
  /** Bytes of the response body sent (all of it, even when a fault cut the connection short). */
  responseBytes: number;
  startedAt: number;
  durationMs: number;
}

export interface LogFilter {
  vendor?: SandboxVendor;
  method?: string;
  /** A string matches the relative path exactly; a RegExp is tested against it. */
  path?: string | RegExp;
  /** Only entries with a greater `seq`. */
  since?: number;
}

export interface RequestLog {
  entries(filter?: LogFilter): LogEntry[];
  count(filter?: LogFilter): number;
  clear(): void;
}

const VENDORS: readonly SandboxVendor[] = ['userlane', 'userloop', 'userhero', 'planhat'];

/**
 * The last `capacity` entries in a ring buffer, so that a benchmark's millions of calls do not
 * grow memory; totals per vendor stay exact beyond it.
 */
export class RingRequestLog implements RequestLog {
  private readonly ring: (LogEntry | undefined)[];
  private next = 0;
  private stored = 0;
  private seq = 0;
  private readonly totals = new Map<SandboxVendor, number>();

  constructor(readonly capacity = 100_000) {
    this.ring = new Array(capacity);
  }

  record(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.ring[this.next] = full;
    this.next = (this.next + 1) % this.capacity;
    this.stored = Math.min(this.capacity, this.stored + 1);
    this.totals.set(entry.vendor, (this.totals.get(entry.vendor) ?? 0) + 1);
    return full;
  }

  get lastSeq(): number {
    return this.seq;
  }

  entries(filter: LogFilter = {}): LogEntry[] {
    const out: LogEntry[] = [];
    const first = (this.next - this.stored + this.capacity) % this.capacity;
    for (let i = 0; i < this.stored; i++) {
      const entry = this.ring[(first + i) % this.capacity]!;
      if (matches(entry, filter)) out.push(entry);
    }
    return out;
  }

  /** Exact over the whole run when filtering by vendor alone; otherwise over the buffer. */
  count(filter: LogFilter = {}): number {
    const { vendor, ...rest } = filter;
    if (Object.values(rest).every((value) => value === undefined)) {
      return vendor ? (this.totals.get(vendor) ?? 0) : this.total();
    }
    return this.entries(filter).length;
  }

  countsByVendor(): Record<SandboxVendor | 'total', number> {
    const counts = { total: this.total() } as Record<SandboxVendor | 'total', number>;
    for (const vendor of VENDORS) counts[vendor] = this.totals.get(vendor) ?? 0;
    return counts;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.stored = 0;
    this.totals.clear();
  }

  private total(): number {
    let sum = 0;
    for (const count of this.totals.values()) sum += count;
    return sum;
  }
}

function matches(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.vendor !== undefined && entry.vendor !== filter.vendor) return false;
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false;
  if (filter.since !== undefined && entry.seq <= filter.since) return false;
  if (filter.path === undefined) return true;
  if (typeof filter.path === 'string') return entry.path === filter.path;
  filter.path.lastIndex = 0;
  return filter.path.test(entry.path);
}
