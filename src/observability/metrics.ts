// The gateway's Prometheus metrics (prom-client), one registry per gateway so that two gateways in
// one process (tests) never share counters. Label values are vendor, operation, cache and error
// code names only: never an id, an email, a URL or anything a vendor said.
import { Gauge, Registry } from 'prom-client';
import type { CacheLookup, LookupObserver } from '../cache/lookups.js';
import type { SharingMode } from '../shared-state/types.js';
import type { AttemptStatus } from '../transport/observer.js';
import type { VendorName } from '../transport/types.js';
import { VENDOR_NAMES } from '../transport/types.js';
import { AccumulatedCounter, AccumulatedHistogram } from './accumulated.js';
import { OperationNames } from './operation-names.js';
import { processMetrics } from './process-metrics.js';

/** A vendor's guards as `/metrics` reads them at scrape time. */
export interface GuardReading {
  circuit: 'CLOSED' | 'OPEN' | 'HALF_OPEN';
  budgetRemaining: number | null;
}

const SHARING_MODES: readonly SharingMode[] = ['LOCAL', 'SHARED', 'FALLBACK'];
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];
const WAIT_SECONDS = [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60];

export class GatewayMetrics {
  /** This gateway's own metrics. */
  readonly registry = new Registry();
  /** What `/metrics` serves: the process's metrics, then this gateway's. */
  private readonly scraped: Registry;
  readonly operations: OperationNames;
  private readonly vendorRequests: AccumulatedCounter<'vendor' | 'operation' | 'status'>;
  private readonly vendorDuration: AccumulatedHistogram<'vendor' | 'operation'>;
  private readonly retries: AccumulatedCounter<'vendor'>;
  private readonly rateLimited: AccumulatedCounter<'vendor'>;
  private readonly budgetWait: AccumulatedHistogram<'vendor'>;
  private readonly cacheLookups: AccumulatedCounter<'cache' | 'result'>;
  private readonly graphqlDuration: AccumulatedHistogram<'operation' | 'type'>;
  private readonly graphqlRequests: AccumulatedCounter<'operation' | 'type' | 'outcome'>;
  private readonly graphqlErrors: AccumulatedCounter<'operation' | 'type' | 'code'>;
  private guards: ((vendor: VendorName) => GuardReading | undefined) | undefined;
  private sharing: (() => SharingMode) | undefined;

