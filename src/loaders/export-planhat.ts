// Planhat's NPS list of a range. Planhat takes no date bound but the window start and sorts
// newest first, so the read keeps the vendor's positions (the feed pages through them) and stops
// at the first page reaching past the range start instead of reading the whole window.
import { type DateRange, nextDayStartMs } from '../domain/date-range.js';
import type { NpsRecord } from '../domain/nps.js';
import type { Indexed, PlanhatNpsRead } from '../domain/nps-exports.js';
import { withinRange } from '../lists/survey-response-filters.js';
import { npsExpiryDayFor, PLANHAT_MAX_LIST_LIMIT } from '../vendors/planhat/limits.js';
import { rangeKey, type SharedRead } from './export-cache.js';
import { index } from './export-index.js';
import { type Memo, memoBy } from './memo.js';
import type { LoaderScope } from './scope.js';

export interface PlanhatNpsExport {
  /** The vendor's slots from the range's newest answer on, as the feed pages through them. */
  read: Memo<DateRange, PlanhatNpsRead>;
  /** The answers within the range, indexed by email. */
  nps: ((range: DateRange) => Promise<Indexed<NpsRecord>>) & { clear(): void };
}

export function planhatNpsExport(ctx: LoaderScope, shared: SharedRead): PlanhatNpsExport {
  const caches = ctx.services.caches.exports;
  const read = memoBy(rangeKey, (range: DateRange) => {
    const client = ctx.vendor('planhat');
    return shared(caches.planhatNps, rangeKey(range), async (signal): Promise<PlanhatNpsRead> => {
      const within = withinRange(range);
      const from = Date.parse(`${range.from}T00:00:00Z`);
      const npsExpiryDay = npsExpiryDayFor(range, new Date());
      const toEnd = nextDayStartMs(range.to);
      let head = 0;
      const slots: (NpsRecord | null)[] = [];
      const rows: NpsRecord[] = [];
      const done = (ended: boolean) => ({
        head,
        slots,
        ended,
        inRange: index(rows, (r) => r.email),
      });
      for (let offset = 0; ; offset += PLANHAT_MAX_LIST_LIMIT) {
        const page = await client.listNps(
          { sort: '-npsDate', npsExpiryDay, offset, limit: PLANHAT_MAX_LIST_LIMIT },
          { signal },
        );
        let older = false;
        for (const record of page.slots) {
          if (slots.length === 0 && (!record || Date.parse(record.answeredAt) >= toEnd)) {
            head += 1;
            continue;
          }
          slots.push(record);
          if (record && within(record.answeredAt)) rows.push(record);
          if (record && Date.parse(record.answeredAt) < from) older = true;
        }
        if (page.slots.length < PLANHAT_MAX_LIST_LIMIT) return done(true);
        // Newest first: once a page reaches past the range start, later pages are older still.
        if (older) return done(false);
      }
    });
  });
  const nps = Object.assign(async (range: DateRange) => (await read(range)).inRange, {
    clear: () => read.clear(),
  });
  return { read, nps };
}
