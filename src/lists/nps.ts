// The NPS feed's streams, one per vendor list, each in the vendor's newest-first order.
import { type DateRange, dayEndInstant, dayStartInstant } from '../domain/date-range.js';
import type { NpsCategory, NpsCountedRecord, NpsRecord, NpsSource } from '../domain/nps.js';
import type { PlanhatNpsRead } from '../domain/nps-exports.js';
import type { RawResponse } from '../domain/userloop-surveys.js';
import type { ExportLists } from '../loaders/export-feeds.js';
import type { ListAdapter, MergeStream, OffsetAdapter } from '../pagination/index.js';
import {
  type FilterVerdict,
  filteredList,
  pagesAsOffsets,
  type ReadAheadStore,
} from '../pagination/index.js';
import { npsExpiryDayFor, PLANHAT_MAX_LIST_LIMIT } from '../vendors/planhat/limits.js';
import { USERLANE_PAGE_RECORDS_MAX } from '../vendors/userlane/limits.js';
import { USERLOOP_MAX_LIMIT } from '../vendors/userloop/client.js';
import { rawResponseToNps } from '../vendors/userloop/map.js';
import type { VendorLookup } from '../services.js';

// The default window is a domain rule (domain/nps-range.ts); re-exported for the importers that
// still name it here (a test), so moving it changed no caller outside this layer.
export { defaultNpsRange } from '../domain/nps-range.js';

/**
 * What the NPS feed reads, handed to it rather than the request context: the vendors, the
 * read-ahead stores, the exports' lists when the request holds them, and UserLoop's NPS questions.
 */
export interface NpsStreamReads {
  vendor: VendorLookup;
  readAhead: { planhat: ReadAheadStore; userloop: ReadAheadStore };
  /** Each vendor list if an export of this request holds it, else null: a page costs no call. */
  heldLists: ExportLists;
  userloopNpsQuestions: () => Promise<{ surveyId: string; questionId: string }[]>;
}

export interface NpsQuery {
  range: DateRange;
  sources: readonly NpsSource[];
  categories?: readonly NpsCategory[] | null;
  companyIds?: readonly string[] | null;
  hasComment?: boolean | null;
}

export const npsSortKey = (record: NpsRecord): number => Date.parse(record.answeredAt);

/** Which records the caller's filter keeps, for vendors that cannot filter themselves. */
export function npsMatcher(query: NpsQuery) {
  // Instants in `toISOString()` form order as strings: no date parsing per record.
  const from = dayStartInstant(query.range.from);
  // The `to` day's last instant, inclusive: the next midnight would not exist after 9999-12-31.
  const toEnd = dayEndInstant(query.range.to);
  return (record: NpsCountedRecord | null): FilterVerdict => {
    if (record === null) return 'skip';
    const at = record.answeredAt;
    // Every stream is newest first: past the range's start nothing more can match.
    if (at < from) return 'end';
    if (at > toEnd) return 'skip';
    if (query.categories?.length && !query.categories.includes(record.category)) return 'skip';
    if (query.hasComment != null && (record.comment !== null) !== query.hasComment) return 'skip';
    if (query.companyIds?.length && !query.companyIds.includes(record.companyId ?? '')) {
      return 'skip';
    }
    return 'keep';
  };
}

function narrowsRecords(query: NpsQuery): boolean {
  return Boolean(query.categories?.length) || query.hasComment != null;
}

