// Userlane filters a survey's answers (scores, comments, type) itself: its list is the vendor's
// pages as they come.
import type { DateRange } from '../domain/date-range.js';
import type { PageAdapter } from '../pagination/index.js';
import type { SurveyResponseFilter, UserlaneClient } from '../vendors/userlane/client.js';
import { USERLANE_PAGE_RECORDS_MAX } from '../vendors/userlane/limits.js';
import type { SurveyResponseRecord } from './survey-records.js';
import { fromUserlane } from './survey-response-records.js';

/** A Userlane survey's answers, newest first, filtered by the vendor. */
export function userlaneResponsesList(
  client: UserlaneClient,
  surveyId: string,
  range: DateRange,
  filter: SurveyResponseFilter,
): PageAdapter<SurveyResponseRecord> {
  return {
    kind: 'page',
    maxPageSize: USERLANE_PAGE_RECORDS_MAX,
    fetchPage: async (page, size, signal) => ({
      items: (await client.surveyResponses(surveyId, range, filter, page, size, { signal })).map(
        fromUserlane,
      ),
    }),
  };
}
