import { DerivedCache } from './cache/derived.js';
import { SwrCache } from './cache/swr-cache.js';
import type { Codec } from './shared-state/index.js';
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
import type { CircuitState } from './transport/breaker.js';
import { CircuitBreaker } from './transport/breaker.js';
import type { RateBudget } from './transport/budget.js';
import type { VendorName, VendorProfile } from './transport/types.js';
import { VendorTransport } from './transport/vendor-transport.js';
import { planhatReadCodec } from './shared-state/codecs.js';
import type { Invalidation, SharedState, SharingMode } from './shared-state/index.js';
import { accountId, createSharedState } from './shared-state/index.js';
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
  /**
   * A write changed a vendor account: drops the copies shared across requests here and, with
   * REDIS_URL, in Redis and in every other replica (resolved once Redis passed it on).
   */
  forget(invalidation: Invalidation): Promise<void>;
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
  /** Whether the budget and circuit are shared with other replicas (REDIS_URL) right now. */
  sharing: SharingMode;
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
  close(): Promise<void>;
}

const READY_FRESH_MS = 30_000;

export function createServices(
  config: GatewayConfig,
  options: { logger: Logger; sandbox: boolean },
): Services {
  const health = new VendorHealth();
  const shared = createSharedState(config.sharedState, {
    logger: options.logger,
    lockMs: config.requestDeadlineMs,
  });
  const accounts = new Map<VendorName, string>();
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

  return {
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
      };
    },
    readiness,
    close: async () => {
      await Promise.all(transports.map((t) => t.close()));
      await shared.close();
    },
  };
}

/**
 * The caches shared across requests. With REDIS_URL each sits over a tier shared by the
 * replicas (per vendor account), and other replicas' writes drop their copies here.
 */
function sharedCaches(
  config: GatewayConfig,
  shared: SharedState,
  accounts: Map<VendorName, string>,
  aheadSignal: () => AbortSignal,
): MetadataCaches {
  const tier = <V>(vendor: VendorName, name: string, codec?: Codec<V>) => {
    const account = accounts.get(vendor);
    const found = account === undefined ? undefined : shared.tier(`${vendor}:${account}`);
    return found ? { tier: found, prefix: `${name}|`, codec } : undefined;
  };
  const { ttlMs, maxAgeMs } = config.exportCache;
  const caches: MetadataCaches = {
    userloopSurveys: new TtlCache(METADATA_TTL_MS, 1000, tier('userloop', 'surveys')),
    userloopSurvey: new TtlCache(METADATA_TTL_MS, 1000, tier('userloop', 'survey')),
    userheroProjects: new TtlCache(METADATA_TTL_MS, 1000, tier('userhero', 'projects')),
    exports: {
      planhatNps: new SwrCache(ttlMs, maxAgeMs, 8, tier('planhat', 'nps', planhatReadCodec)),
      userlaneNps: new SwrCache(ttlMs, maxAgeMs, 8, tier('userlane', 'nps')),
      // One entry per survey and range.
      userloopResponses: new SwrCache(ttlMs, maxAgeMs, 64, tier('userloop', 'responses')),
    },
    derived: new DerivedCache(),
    readAhead: {
      planhat: new ReadAheadStore({ ...READ_AHEAD, signal: aheadSignal }),
      userloop: new ReadAheadStore({ ...READ_AHEAD, signal: aheadSignal }),
    },
    // The shared generation is bumped first: a miss after the local copies are dropped then
    // reads past what the write replaced, and one already under way is dropped with them.
    forget: async (invalidation) => {
      await shared.publish(invalidation);
      dropLocal(invalidation);
    },
  };
  const dropLocal = (what: Invalidation | 'all') => {
    const all = what === 'all';
    const vendor = all ? undefined : what.vendor;
    if (all || vendor === 'planhat') {
      caches.exports.planhatNps.clear();
      caches.readAhead.planhat.clear();
    }
    if (all || vendor === 'userlane') caches.exports.userlaneNps.clear();
    if (all || vendor === 'userloop') {
      caches.exports.userloopResponses.clear();
      caches.readAhead.userloop.clear();
    }
    if (all) {
      caches.userloopSurveys.clear();
      caches.userloopSurvey.clear();
      caches.userheroProjects.clear();
    } else if (what.projectsOf !== undefined) {
      caches.userheroProjects.delete(what.projectsOf);
    }
  };
  shared.onInvalidation(dropLocal);
  return caches;
}

/** The cheapest call that proves a vendor answers with our credentials (its entry's probe). */
async function probe(vendors: VendorClients, vendor: VendorName): Promise<void> {
  const entry: VendorEntry = vendorEntry(vendor);
  const client = vendors[vendor];
  if (client !== undefined) await entry.probe(client, AbortSignal.timeout(5000));
}
