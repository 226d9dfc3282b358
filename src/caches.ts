// The caches shared across requests, one set per configured vendor account. With REDIS_URL each
// sits over a tier the replicas share (src/shared-state/), and other replicas' writes drop the
// copies here.
import { DerivedCache } from './cache/derived.js';
import { SwrCache } from './cache/swr-cache.js';
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
import { ReadAheadStore } from './pagination/index.js';
import { planhatReadCodec } from './shared-state/codecs.js';
import type { Codec, Invalidation, SharedState } from './shared-state/index.js';
import type { VendorName } from './transport/types.js';

/** Cross-request caches of slow-changing metadata, one set per configured vendor account. */
export interface MetadataCaches {
  userloopSurveys: TtlCache<UserLoopSurveySummary[]>;
  userloopSurvey: TtlCache<UserLoopSurvey>;
  /** UserHero projects by workspace id. */
  userheroProjects: TtlCache<Project[]>;
  /**
   * Whole-range reads (`EXPORT_CACHE_TTL_MS`), dropped on a write to the vendor: Userlane's and
   * Planhat's NPS by range (Planhat's whole records, and its counted ones under `countedKey`),
   * UserLoop's answers by survey and range.
   */
  exports: {
    planhatNps: SwrCache<PlanhatNpsRead>;
    userlaneNps: SwrCache<NpsRecord[]>;
    userloopResponses: SwrCache<RawResponse[]>;
  };
  /** Indexes built from the exports above, kept while the export they index is cached. */
  derived: DerivedCache;
  /**
   * Windows read ahead of exports paged through the NPS feed, dropped on a write; with REDIS_URL
   * shared by the replicas.
   */
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

export const METADATA_TTL_MS = 5 * 60_000;

/**
 * The caches shared across requests. With REDIS_URL each sits over a tier shared by the
 * replicas (per vendor account), and other replicas' writes drop their copies here.
 */
export function sharedCaches(
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
  // The windows read ahead: a namespace of their own (a write still bumps it, as every namespace
  // of the vendor), so many short-lived windows never push the exports out of its bound.
  const aheadTier = (vendor: VendorName) => {
    const account = accounts.get(vendor);
    const found = account === undefined ? undefined : shared.tier(`${vendor}:${account}:ahead`);
    return found ? { tier: found, prefix: '' } : undefined;
  };
  const { ttlMs, maxAgeMs } = config.exportCache;
  const caches: MetadataCaches = {
    userloopSurveys: new TtlCache(METADATA_TTL_MS, 1000, tier('userloop', 'surveys')),
    userloopSurvey: new TtlCache(METADATA_TTL_MS, 1000, tier('userloop', 'survey')),
    userheroProjects: new TtlCache(METADATA_TTL_MS, 1000, tier('userhero', 'projects')),
    exports: {
      // A whole and a counted read (`select`) per range.
      planhatNps: new SwrCache(ttlMs, maxAgeMs, 16, tier('planhat', 'nps', planhatReadCodec)),
      userlaneNps: new SwrCache(ttlMs, maxAgeMs, 8, tier('userlane', 'nps')),
      // One entry per survey and range.
      userloopResponses: new SwrCache(ttlMs, maxAgeMs, 64, tier('userloop', 'responses')),
    },
    derived: new DerivedCache(),
    readAhead: {
      planhat: new ReadAheadStore({
        ...READ_AHEAD,
        signal: aheadSignal,
        shared: aheadTier('planhat'),
      }),
      userloop: new ReadAheadStore({
        ...READ_AHEAD,
        signal: aheadSignal,
        shared: aheadTier('userloop'),
      }),
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
