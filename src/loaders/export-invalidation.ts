// After a write to a vendor, what this request read from it is forgotten: its reads and the
// values derived from them, so no later field of the request sees what the write replaced. The
// copies shared across requests (and replicas) are dropped by `caches.forget`, which the one
// write helper (src/schema/shared/vendor-write.ts) calls beside this.
import type { PlanhatNpsExport } from './export-planhat.js';
import type { UserLoopExports } from './export-userloop.js';

export type ExportVendor = 'userlane' | 'planhat' | 'userloop';

export function exportInvalidation(reads: {
  /** This request's derived values (`derive`). */
  computed: Map<string, Promise<unknown>>;
  userlaneNps: { clear(): void };
  planhat: PlanhatNpsExport;
  userloop: UserLoopExports;
}): (vendor: ExportVendor) => void {
  const { computed, userlaneNps, planhat, userloop } = reads;
  return (vendor) => {
    computed.clear();
    if (vendor === 'userlane') {
      userlaneNps.clear();
    }
    if (vendor === 'planhat') {
      planhat.nps.clear();
      planhat.counted.clear();
    }
    if (vendor === 'userloop') {
      userloop.surveyRead.clear();
      userloop.userloopResponses.clear();
      userloop.userloopNps.clear();
    }
  };
}
