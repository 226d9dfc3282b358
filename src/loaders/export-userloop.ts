// UserLoop's answers of a range. One survey's answers are the unit every UserLoop read here
// shares, so a request reading only NPS answers reads only the surveys that ask an NPS question.
import { readThrough } from '../cache/freshness.js';
import type { DateRange } from '../domain/date-range.js';
import type { NpsRecord } from '../domain/nps.js';
import type { Indexed } from '../domain/nps-exports.js';
import type { RawResponse } from '../domain/userloop-surveys.js';
import { VendorError } from '../transport/vendor-error.js';
import { USERLOOP_MAX_LIMIT, type UserLoopClient } from '../vendors/userloop/client.js';
import { rawResponseToNps } from '../vendors/userloop/map.js';
import { rangeKey, type SharedRead } from './export-cache.js';
import { index, isOwners } from './export-index.js';
import { mapLimit } from './limit.js';
import { type Memo, memoBy } from './memo.js';
import type { LoaderScope } from './scope.js';

/** What the exports read besides the request: the UserLoop NPS questions, a sibling loader. */
export interface ExportReads {
  userloopNpsQuestions: () => Promise<{ surveyId: string; questionId: string }[]>;
}

export interface SurveyRange {
  range: DateRange;
  surveyId: string;
}

export interface UserLoopExports {
  /** One survey's answers in a range, whole. */
  surveyRead: Memo<SurveyRange, RawResponse[]>;
  /** The cross-request cache key of `surveyRead`. */
  surveyKey(at: SurveyRange): string;
  /** Every raw answer the key may read in the range, all surveys. */
  userloopResponses: Memo<DateRange, Indexed<RawResponse>>;
  /** Answers to UserLoop questions of type NPS, as NPS records. */
  userloopNps: Memo<DateRange, Indexed<NpsRecord>>;
}

export function userloopExports(
  ctx: LoaderScope,
  shared: SharedRead,
  reads: ExportReads,
): UserLoopExports {
  const caches = ctx.services.caches.exports;
  const { derived } = ctx.services.caches;

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
    const surveys = await readThrough(ctx, ctx.services.caches.userloopSurveys, 'all', () =>
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

  return { surveyRead, surveyKey, userloopResponses, userloopNps };
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