/** The merge's streams for a query; UserLoop contributes one stream per NPS question. */
export async function npsStreams(
  reads: NpsStreamReads,
  query: NpsQuery,
): Promise<MergeStream<NpsRecord>[]> {
  const verdict = npsMatcher(query);
  const streams: MergeStream<NpsRecord>[] = [];
  const wants = (source: NpsSource) => query.sources.includes(source);
  // Only Planhat records carry a company: a company filter leaves the other sources out.
  const companyOnly = Boolean(query.companyIds?.length);
  // Without category, comment or company filters only the date range narrows a list, and every
  // list is sorted on the date: what the range keeps is one contiguous run.
  const dense = !narrowsRecords(query) && !companyOnly;
  // A dense walk reads one contiguous run: its large reads are an export, worth reading ahead.
  // A sparse filter's growing scans are not read ahead: the next page may not need them.
  const aheadIfDense = (
    store: ReadAheadStore,
    key: string,
    source: OffsetAdapter<NpsRecord | null>,
  ): OffsetAdapter<NpsRecord | null> => (dense ? store.adapter(key, source) : source);

  // Each stream first asks whether the request's range exports already hold its vendor list
  // (npsSummary beside this feed): then its pages cost no vendor call, at the same positions.
  const lists = reads.heldLists;

  // Each client is looked up on use: a disabled vendor fails its own stream, not the feed.
  if (wants('USERLANE') && !companyOnly) {
    const client = () => reads.vendor('userlane');
    const pages: ListAdapter<NpsRecord> = {
      kind: 'page',
      maxPageSize: USERLANE_PAGE_RECORDS_MAX,
      fetchPage: async (page, size, signal) => {
        const whole = lists.userlane(query.range);
        if (whole) return { items: (await whole).slice((page - 1) * size, page * size) };
        return { items: await client().nps(query.range, page, size, { signal }) };
      },
    };
    streams.push({
      name: 'userlane',
      adapter: narrowsRecords(query)
        ? (filteredList(pagesAsOffsets(pages), verdict) as ListAdapter<NpsRecord>)
        : pages,
    });
  }

  if (wants('PLANHAT')) {
    const client = () => reads.vendor('planhat');
    const list = {
      sort: '-npsDate',
      npsExpiryDay: npsExpiryDayFor(query.range, new Date()),
      companyIds: query.companyIds ?? undefined,
    };
    const fromVendor = aheadIfDense(reads.readAhead.planhat, `nps ${JSON.stringify(list)}`, {
      kind: 'offset',
      maxLimit: PLANHAT_MAX_LIST_LIMIT,
      fetch: async (offset, limit, signal) => ({
        items: (await client().listNps({ ...list, offset, limit }, { signal })).slots,
      }),
    });
    const slots: OffsetAdapter<NpsRecord | null> = {
      ...fromVendor,
      fetch: async (offset, limit, signal) => {
        const read = query.companyIds?.length ? null : lists.planhat(query.range);
        const served = read && planhatSlots(await read, offset, limit);
        return served ?? fromVendor.fetch(offset, limit, signal);
      },
    };
    // Planhat takes no date bound but the window start, so the range end is applied here.
    streams.push({
      name: 'planhat',
      adapter: filteredList(slots, verdict, { dense }) as ListAdapter<NpsRecord>,
    });
  }

  if (wants('USERLOOP') && !companyOnly) {
    const client = () => reads.vendor('userloop');
    // `GET /responses` documents no `question_id` filter: each NPS survey's rows are read whole
    // (survey and dates only) and a row of another question is a skipped slot, never an answer.
    // Positions are the survey list's under either reading of the docs.
    const bySurvey = new Map<string, Set<string>>();
    let questions: { surveyId: string; questionId: string }[];
    try {
      questions = await reads.userloopNpsQuestions();
    } catch (error) {
      // UserLoop's streams cannot be named: its placeholder fails like a stream would, and the
      // merge keeps UserLoop's positions in the cursor for when it answers again.
      const failing: ListAdapter<NpsRecord> = {
        kind: 'offset',
        maxLimit: USERLOOP_MAX_LIMIT,
        fetch: () => Promise.reject(error),
      };
      streams.push({ name: 'userloop:', adapter: failing });
      return streams;
    }
    for (const { surveyId, questionId } of questions) {
      const set = bySurvey.get(surveyId) ?? new Set<string>();
      set.add(questionId);
      bySurvey.set(surveyId, set);
    }
    for (const [surveyId, questions] of bySurvey) {
      const toNps = (row: RawResponse) =>
        row.questionId !== null && questions.has(row.questionId) ? rawResponseToNps(row) : null;
      const fromVendor = aheadIfDense(
        reads.readAhead.userloop,
        `responses ${JSON.stringify([surveyId, query.range])}`,
        {
          kind: 'offset',
          maxLimit: USERLOOP_MAX_LIMIT,
          reportsTotal: false,
          fetch: async (offset, limit, signal) => {
            const page = await client().responses({ surveyId, range: query.range }, offset, limit, {
              signal,
            });
            return { items: page.items.map(toNps), hasNextPage: page.hasNextPage };
          },
        },
      );
      const slots: OffsetAdapter<NpsRecord | null> = {
        ...fromVendor,
        fetch: async (offset, limit, signal) => {
          const whole = lists.userloopSurvey(query.range, surveyId);
          if (whole) {
            const rows = await whole;
            const items = rows.slice(offset, offset + limit).map(toNps);
            return { items, hasNextPage: offset + limit < rows.length };
          }
          return fromVendor.fetch(offset, limit, signal);
        },
      };
      // Other questions' rows interleave with the NPS answers: never a dense run.
      streams.push({
        name: `userloop:${surveyId}`,
        adapter: filteredList(slots, verdict) as ListAdapter<NpsRecord>,
      });
    }
  }
  return streams;
}

/**
 * Slots `[offset, offset + limit)` of the list a read holds. Head slots come back as null: the
 * range skips them as it skips unmapped slots, so a walk keeps the very positions it would have.
 * Null when the read does not reach that far (it stopped at the range start).
 */
export function planhatSlots(
  read: PlanhatNpsRead,
  offset: number,
  limit: number,
): { items: (NpsRecord | null)[]; hasNextPage?: boolean } | null {
  const heads = Math.max(0, Math.min(offset + limit, read.head) - offset);
  const from = Math.max(0, offset - read.head);
  const items = [
    ...new Array<null>(heads).fill(null),
    ...read.slots.slice(from, from + limit - heads),
  ];
  if (items.length === limit || read.ended) return { items };
  // The read stopped at the range start: the walk's filter ends before its last slot.
  return items.length > 0 ? { items, hasNextPage: true } : null;
}
