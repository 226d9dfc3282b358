// Names of the cross-request caches in `gateway_cache_lookups_total{cache}`.
import type { LookupObserver } from '../cache/lookups.js';
import type { GatewayMetrics } from './metrics.js';

interface Observable {
  onLookup?: LookupObserver;
}

/** The shape of src/services.ts's caches (structural: services imports this module). */
interface Caches {
  userloopSurveys: Observable;
  userloopSurvey: Observable;
  userheroProjects: Observable;
  exports: { planhatNps: Observable; userlaneNps: Observable; userloopResponses: Observable };
  derived: Observable;
  readAhead: { planhat: Observable; userloop: Observable };
}

/** Each cache counts its lookups under the name of what it holds (the `cache` label). */
export function observeCaches(
  metrics: GatewayMetrics | undefined,
  caches: Caches,
  identityFiles: Observable,
): void {
  if (!metrics) return;
  const named: Record<string, Observable> = {
    userloop_surveys: caches.userloopSurveys,
    userloop_survey: caches.userloopSurvey,
    userhero_projects: caches.userheroProjects,
    identity_files: identityFiles,
    planhat_nps: caches.exports.planhatNps,
    userlane_nps: caches.exports.userlaneNps,
    userloop_responses: caches.exports.userloopResponses,
    export_indexes: caches.derived,
    planhat_read_ahead: caches.readAhead.planhat,
    userloop_read_ahead: caches.readAhead.userloop,
  };
  for (const [name, cache] of Object.entries(named)) cache.onLookup = metrics.cache(name);
}
