import { METADATA_TTL_MS, type MetadataCaches, sharedCaches } from './caches.js';
import { TtlCache } from './cache/ttl-cache.js';
import type { GatewayConfig } from './config.js';
import type { PortalLookups } from './identity/portal-lookups.js';
import { loadPortalLookups, NO_LOOKUPS } from './identity/portal-lookups.js';
import type { UserDirectory } from './identity/user-directory.js';
import { EMPTY_DIRECTORY, loadUserDirectory } from './identity/user-directory.js';
import { VendorHealth } from './health.js';
import type { Logger } from './logger.js';
import { observeCaches } from './observability/caches.js';
import { GatewayMetrics } from './observability/metrics.js';
import type { GatewayTracing } from './observability/tracing.js';
import { transportObserver } from './observability/transport-observer.js';
import type { CircuitState } from './transport/breaker.js';
import { CircuitBreaker } from './transport/breaker.js';
import type { RateBudget } from './transport/budget.js';
import type { VendorName, VendorProfile } from './transport/types.js';
import { VendorTransport } from './transport/vendor-transport.js';
import type { SharedState, SharingMode } from './shared-state/index.js';
import { accountId, createSharedState } from './shared-state/index.js';
import type { VendorEntry } from './vendors/entry.js';
import type { VendorClients } from './vendors/registry.js';
import { vendorEntry, VENDORS } from './vendors/registry.js';

export type { MetadataCaches } from './caches.js';

/** One client (or undefined when not configured) per registered vendor. */
export type { VendorClients } from './vendors/registry.js';

/** A vendor's client, or a VENDOR_DISABLED error when it has no credentials. */
export type VendorLookup = <K extends VendorName>(name: K) => NonNullable<VendorClients[K]>;

export interface ReadinessReport {
  ready: boolean;
  vendors: Record<string, { enabled: boolean; ready: boolean | null; lastError: string | null }>;
}

/** How a vendor's protections stand: its circuit, and what its rate budget still allows. */
export interface VendorGuardState {
  circuit: CircuitState;
  /** Calls left in the vendor's current rate window; null when it publishes no limit. */
  budgetRemaining: number | null;
  /** Calls on the wire right now. */
  inFlight: number;
  /** Whether the budget and circuit are shared with other replicas (REDIS_URL) right now. */
  sharing: SharingMode;
  /** `budgetRemaining` counted now by every replica (asks Redis when shared). */
  budgetNow(): Promise<number | null>;
}

/** Long-lived, process-wide pieces: vendor clients over pooled transports, health, config. */
export interface Services {
  config: GatewayConfig;
  logger: Logger;
  health: VendorHealth;
  /** True when the vendors are the embedded sandbox. */
  sandbox: boolean;
  vendors: VendorClients;
  caches: MetadataCaches;
  /** What the replicas share (in process without REDIS_URL). */
  shared: SharedState;
  /** `USER_DIRECTORY`, re-read at most every few minutes; empty when not configured. */
  directory(): Promise<UserDirectory>;
  /** The Portal CSV exports of `USERLANE_LOOKUPS_DIR`; no names when not configured. */
  lookups(): Promise<PortalLookups>;
  enabledVendors(): VendorName[];
  /** Circuit and budget of an enabled vendor; undefined for a disabled one. */
  guards(vendor: VendorName): VendorGuardState | undefined;
  /** Each enabled vendor answered within the freshness window, probing those that did not. */
  readiness(): Promise<ReadinessReport>;
  /** Prometheus metrics (`METRICS`, on by default); undefined when off. */
  metrics: GatewayMetrics | undefined;
  /** Traces (OTEL_* variables, see src/observability/tracing.ts); undefined when off. */
  tracing: GatewayTracing | undefined;
  close(): Promise<void>;
}

const READY_FRESH_MS = 30_000;

