// Userlane surveys have no question list: each answer is one score. The gateway models that as
// one implicit question, so both vendors' surveys read the same way; its breakdown is counted
// here because Userlane has no counts view.
import type { DateRange } from '../domain/date-range.js';
import type { AnswerBreakdown } from '../domain/userloop-surveys.js';
import type { QuestionRecord, SurveyResponseRecord } from './survey-records.js';

export const USERLANE_QUESTION_ID = 'score';
export const USERLANE_QUESTION_TYPE = 'SCORE_1_5';
export const USERLANE_SCORES: readonly number[] = [1, 2, 3, 4, 5];

export function userlaneQuestion(survey: { id: string; title: string }): QuestionRecord {
  return {
    source: 'USERLANE',
    id: USERLANE_QUESTION_ID,
    surveyId: survey.id,
    // Userlane's API does not return the question's wording; the survey's title stands in.
    text: survey.title,
    type: USERLANE_QUESTION_TYPE,
    answers: USERLANE_SCORES.map((score) => ({ id: String(score), text: String(score) })),
  };
}

/**
 * A Userlane question's breakdown, counted from the survey's answers (Userlane has no counts
 * view): one row per score asked for, most answered first (ties in score order), like UserLoop's.
 * Unique customers are distinct Userlane users; revenue does not apply.
 */
export function scoreBreakdown(
  question: QuestionRecord,
  records: readonly SurveyResponseRecord[],
  answerIds: readonly string[],
  range: DateRange,
): AnswerBreakdown {
  const counts = new Map(answerIds.map((id) => [id, 0]));
  const users = new Set<string>();
  for (const record of records) {
    const id = record.answerId ?? '';
    const count = counts.get(id);
    if (count === undefined) continue;
    counts.set(id, count + 1);
    if (record.user) users.add(record.user.id);
  }
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const answers = [...counts]
    .map(([answerId, count]) => ({
      answerId,
      answerText: question.answers.find((a) => a.id === answerId)?.text ?? answerId,
      count,
      percentage: total === 0 ? 0 : Math.round((count / total) * 10_000) / 100,
      revenue: null,
      aov: null,
      currency: null,
    }))
    .sort((a, b) => b.count - a.count || Number(a.answerId) - Number(b.answerId));
  return {
    surveyId: question.surveyId,
    surveyTitle: question.text,
    question: { id: question.id, text: question.text, type: question.type },
    totalResponses: total,
    uniqueCustomers: users.size,
    sumResponses: total,
    answers,
    filters: { answerIds: [...answerIds], startDate: range.from, endDate: range.to },
  };
}
