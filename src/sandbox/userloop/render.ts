import type { LoopSurvey } from './catalog.js';
import type { LoopResponse } from './seed.js';

export function surveySummary(survey: LoopSurvey) {
  return {
    id: survey.id,
    title: survey.title,
    format: survey.format,
    status: survey.status,
    question_count: survey.questions.length,
    question_ids: survey.questions.map((question) => question.question_id),
    created_at: new Date(survey.createdMs).toISOString(),
    updated_at: new Date(survey.updatedMs).toISOString(),
    ...survey.config,
  };
}

export function surveyMetadata(survey: LoopSurvey, companyId: string) {
  return {
    survey_id: survey.id,
    survey: survey.title,
    company_id: companyId,
    questions: survey.questions.map(({ question, question_id, type, answers }) => ({
      question,
      question_id,
      type,
      answers,
    })),
  };
}

/** A raw row, matching the CSV export: every documented field plus the marketing context. */
export function rawResponse(row: LoopResponse) {
  const { submission } = row;
  return {
    id: row.id,
    unique_id: row.id,
    survey: row.survey.id,
    question_id: row.question.question_id,
    question_text: row.question.question,
    creation_date: new Date(row.createdMs).toISOString(),
    recipient: submission.recipient,
    answer_id: row.answer?.answer_id ?? null,
    answer_text: row.answer?.answer ?? null,
    open_ended_response: row.text,
    order_total: submission.orderTotal,
    currency: submission.currency,
    line_items: submission.lineItems,
    line_items_count: submission.lineItems.length,
    utm_source: submission.utmSource,
    utm_medium: submission.utmMedium,
    utm_campaign: submission.utmCampaign,
    landing_site: submission.landingSite,
    surface: submission.surface,
    environment: 'production',
  };
}

export function openResponse(row: LoopResponse) {
  const { submission } = row;
  return {
    id: row.id,
    unique_id: row.id,
    recipient: submission.recipient,
    survey: row.survey.id,
    creation_date: new Date(row.createdMs).toISOString(),
    open_ended_response: row.text,
    line_items: submission.lineItems,
    line_items_count: submission.lineItems.length,
    order_total: submission.orderTotal,
    currency: submission.currency,
  };
}
