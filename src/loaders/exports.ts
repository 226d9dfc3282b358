// Whole-range reads that many fields share within one request (NPS summary, per-customer NPS,
// identity): each vendor range is read once, with the vendor's largest pages, then indexed.
import { type DateRange, nextDayStartMs } from '../domain/date-range.js';
import type { NpsRecord } from '../domain/nps.js';
import type { Indexed, PlanhatNpsRead } from '../domain/nps-exports.js';
import { defaultNpsRange } from '../domain/nps-range.js';
import type { RawResponse } from '../domain/userloop-surveys.js';
import { iterateAdapter } from '../pagination/index.js';
import type { SwrCache } from '../cache/swr-cache.js';
import { mapLimit } from './limit.js';
import { memoBy, memoIn } from './memo.js';
import type { LoaderScope } from './scope.js';
import { VendorError } from '../transport/vendor-error.js';
import { npsExpiryDayFor, PLANHAT_MAX_LIST_LIMIT } from '../vendors/planhat/limits.js';
import { USERLOOP_MAX_LIMIT, type UserLoopClient } from '../vendors/userloop/client.js';
import { rawResponseToNps } from '../vendors/userloop/map.js';
import { USERLANE_PAGE_LIMIT_MAX } from '../vendors/userlane/limits.js';

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
  /**
   * One UserLoop question's answers in the range, whole. An assumption the docs leave open: a
   * `question_id` filter yields the survey's answers to that question in the survey list's order.
   */
  userloopQuestion(
    range: DateRange,
    surveyId: string,
    questionId: string,
  ): Promise<RawResponse[]> | null;
}

export interface ExportLoaders {
  userlaneNps(
    range: DateRange,
  ): Promise<Indexed<NpsRecord> & { byUserId: Map<string, NpsRecord[]> }>;
  planhatNps(range: DateRange): Promise<Indexed<NpsRecord>>;
  /** Every raw answer the key may read in the range, all surveys. */
  userloopResponses(range: DateRange): Promise<Indexed<RawResponse>>;
  /** Answers to UserLoop questions of type NPS, as NPS records. */
  userloopNps(range: DateRange): Promise<Indexed<NpsRecord>>;
  /** Whether a source knows an email (within the default NPS window), cheapest first. */
  identityEvidence: ((email: string) => Promise<boolean>)[];
  lists: ExportLists;
  /**
   * A value computed from this request's exports, once per key per request (e.g. the records
   * several summaries of one filter share); dropped with the exports on `invalidate`.
   */
  derive<V>(key: string, compute: () => Promise<V>): Promise<V>;
  /** Forgets what was read from a vendor, after a write to it: later reads see the new state. */
  invalidate(vendor: 'userlane' | 'planhat' | 'userloop'): void;
}

function index<T>(records: T[], email: (record: T) => string | null): Indexed<T> {
  const byEmail = new Map<string, T[]>();
  for (const record of records) {
    const key = email(record);
    if (!key) continue;
    const list = byEmail.get(key);
    if (list) list.push(record);
    else byEmail.set(key, [record]);
  }
  return { records, byEmail };
}

const rangeKey = (range: DateRange) => `${range.from}..${range.to}`;

interface SurveyRange {
  range: DateRange;
  surveyId: string;
}

/** Arrays that can key derived values: at least one. */
const isOwners = <T>(arrays: T[][]): arrays is [T[], ...T[][]] => arrays.length > 0;

function inRange(range: DateRange) {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const toEnd = nextDayStartMs(range.to);
  return (instant: string | null) => {
    const at = instant === null ? Number.NaN : Date.parse(instant);
    return at >= from && at < toEnd;
  };
}

/** What the exports read besides the request: the UserLoop NPS questions, a sibling loader. */
export interface ExportReads {
  userloopNpsQuestions: () => Promise<{ surveyId: string; questionId: string }[]>;
}

