// Userlane's NPS list of a range, read whole with its largest pages, indexed by user and, through
// the user directory (Userlane records carry no email), by email.
import type { DateRange } from '../domain/date-range.js';
import type { NpsRecord } from '../domain/nps.js';
import type { Indexed } from '../domain/nps-exports.js';
import { iterateAdapter } from '../pagination/index.js';
import { USERLANE_PAGE_RECORDS_MAX } from '../vendors/userlane/limits.js';
import { rangeKey, type SharedRead } from './export-cache.js';
import { index } from './export-index.js';
import { type Memo, memoBy } from './memo.js';
import type { LoaderScope } from './scope.js';

export type UserlaneNpsExport = Indexed<NpsRecord> & { byUserId: Map<string, NpsRecord[]> };

export function userlaneNpsExport(
  ctx: LoaderScope,
  shared: SharedRead,
): Memo<DateRange, UserlaneNpsExport> {
  const caches = ctx.services.caches.exports;
  const { derived } = ctx.services.caches;
  return memoBy(rangeKey, async (range: DateRange) => {
    const client = ctx.vendor('userlane');
    const [records, directory] = await Promise.all([
      shared(caches.userlaneNps, rangeKey(range), async (signal) => {
        const rows: NpsRecord[] = [];
        for await (const record of iterateAdapter<NpsRecord>(
          {
            kind: 'page',
            maxPageSize: USERLANE_PAGE_RECORDS_MAX,
            fetchPage: async (page, size) => ({
              items: await client.nps(range, page, size, { signal }),
            }),
          },
          { signal },
        )) {
          rows.push(record);
        }
        return rows;
      }),
      ctx.services.directory(),
    ]);
    return derived.get([records, directory], 'indexed', () => {
      const byUserId = new Map<string, NpsRecord[]>();
      for (const record of records) {
        if (!record.userlaneUserId) continue;
        const list = byUserId.get(record.userlaneUserId);
        if (list) list.push(record);
        else byUserId.set(record.userlaneUserId, [record]);
      }
      const emailOf = (record: NpsRecord) =>
        record.userlaneUserId ? (directory.byUserId(record.userlaneUserId)?.email ?? null) : null;
      return { ...index(records, emailOf), byUserId };
    });
  });
}