  constructor(options: { maxOperations: number }) {
    const registers = [this.registry];
    this.operations = new OperationNames(options.maxOperations);
    this.vendorRequests = new AccumulatedCounter({
      name: 'gateway_vendor_requests_total',
      help: 'Vendor call attempts that reached the network, by HTTP status (or timeout, network, cancelled).',
      labelNames: ['vendor', 'operation', 'status'],
      registers,
    });
    this.vendorDuration = new AccumulatedHistogram({
      name: 'gateway_vendor_request_duration_seconds',
      help: 'Time of one vendor call attempt, from sending it to its answer read and classified.',
      labelNames: ['vendor', 'operation'],
      buckets: SECONDS,
      registers,
    });
    this.retries = new AccumulatedCounter({
      name: 'gateway_vendor_retries_total',
      help: 'Failed vendor call attempts sent again.',
      labelNames: ['vendor'],
      registers,
    });
    this.rateLimited = new AccumulatedCounter({
      name: 'gateway_vendor_rate_limited_total',
      help: 'Vendor answers with HTTP 429 (the rate budget should make these rare).',
      labelNames: ['vendor'],
      registers,
    });
    this.budgetWait = new AccumulatedHistogram({
      name: 'gateway_vendor_budget_wait_seconds',
      help: "Time an admitted vendor call queued for the vendor key's rate budget (0 when it did not wait).",
      labelNames: ['vendor'],
      buckets: WAIT_SECONDS,
      registers,
    });
    // Read at scrape time: the circuit turns half-open by the clock, not by an event.
    const guardsOf = (vendor: VendorName) => this.guards?.(vendor);
    const read = (fn: (reading: GuardReading) => number | null) =>
      function (this: Gauge<'vendor'>) {
        this.reset();
        for (const vendor of VENDOR_NAMES) {
          const reading = guardsOf(vendor);
          const value = reading ? fn(reading) : null;
          if (value !== null) this.set({ vendor }, value);
        }
      };
    new Gauge({
      name: 'gateway_vendor_budget_remaining',
      help: "Calls left in the vendor key's current rate window, by the gateway's count corrected by the vendor's X-RateLimit headers; absent for a vendor that states no limit.",
      labelNames: ['vendor'],
      registers,
      collect: read((r) => r.budgetRemaining),
    });
    new Gauge({
      name: 'gateway_vendor_circuit_open',
      help: "1 while the vendor's circuit is open or half-open (calls fail fast), 0 when closed.",
      labelNames: ['vendor'],
      registers,
      collect: read((r) => (r.circuit === 'CLOSED' ? 0 : 1)),
    });
    const sharingOf = () => this.sharing?.();
    new Gauge({
      name: 'gateway_shared_state',
      help: 'Where replicas share budgets, circuits and caches now, 1 for the mode in force: LOCAL (no REDIS_URL), SHARED (through Redis) or FALLBACK (Redis unreachable: each replica its share of a budget, its own caches).',
      labelNames: ['mode'],
      registers,
      collect() {
        const mode = sharingOf();
        this.reset();
        if (mode) for (const m of SHARING_MODES) this.set({ mode: m }, m === mode ? 1 : 0);
      },
    });
    this.cacheLookups = new AccumulatedCounter({
      name: 'gateway_cache_lookups_total',
      help: 'Lookups in the cross-request caches: hit, miss, or stale (served while a refresh runs).',
      labelNames: ['cache', 'result'],
      registers,
    });
    this.graphqlDuration = new AccumulatedHistogram({
      name: 'gateway_graphql_request_duration_seconds',
      help: 'Time of one GraphQL HTTP request, from Yoga receiving it to its response.',
      labelNames: ['operation', 'type'],
      buckets: SECONDS,
      registers,
    });
    this.graphqlRequests = new AccumulatedCounter({
      name: 'gateway_graphql_requests_total',
      help: 'GraphQL requests by outcome: ok (no error), partial (data and errors), error (no data).',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.graphqlErrors = new AccumulatedCounter({
      name: 'gateway_graphql_errors_total',
      help: 'GraphQL errors in responses, by extensions.code.',
      labelNames: ['operation', 'type', 'code'],
      registers,
    });
    this.scraped = Registry.merge([processMetrics(), this.registry]);
  }

  /** Where the shared-state gauge reads the mode at scrape time. */
  readSharing(mode: () => SharingMode): void {
    this.sharing = mode;
  }

  /** Where the budget and circuit gauges read each vendor's state at scrape time. */
  readGuards(guards: (vendor: VendorName) => GuardReading | undefined): void {
    this.guards = guards;
  }

  vendorAttempt(vendor: VendorName, operation: string, status: AttemptStatus, seconds: number) {
    this.vendorRequests.cell(vendor, operation, String(status)).inc();
    this.vendorDuration.cell(vendor, operation).observe(seconds);
    if (status === 429) this.rateLimited.cell(vendor).inc();
  }

  vendorRetry(vendor: VendorName): void {
    this.retries.cell(vendor).inc();
  }

  vendorBudgetWait(vendor: VendorName, seconds: number): void {
    this.budgetWait.cell(vendor).observe(seconds);
  }

  cache(name: string): LookupObserver {
    const children = {
      hit: this.cacheLookups.cell(name, 'hit'),
      miss: this.cacheLookups.cell(name, 'miss'),
      stale: this.cacheLookups.cell(name, 'stale'),
    };
    return (result: CacheLookup) => children[result].inc();
  }

  graphqlRequest(
    operation: string,
    type: string,
    outcome: 'ok' | 'partial' | 'error',
    seconds: number,
    codes: readonly string[],
  ): void {
    this.graphqlDuration.cell(operation, type).observe(seconds);
    this.graphqlRequests.cell(operation, type, outcome).inc();
    for (const code of codes) this.graphqlErrors.cell(operation, type, code).inc();
  }

  async scrape(): Promise<Response> {
    return new Response(await this.scraped.metrics(), {
      status: 200,
      headers: { 'content-type': this.scraped.contentType, 'cache-control': 'no-store' },
    });
  }
}

/** An error code as a label: the gateway's own codes are short upper-case names. */
export function codeLabel(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'OTHER';
}