export function createExportLoaders(ctx: LoaderScope, reads: ExportReads): ExportLoaders {
  const caches = ctx.services.caches.exports;
  const { derived, readAhead } = ctx.services.caches;
  // A request's own read counts against its deadline and call cap; a background refresh of the
  // cross-request cache belongs to no request, so it gets its own deadline.
  const shared = <V>(
    cache: SwrCache<V>,
    key: string,
    read: (signal: AbortSignal) => Promise<V>,
  ): Promise<V> =>
    cache.get(key, (background) =>
      read(background ? AbortSignal.timeout(ctx.services.config.requestDeadlineMs) : ctx.signal),
    );

  const userlaneNps = memoBy(rangeKey, async (range: DateRange) => {
    const client = ctx.vendor('userlane');
    const [records, directory] = await Promise.all([
      shared(caches.userlaneNps, rangeKey(range), async (signal) => {
        const rows: NpsRecord[] = [];
        for await (const record of iterateAdapter<NpsRecord>(
          {
            kind: 'page',
            maxPageSize: USERLANE_PAGE_LIMIT_MAX,
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

  const planhatRead = memoBy(rangeKey, (range: DateRange) => {
    const client = ctx.vendor('planhat');
    return shared(caches.planhatNps, rangeKey(range), async (signal): Promise<PlanhatNpsRead> => {
      const within = inRange(range);
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
  const planhatNps = Object.assign(async (range: DateRange) => (await planhatRead(range)).inRange, {
    clear: () => planhatRead.clear(),
  });

  // One survey's answers in a range: the unit every UserLoop read here shares, so a request
  // reading NPS answers only reads the surveys that ask an NPS question.
  const surveyKey = ({ range, surveyId }: SurveyRange) => `${rangeKey(range)}|${surveyId}`;
  const surveyRead = memoBy(surveyKey, (at: SurveyRange) => {
    const client = ctx.vendor('userloop');
    return shared(caches.userloopResponses, surveyKey(at), async (signal) => {
      try {
        return await surveyResponses(client, at.surveyId, at.range, signal);
      } catch (error) {
        // A survey outside the key's allowlist has no answers for us.
        if (error instanceof VendorError && error.kind === 'forbidden') return [];
        throw error;
      }
    });
  });
  const surveysRead = async (range: DateRange, surveyIds: string[]) =>
    Promise.all(surveyIds.map((surveyId) => surveyRead({ range, surveyId })));

  const userloopResponses = memoBy(rangeKey, async (range: DateRange) => {
    const client = ctx.vendor('userloop');
    const surveys = await ctx.services.caches.userloopSurveys.get('all', () =>
      client.surveys({ signal: ctx.signal }),
    );
    const perSurvey = await surveysRead(
      range,
      surveys.map((survey) => survey.id),
    );
    const build = () => index(perSurvey.flat(), (r) => r.recipient);
    return isOwners(perSurvey) ? derived.get(perSurvey, 'byRecipient', build) : build();
  });

  const userloopNps = memoBy(rangeKey, async (range: DateRange) => {
    const questions = await reads.userloopNpsQuestions();
    const ids = questions.map((q) => q.questionId).sort();
    const perSurvey = await surveysRead(range, [...new Set(questions.map((q) => q.surveyId))]);
    const build = () => {
      const npsQuestions = new Set(ids);
      const records = perSurvey.flatMap((rows) =>
        rows.flatMap((row) =>
          row.questionId && npsQuestions.has(row.questionId) ? (rawResponseToNps(row) ?? []) : [],
        ),
      );
      return index(records, (r) => r.email);
    };
    return isOwners(perSurvey) ? derived.get(perSurvey, `nps:${ids.join(',')}`, build) : build();
  });

  // A list is served from an export only if the request reads it anyway or a fresh copy exists:
  // `npsSummary` beside `npsResponses` reads each range once; a lone feed page reads one page.
  const ifRead = <K, V>(
    loader: ((arg: K) => Promise<V>) & { peek(arg: K): Promise<V> | undefined },
    cache: SwrCache<unknown>,
    arg: K,
    key: string,
  ): Promise<V> | null => loader.peek(arg) ?? (cache.isFresh(key) ? loader(arg) : null);

  const lists: ExportLists = {
    planhat: (range) => ifRead(planhatRead, caches.planhatNps, range, rangeKey(range)),
    userlane: (range) => {
      const read = ifRead(userlaneNps, caches.userlaneNps, range, rangeKey(range));
      return read && read.then((e) => e.records);
    },
    userloopQuestion: (range, surveyId, questionId) => {
      const at = { range, surveyId };
      const read = ifRead(surveyRead, caches.userloopResponses, at, surveyKey(at));
      return (
        read &&
        read.then((rows) =>
          derived.get([rows], `question:${questionId}`, () =>
            rows.filter((row) => row.questionId === questionId),
          ),
        )
      );
    },
  };

  const window = () => defaultNpsRange(new Date());
  const identityEvidence = [
    async (email: string) => (await planhatNps(window())).byEmail.has(email),
    async (email: string) => (await userloopResponses(window())).byEmail.has(email),
  ];

  const computed = new Map<string, Promise<unknown>>();
  const derive = <V>(key: string, compute: () => Promise<V>): Promise<V> =>
    memoIn(computed as Map<string, Promise<V>>, key, compute);

  const invalidate = (vendor: 'userlane' | 'planhat' | 'userloop') => {
    computed.clear();
    // The cross-request copy goes too: no later request may read what this write replaced.
    if (vendor === 'userlane') {
      userlaneNps.clear();
      caches.userlaneNps.clear();
    }
    if (vendor === 'planhat') {
      planhatNps.clear();
      caches.planhatNps.clear();
      readAhead.planhat.clear();
    }
    if (vendor === 'userloop') {
      readAhead.userloop.clear();
      surveyRead.clear();
      userloopResponses.clear();
      caches.userloopResponses.clear();
      userloopNps.clear();
    }
  };

  return {
    userlaneNps,
    planhatNps,
    userloopResponses,
    userloopNps,
    identityEvidence,
    lists,
    derive,
    invalidate,
  };
}

/** Pages of one survey's answers in flight at once, after the first page gave the total. */
export const USERLOOP_PAGE_FANOUT = 4;

/**
 * Every answer of one survey in the range. Filtered by survey, UserLoop reports `total_count`:
 * the first page tells how many pages follow, and those are read concurrently (bounded) instead
 * of one after another. Without a total, pages follow `has_next_page`.
 */
async function surveyResponses(
  client: UserLoopClient,
  surveyId: string,
  range: DateRange,
  signal: AbortSignal,
): Promise<RawResponse[]> {
  const read = (offset: number) =>
    client.responses({ surveyId, range }, offset, USERLOOP_MAX_LIMIT, { signal });
  const first = await read(0);
  const total = first.total;
  if (total === null || total === undefined) {
    const rows = [...first.items];
    let page = first;
    while (page.hasNextPage && page.items.length > 0) {
      page = await read(rows.length);
      rows.push(...page.items);
    }
    return rows;
  }
  const offsets: number[] = [];
  for (let offset = USERLOOP_MAX_LIMIT; offset < total; offset += USERLOOP_MAX_LIMIT) {
    offsets.push(offset);
  }
  const rest = await mapLimit(
    offsets,
    USERLOOP_PAGE_FANOUT,
    async (offset) => (await read(offset)).items,
  );
  return [first.items, ...rest].flat();
}
