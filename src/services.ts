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
import type { CircuitState } from './transport/breaker.js';
import { CircuitBreaker } from './transport/breaker.js';
import { VendorBudget } from './transport/budget.js';
import type { VendorName, VendorProfile } from './transport/types.js';
import { VENDOR_NAMES } from './transport/types.js';
import { VendorTransport } from './transport/vendor-transport.js';
import { PlanhatClient } from './vendors/planhat/client.js';
import { planhatProfile } from './vendors/planhat/profile.js';
import { UserHeroClient } from './vendors/userhero/client.js';
import { userheroProfile } from './vendors/userhero/profile.js';
import { UserlaneClient } from './vendors/userlane/client.js';
import { userlaneProfile } from './vendors/userlane/profile.js';
import { UserLoopClient } from './vendors/userloop/client.js';
import { userloopProfile } from './vendors/userloop/profile.js';

export interface VendorClients {
  userlane: UserlaneClient | undefined;
  userloop: UserLoopClient | undefined;
  userhero: UserHeroClient | undefined;
  planhat: PlanhatClient | undefined;
}

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
  close(): Promise<void>;
}

const READY_FRESH_MS = 30_000;

export function createServices(
  config: GatewayConfig,
  options: { logger: Logger; sandbox: boolean },
): Services {
  const health = new VendorHealth();
  const transports: VendorTransport[] = [];
  const guarded = new Map<
    VendorName,
    { transport: VendorTransport; breaker: CircuitBreaker; budget: VendorBudget }
  >();
  const transport = (profile: VendorProfile) => {
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
    // Only UserHero publishes a limit; the others' budgets still honour a 429 they send.
    const budget = new VendorBudget(
      vendor === 'userhero' ? { limit: config.userheroRateLimit, windowMs: 60_000 } : {},
    );
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

  const vendors: VendorClients = {
    userlane: config.userlane
      ? new UserlaneClient(transport(userlaneProfile(config.userlane)), {
          propertyId: config.userlane.propertyId,
        })
      : undefined,
    userloop: config.userloop
      ? new UserLoopClient(transport(userloopProfile(config.userloop)))
      : undefined,
    userhero: config.userhero
      ? new UserHeroClient(transport(userheroProfile(config.userhero)))
      : undefined,
    planhat: config.planhat
      ? new PlanhatClient(transport(planhatProfile(config.planhat)))
      : undefined,
  };
  const enabled = VENDOR_NAMES.filter((name) => vendors[name] !== undefined);

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
    const entries = VENDOR_NAMES.map((vendor) => {
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

  return {
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
    close: async () => {
      await Promise.all(transports.map((t) => t.close()));
    },
  };
}

/** The cheapest call that proves a vendor answers with our credentials. */
async function probe(vendors: VendorClients, vendor: VendorName): Promise<void> {
  const signal = AbortSignal.timeout(5000);
  switch (vendor) {
    case 'userlane': {
      const today = new Date().toISOString().slice(0, 10);
      await vendors.userlane?.heart({ from: today, to: today }, 1, 0, { signal });
      return;
    }
    case 'userloop':
      await vendors.userloop?.surveys({ signal });
      return;
    case 'userhero':
      await vendors.userhero?.workspaces({ signal });
      return;
    case 'planhat':
      await vendors.planhat?.listNps({ limit: 1 }, { signal });
      return;
  }
}
