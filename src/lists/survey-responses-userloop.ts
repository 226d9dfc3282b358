// A UserLoop survey's answers: UserLoop filters by date only, so scores and comments are
// filtered here; its open-ended view is a list of its own.
import type { DateRange } from '../domain/date-range.js';
import type { FilterVerdict, ListAdapter, OffsetAdapter } from '../pagination/index.js';
import { filteredList } from '../pagination/index.js';
import { USERLOOP_MAX_LIMIT, type UserLoopClient } from '../vendors/userloop/client.js';
import type { ResponseQuery } from './survey-response-filters.js';
import type { SurveyResponseRecord } from './survey-records.js';
import { fromUserLoopOpen, fromUserLoopRaw } from './survey-response-records.js';

/**
 * A UserLoop survey's raw rows (one per question answered), newest first. UserLoop filters by
 * date only: scores (numeric answers) and comments are filtered here.
 */
export function userloopResponsesList(
  client: UserLoopClient,
  surveyId: string,
  query: Pick<ResponseQuery, 'range' | 'scores' | 'commentOnly'>,
): ListAdapter<SurveyResponseRecord> {
  const rows: OffsetAdapter<SurveyResponseRecord> = {
    kind: 'offset',
    maxLimit: USERLOOP_MAX_LIMIT,
    // The docs allow a null total "when exact count unavailable".
    reportsTotal: false,
    fetch: async (offset, limit, signal) => {
      const page = await client.responses({ surveyId, range: query.range }, offset, limit, {
        signal,
      });
      return {
        items: page.items.map(fromUserLoopRaw),
        total: page.total,
        hasNextPage: page.hasNextPage,
      };
    },
  };
  const { scores, commentOnly } = query;
  if (!scores && !commentOnly) return rows;
  const verdict = (r: SurveyResponseRecord): FilterVerdict =>
    (scores === null || (r.score !== null && scores.includes(r.score))) &&
    (!commentOnly || r.comment !== null)
      ? 'keep'
      : 'skip';
  return filteredList(rows, verdict);
}

/** Free-text answers of one UserLoop question (`view=open`), newest first, with a total. */
export function userloopOpenList(
  client: UserLoopClient,
  surveyId: string,
  questionId: string,
  /** Undefined: UserLoop's documented default, 1970-01-01 through today. */
  range: DateRange | undefined,
): OffsetAdapter<SurveyResponseRecord> {
  return {
    kind: 'offset',
    maxLimit: USERLOOP_MAX_LIMIT,
    fetch: async (offset, limit, signal) => {
      const page = await client.openResponses(surveyId, questionId, range, offset, limit, {
        signal,
      });
      return {
        items: page.items.map((r) => fromUserLoopOpen(r, questionId)),
        total: page.total,
        hasNextPage: page.hasNextPage,
      };
    },
  };
}
