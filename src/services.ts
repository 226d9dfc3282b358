import { DerivedCache } from './cache/derived.js';
import { SwrCache } from './cache/swr-cache.js';
import { ReadAheadStore } from './pagination/index.js';
import { TtlCache } from './cache/ttl-cache.js';
import type { GatewayConfig } from './config.js';
import type { NpsRecord } from './domain/nps.js';
import type { PlanhatNpsRead } from './domain/nps-exports.js';
import type { Project } from './domain/project.js';
import type {
  RawResponse,
  UserLoopSurvey,
  UserLoopSurveySummary,
} from './domain/userloop-surveys.js';
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
import { VendorBudget } from './transport/budget.js';
import type { VendorName, VendorProfile } from './transport/types.js';
import { VendorTransport } from './transport/vendor-transport.js';
import type { VendorEntry } from './vendors/entry.js';
import type { VendorClients } from './vendors/registry.js';
import { vendorEntry, VENDORS } from './vendors/registry.js';

/** One client (or undefined when not configured) per registered vendor. */
export type { VendorClients } from './vendors/registry.js';

/** A vendor's client, or a VENDOR_DISABLED error when it has no credentials. */
export type VendorLookup = <K extends VendorName>(name: K) => NonNullable<VendorClients[K]>;

/** Cross-request caches of slow-changing metadata, one set per configured vendor account. */
export interface MetadataCaches {
  userloopSurveys: TtlCache<UserLoopSurveySummary[]>;
  userloopSurvey: TtlCache<UserLoopSurvey>;
  /** UserHero projects by workspace id. */
  userheroProjects: TtlCache<Project[]>;
  /**
   * Whole-range reads (`EXPORT_CACHE_TTL_MS`), dropped on a write to the vendor: Userlane's and
   * Planhat's NPS by range, UserLoop's answers by survey and range.
   */
  exports: {
    planhatNps: SwrCache<PlanhatNpsRead>;
    userlaneNps: SwrCache<NpsRecord[]>;
    userloopResponses: SwrCache<RawResponse[]>;
  };
  /** Indexes built from the exports above, kept while the export they index is cached. */
  derived: DerivedCache;
  /** Windows read ahead of exports paged through the NPS feed, dropped on a write. */
  readAhead: { planhat: ReadAheadStore; userloop: ReadAheadStore };
}

/**
 * Read-ahead only for export-sized reads (UserLoop serves 200 at most; a screen's page of up to
 * 100 never triggers one); a window waits 10 s for the next page's request, and a handful of
 * exports may run at once.
 */
const READ_AHEAD = { minLimit: 200, ttlMs: 10_000, maxWindows: 8 };

const METADATA_TTL_MS = 5 * 60_000;

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
  const { tracing } = options;
  const metrics = config.metrics.enabled
    ? new GatewayMetrics({ maxOperations: config.metrics.maxOperations })
    : undefined;
  const transports: VendorTransport[] = [];
  const guarded = new Map<
    VendorName,
    { transport: VendorTransport; breaker: CircuitBreaker; budget: VendorBudget }
  >();
  const transport = (profile: VendorProfile, entry: VendorEntry) => {
    const vendor = profile.vendor;
    const breaker = new CircuitBreaker({
      ...config.breaker,
      onChange: (state, previous) =>
        options.logger[state === 'OPEN' ? 'warn' : 'info']('vendor circuit', {
          vendor,
          state,
          previous,
        }),
    });
    // A published limit comes from the vendor's entry (UserHero's); other budgets still honour
    // a 429 the vendor sends.
    const budget = new VendorBudget(entry.budget?.(config) ?? {});
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

  const services: Services = {
    config,
    logger: options.logger,
    health,
    sandbox: options.sandbox,
    vendors,
    caches: {
      userloopSurveys: new TtlCache(METADATA_TTL_MS),
      userloopSurvey: new TtlCache(METADATA_TTL_MS),
      userheroProjects: new TtlCache(METADATA_TTL_MS),
      exports: {
        planhatNps: new SwrCache(config.exportCache.ttlMs, config.exportCache.maxAgeMs),
        userlaneNps: new SwrCache(config.exportCache.ttlMs, config.exportCache.maxAgeMs),
        // One entry per survey and range.
        userloopResponses: new SwrCache(config.exportCache.ttlMs, config.exportCache.maxAgeMs, 64),
      },
      derived: new DerivedCache(),
      readAhead: {
        planhat: new ReadAheadStore({ ...READ_AHEAD, signal: aheadSignal }),
        userloop: new ReadAheadStore({ ...READ_AHEAD, signal: aheadSignal }),
      },
    },
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
      };
    },
    readiness,
    metrics,
    tracing,
    close: async () => {
      await Promise.all(transports.map((t) => t.close()));
    },
  };
  metrics?.readGuards(services.guards);
  observeCaches(metrics, services.caches, files);
  return services;
}

/** The cheapest call that proves a vendor answers with our credentials (its entry's probe). */
async function probe(vendors: VendorClients, vendor: VendorName): Promise<void> {
  const entry: VendorEntry = vendorEntry(vendor);
  const client = vendors[vendor];
  if (client !== undefined) await entry.probe(client, AbortSignal.timeout(5000));
}
