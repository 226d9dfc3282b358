/** A survey of the UserLoop catalog (`GET /surveys`). */
export interface UserLoopSurveySummary {
  id: string;
  title: string;
  /** Channel: Email, Checkout, Link, ... */
  format: string | null;
  /** `active` or `archived`. */
  status: string | null;
  questionCount: number | null;
  questionIds: string[];
  createdAt: string | null;
  updatedAt: string | null;
  /** Grouped configuration, as the vendor sends it (keys in snake_case). */
  settings: UserLoopSurveySettings;
}

export interface UserLoopSurveySettings {
  toggles: Record<string, unknown> | null;
  schedule: Record<string, unknown> | null;
  triggers: Record<string, unknown> | null;
  discount: Record<string, unknown> | null;
  colors: Record<string, unknown> | null;
  recipients: Record<string, unknown> | null;
  flags: Record<string, unknown> | null;
  incentives: Record<string, unknown> | null;
  sharing: Record<string, unknown> | null;
  integrations: Record<string, unknown> | null;
}

/** A survey with its questions (`GET /surveys/{id}`). */
export interface UserLoopSurvey {
  id: string;
  title: string;
  companyId: string | null;
  questions: SurveyQuestion[];
}

export interface SurveyQuestion {
  id: string;
  surveyId: string;
  text: string;
  /** CSAT, NPS, ... */
  type: string;
  answers: SurveyAnswer[];
}

export interface SurveyAnswer {
  id: string;
  text: string;
}

/** Counts per answer option of one question (`view=counts`). */
export interface AnswerBreakdown {
  surveyId: string;
  surveyTitle: string | null;
  question: { id: string; text: string | null; type: string | null };
  totalResponses: number;
  uniqueCustomers: number;
  sumResponses: number;
  answers: AnswerCount[];
  /** The filters the vendor says it applied. */
  filters: { answerIds: string[]; startDate: string | null; endDate: string | null };
}

export interface AnswerCount {
  answerId: string;
  answerText: string | null;
  count: number;
  /** 0..100. */
  percentage: number;
  revenue: number | null;
  aov: number | null;
  currency: string | null;
}

/** A free-text answer (`view=open`). */
export interface OpenResponse {
  id: string;
  uniqueId: string | null;
  /** Lower-cased email, when captured. */
  recipient: string | null;
  surveyId: string;
  /** ISO instant. */
  creationDate: string;
  openEndedResponse: string | null;
  lineItems: string[];
  lineItemsCount: number | null;
  orderTotal: number | null;
  currency: string | null;
}

/** A row of the raw export (`GET /responses`, `GET /responses/{id}`). */
export interface RawResponse {
  id: string;
  uniqueId: string | null;
  surveyId: string;
  questionId: string | null;
  questionText: string | null;
  /** ISO instant; null only on a single-record read that leaves it out. */
  creationDate: string | null;
  answerId: string | null;
  /** The selected answer, or the numeric value of an NPS/CSAT answer. */
  answerText: string | null;
  openEndedResponse: string | null;
  /** Lower-cased email, when the record carries one. */
  recipient: string | null;
  orderTotal: number | null;
  currency: string | null;
  environment: string | null;
  surface: string | null;
  landingSite: string | null;
  /** Undocumented extras (`utm_*`, ...), under the vendor's own keys. */
  extra: Record<string, unknown>;
}
