// Whole-range reads that many fields share within one request (NPS summary, per-customer NPS,
// identity): each vendor range is read once, with the vendor's largest pages, then indexed. This
// file assembles the per-vendor exports (export-*.ts) into the request's export loaders.
import type { DateRange } from '../domain/date-range.js';
import type { NpsCountedRecord, NpsRecord } from '../domain/nps.js';
import type { Indexed } from '../domain/nps-exports.js';
import type { RawResponse } from '../domain/userloop-surveys.js';
import { sharedReads } from './export-cache.js';
import { type ExportLists, exportLists } from './export-feeds.js';
import { identityEvidence } from './export-identity.js';
import { exportInvalidation, type ExportVendor } from './export-invalidation.js';
import { planhatNpsExport } from './export-planhat.js';
import { type UserlaneNpsExport, userlaneNpsExport } from './export-userlane.js';
import { type ExportReads, userloopExports } from './export-userloop.js';
import { memoIn } from './memo.js';
import type { LoaderScope } from './scope.js';

// Kept importable from here, where the dashboard's call-count tests have always found it.
export { USERLOOP_PAGE_FANOUT } from './export-userloop.js';

export interface ExportLoaders {
  userlaneNps(range: DateRange): Promise<UserlaneNpsExport>;
  planhatNps(range: DateRange): Promise<Indexed<NpsRecord>>;
  /**
   * Planhat's answers of the range with what counts need, for a request that asks no whole
   * record: a `select` read, or the range's whole read where one is held (export-planhat.ts).
   */
  planhatCounted(range: DateRange): Promise<Indexed<NpsCountedRecord>>;
  /** Every raw answer the key may read in the range, all surveys. */
  userloopResponses(range: DateRange): Promise<Indexed<RawResponse>>;
  /** Answers to UserLoop questions of type NPS, as NPS records. */
  userloopNps(range: DateRange): Promise<Indexed<NpsRecord>>;
  /**
   * Whether a source knows an email (within the default NPS window), cheapest first; `whole`:
   * the request reads Planhat's whole records anyway, so the check uses that read.
   */
  identityEvidence(whole: boolean): ((email: string) => Promise<boolean>)[];
  lists: ExportLists;
  /**
   * A value computed from this request's exports, once per key per request (e.g. the records
   * several summaries of one filter share); dropped with the exports on `invalidate`.
   */
  derive<V>(key: string, compute: () => Promise<V>): Promise<V>;
  /** Forgets what this request read from a vendor, after a write to it (see vendor-write.ts). */
  invalidate(vendor: ExportVendor): void;
}

export function createExportLoaders(ctx: LoaderScope, reads: ExportReads): ExportLoaders {
  const { caches } = ctx.services;
  const shared = sharedReads(ctx);
  const userlaneNps = userlaneNpsExport(ctx, shared);
  const planhat = planhatNpsExport(ctx, shared);
  const userloop = userloopExports(ctx, shared, reads);

  const computed = new Map<string, Promise<unknown>>();
  const derive = <V>(key: string, compute: () => Promise<V>): Promise<V> =>
    memoIn(computed as Map<string, Promise<V>>, key, compute);

  return {
    userlaneNps,
    planhatNps: planhat.nps,
    planhatCounted: planhat.counted,
    userloopResponses: userloop.userloopResponses,
    userloopNps: userloop.userloopNps,
    identityEvidence: (whole) =>
      identityEvidence(whole ? planhat.nps : planhat.counted, userloop.userloopResponses),
    lists: exportLists(caches.exports, caches.derived, { planhat, userlaneNps, userloop }),
    derive,
    invalidate: exportInvalidation({ computed, userlaneNps, planhat, userloop }),
  };
}
