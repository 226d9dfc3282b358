// Planhat's NPS list of a range. Planhat takes no date bound but the window start and sorts
// newest first, so the read keeps the vendor's positions (the feed pages through them) and stops
// at the first page reaching past the range start instead of reading the whole window.
import { type DateRange, nextDayStartMs } from '../domain/date-range.js';
import type { NpsCountedRecord, NpsRecord } from '../domain/nps.js';
import type { Indexed, PlanhatNpsRead } from '../domain/nps-exports.js';
import { withinRange } from '../lists/survey-response-filters.js';
import { COUNTED_SELECT } from '../vendors/planhat/client.js';
import { npsExpiryDayFor, PLANHAT_MAX_LIST_LIMIT } from '../vendors/planhat/limits.js';
import { rangeKey, type SharedRead } from './export-cache.js';
import { index } from './export-index.js';
import { type Memo, memoBy } from './memo.js';
import type { LoaderScope } from './scope.js';

type Cleared<F> = F & { clear(): void };

export interface PlanhatNpsExport {
  /** The vendor's slots from the range's newest answer on, as the feed pages through them. */
  read: Memo<DateRange, PlanhatNpsRead>;
  /** The answers within the range, whole records, indexed by email. */
  nps: Cleared<(range: DateRange) => Promise<Indexed<NpsRecord>>>;
  /**
   * The answers within the range with what counting them needs: a read that asks Planhat for
   * those properties alone (`select`, fewer bytes a record), unless a whole read of the range is
   * this request's or the cache's (held, under way or stale-servable), which then serves it.
   * For requests that ask no whole record (the schema decides): one read a range either way.
   */
  counted: Cleared<(range: DateRange) => Promise<Indexed<NpsCountedRecord>>>;
}

/** The cache key of a range's counted read, beside its whole read's `rangeKey`. */
export const countedKey = (range: DateRange) => `${rangeKey(range)} counted`;

export function planhatNpsExport(ctx: LoaderScope, shared: SharedRead): PlanhatNpsExport {
  const caches = ctx.services.caches.exports;
  const readRange = (range: DateRange, select: readonly string[] | undefined) => {
    const client = ctx.vendor('planhat');
    return async (signal: AbortSignal): Promise<PlanhatNpsRead> => {
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
          { sort: '-npsDate', select, npsExpiryDay, offset, limit: PLANHAT_MAX_LIST_LIMIT },
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
    };
  };
  const read = memoBy(rangeKey, (range: DateRange) =>
    shared(caches.planhatNps, rangeKey(range), readRange(range, undefined)),
  );
  const countedRead = memoBy(rangeKey, (range: DateRange): Promise<PlanhatNpsRead> => {
    const whole =
      read.peek(range) ?? (caches.planhatNps.holds(rangeKey(range)) ? read(range) : undefined);
    // Its slots are partial records: kept apart from the whole read, never a feed's page.
    return whole ?? shared(caches.planhatNps, countedKey(range), readRange(range, COUNTED_SELECT));
  });
  const nps = Object.assign(async (range: DateRange) => (await read(range)).inRange, {
    clear: () => read.clear(),
  });
  const counted = Object.assign(
    async (range: DateRange): Promise<Indexed<NpsCountedRecord>> =>
      (await countedRead(range)).inRange,
    { clear: () => countedRead.clear() },
  );
  return { read, nps, counted };
}
