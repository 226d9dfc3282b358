// Feed slices: the NPS feed pages through the very lists a range export holds, so when the
// request reads that export anyway its pages cost no further vendor call.
import type { DerivedCache } from '../cache/derived.js';
import type { DateRange } from '../domain/date-range.js';
import type { NpsRecord } from '../domain/nps.js';
import type { PlanhatNpsRead } from '../domain/nps-exports.js';
import type { RawResponse } from '../domain/userloop-surveys.js';
import type { MetadataCaches } from '../services.js';
import { ifRead, rangeKey } from './export-cache.js';
import type { PlanhatNpsExport } from './export-planhat.js';
import type { UserlaneNpsExport } from './export-userlane.js';
import type { UserLoopExports } from './export-userloop.js';
import type { Memo } from './memo.js';

/**
 * The vendor lists a range export holds, position for position, when this request reads that
 * export anyway (or a fresh cross-request copy exists); null otherwise. A feed over the same list
 * serves its pages from here instead of calling the vendor again, so its cursors are the very
 * positions a vendor read would give, and reading only a page never costs a whole export.
 */
export interface ExportLists {
  planhat(range: DateRange): Promise<PlanhatNpsRead> | null;
  /** Userlane's NPS list of the range, whole. */
  userlane(range: DateRange): Promise<NpsRecord[]> | null;
  /** One UserLoop survey's rows in the range, whole, in the survey list's order. */
  userloopSurvey(range: DateRange, surveyId: string): Promise<RawResponse[]> | null;
}

export function exportLists(
  caches: MetadataCaches['exports'],
  derived: DerivedCache,
  reads: {
    planhat: PlanhatNpsExport;
    userlaneNps: Memo<DateRange, UserlaneNpsExport>;
    userloop: UserLoopExports;
  },
): ExportLists {
  const { planhat, userlaneNps, userloop } = reads;
  return {
    planhat: (range) => ifRead(planhat.read, caches.planhatNps, range, rangeKey(range)),
    userlane: (range) => {
      const read = ifRead(userlaneNps, caches.userlaneNps, range, rangeKey(range));
      return read && read.then((e) => e.records);
    },
    userloopSurvey: (range, surveyId) => {
      const at = { range, surveyId };
      return ifRead(userloop.surveyRead, caches.userloopResponses, at, userloop.surveyKey(at));
    },
  };
}
