// After a write to a vendor, what was read from it is forgotten: this request's reads, the
// values derived from them, the read-ahead windows of its feeds, and the cross-request copy, so
// no later read (of this request or another) sees what the write replaced.
import type { MetadataCaches } from '../services.js';
import type { PlanhatNpsExport } from './export-planhat.js';
import type { UserLoopExports } from './export-userloop.js';

export type ExportVendor = 'userlane' | 'planhat' | 'userloop';

export function exportInvalidation(
  caches: MetadataCaches,
  reads: {
    /** This request's derived values (`derive`). */
    computed: Map<string, Promise<unknown>>;
    userlaneNps: { clear(): void };
    planhat: PlanhatNpsExport;
    userloop: UserLoopExports;
  },
): (vendor: ExportVendor) => void {
  const { exports, readAhead } = caches;
  const { computed, userlaneNps, planhat, userloop } = reads;
  return (vendor) => {
    computed.clear();
    if (vendor === 'userlane') {
      userlaneNps.clear();
      exports.userlaneNps.clear();
    }
    if (vendor === 'planhat') {
      planhat.nps.clear();
      exports.planhatNps.clear();
      readAhead.planhat.clear();
    }
    if (vendor === 'userloop') {
      readAhead.userloop.clear();
      userloop.surveyRead.clear();
      userloop.userloopResponses.clear();
      exports.userloopResponses.clear();
      userloop.userloopNps.clear();
    }
  };
}
