// Surveys, questions and answers of both vendors in one shape, so the schema reads either vendor's
// the same way and a merged list can order them together.
import type { UserlaneUserRef } from '../domain/userlane-analytics.js';
import type { SurveyQuestion, UserLoopSurveySummary } from '../domain/userloop-surveys.js';

export type SurveySource = 'USERLANE' | 'USERLOOP';
export const SURVEY_SOURCES: readonly SurveySource[] = ['USERLOOP', 'USERLANE'];

/** A survey of either vendor; `userloop` holds UserLoop's catalog entry. */
export interface SurveyRecord {
  source: SurveySource;
  id: string;
  title: string;
  userloop: UserLoopSurveySummary | null;
}

export interface QuestionRecord extends SurveyQuestion {
  source: SurveySource;
}

/** One answer of either vendor. UserLoop answers one question per row; Userlane gives a score. */
export interface SurveyResponseRecord {
  source: SurveySource;
  /** UserLoop's response id; for Userlane, which has none, the synthetic `userlaneNpsId`. */
  id: string;
  surveyId: string;
  questionId: string | null;
  score: number | null;
  answer: string | null;
  answerId: string | null;
  comment: string | null;
  /** ISO instant; null only when UserLoop's single-record read leaves it out. */
  answeredAt: string | null;
  /** Lower-cased UserLoop recipient. */
  email: string | null;
  user: UserlaneUserRef | null;
  userloop: UserLoopResponseDetails | null;
}

export interface UserLoopResponseDetails {
  uniqueId: string | null;
  questionText: string | null;
  orderTotal: number | null;
  currency: string | null;
  lineItems: string[] | null;
  lineItemsCount: number | null;
  environment: string | null;
  surface: string | null;
  landingSite: string | null;
  /** Every undocumented key of a raw row (`utm_*`, `line_items`, ...), as the vendor sent it. */
  extra: Record<string, unknown>;
}