export function createServices(
  config: GatewayConfig,
  options: { logger: Logger; sandbox: boolean; tracing?: GatewayTracing },
): Services {
  const health = new VendorHealth();
  const shared = createSharedState(config.sharedState, {
    logger: options.logger,
    lockMs: config.requestDeadlineMs,
  });
  const accounts = new Map<VendorName, string>();
  const { tracing } = options;
  const metrics = config.metrics.enabled
    ? new GatewayMetrics({ maxOperations: config.metrics.maxOperations })
    : undefined;
  const transports: VendorTransport[] = [];
  const guarded = new Map<
    VendorName,
    { transport: VendorTransport; breaker: CircuitBreaker; budget: RateBudget }
  >();
  const transport = (profile: VendorProfile, entry: VendorEntry) => {
    const vendor = profile.vendor;
    const account = accountId({ ...profile.authHeaders(), baseUrl: profile.baseUrl });
    accounts.set(vendor, account);
    const breaker: CircuitBreaker = new CircuitBreaker({
      ...config.breaker,
      onChange: (state, previous) => {
        options.logger[state === 'OPEN' ? 'warn' : 'info']('vendor circuit', {
          vendor,
          state,
          previous,
        });
        shared.circuitChanged(vendor, breaker);
      },
    });
    // A published limit comes from the vendor's entry (UserHero's); other budgets still honour
    // a 429 the vendor sends. With REDIS_URL the replicas spend one budget per key.
    const budget = shared.budget(vendor, account, entry.budget?.(config) ?? {});
    shared.guard(vendor, account, breaker, budget);
    const t = new VendorTransport(profile, {
      timeoutMs: config.vendorTimeoutMs,
      logger: options.logger,
      onOutcome: (outcome) => health.record(vendor, outcome),
      breaker,
      budget,
      observer: transportObserver({ vendor, baseUrl: profile.baseUrl, metrics, tracing }),
    });
    transports.push(t);
    guarded.set(vendor, { transport: t, breaker, budget });
    return t;
  };

  const vendors = Object.fromEntries(
    VENDORS.map((entry: VendorEntry) => {
      const vendorConfig = config[entry.name];
      if (vendorConfig === undefined) return [entry.name, undefined];
      const http = transport(entry.profile(vendorConfig), entry);
      return [entry.name, entry.client(http, vendorConfig)];
    }),
  ) as VendorClients;
  const names = VENDORS.map((entry) => entry.name);
  const enabled = names.filter((name) => vendors[name] !== undefined);

  const files = new TtlCache<UserDirectory | PortalLookups>(METADATA_TTL_MS, 2);
  const { userDirectory, userlaneLookupsDir } = config;
  const directory = () =>
    userDirectory
      ? (files.get('directory', () => loadUserDirectory(userDirectory)) as Promise<UserDirectory>)
      : Promise.resolve(EMPTY_DIRECTORY);
  const lookups = () =>
    userlaneLookupsDir
      ? (files.get('lookups', () =>
          loadPortalLookups(userlaneLookupsDir),
        ) as Promise<PortalLookups>)
      : Promise.resolve(NO_LOOKUPS);

  let probing: Promise<ReadinessReport> | undefined;
  const readiness = async (): Promise<ReadinessReport> => {
    const now = Date.now();
    const stale = enabled.filter(
      (v) => (health.snapshot(v).lastSuccessAt ?? 0) < now - READY_FRESH_MS,
    );
    if (stale.length > 0) {
      // Concurrent probes would spend vendor rate budgets for nothing: share one.
      probing ??= Promise.all(stale.map((v) => probe(vendors, v).catch(() => undefined)))
        .then(() => report())
        .finally(() => {
          probing = undefined;
        });
      return probing;
    }
    return report();
  };
  const report = (): ReadinessReport => {
    const now = Date.now();
    const entries = names.map((vendor) => {
      const snapshot = health.snapshot(vendor);
      const isEnabled = enabled.includes(vendor);
      const ready = isEnabled ? (snapshot.lastSuccessAt ?? 0) >= now - READY_FRESH_MS : null;
      return [vendor, { enabled: isEnabled, ready, lastError: snapshot.lastError }] as const;
    });
    return {
      ready: entries.every(([, v]) => v.ready !== false),
      vendors: Object.fromEntries(entries),
    };
  };

  // A read ahead belongs to no request: it gets a request's deadline of its own.
  const aheadSignal = () => AbortSignal.timeout(config.requestDeadlineMs);
  const caches = sharedCaches(config, shared, accounts, aheadSignal);

  const services: Services = {
    config,
    logger: options.logger,
    health,
    sandbox: options.sandbox,
    vendors,
    caches,
    shared,
    directory,
    lookups,
    enabledVendors: () => enabled,
    guards: (vendor) => {
      const entry = guarded.get(vendor);
      if (!entry) return undefined;
      return {
        circuit: entry.breaker.state,
        budgetRemaining: entry.budget.remaining,
        inFlight: entry.transport.inFlight,
        sharing: shared.mode,
        budgetNow: () => entry.budget.current?.() ?? Promise.resolve(entry.budget.remaining),
      };
    },
    readiness,
    metrics,
    tracing,
    close: async () => {
      await Promise.all(transports.map((t) => t.close()));
      await shared.close();
    },
  };
  metrics?.readGuards(services.guards);
  metrics?.readSharing(() => shared.mode);
  observeCaches(metrics, services.caches, files);
  return services;
}

/** The cheapest call that proves a vendor answers with our credentials (its entry's probe). */
async function probe(vendors: VendorClients, vendor: VendorName): Promise<void> {
  const entry: VendorEntry = vendorEntry(vendor);
  const client = vendors[vendor];
  if (client !== undefined) await entry.probe(client, AbortSignal.timeout(5000));
}
