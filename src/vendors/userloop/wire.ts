// UserLoop bodies as the docs spell them (/work/shared/vendors/userloop.txt). Fields our guards
// check are required; the vendor may leave out the rest.

export interface WireHealth {
  status: string;
}

export interface WireSurveySummary {
  id: string;
  title: string;
  format?: string;
  status?: string;
  question_count?: number;
  question_ids?: string[];
  created_at?: string;
  updated_at?: string;
  toggles?: Record<string, unknown>;
  schedule?: Record<string, unknown>;
  triggers?: Record<string, unknown>;
  discount?: Record<string, unknown>;
  colors?: Record<string, unknown>;
  recipients?: Record<string, unknown>;
  flags?: Record<string, unknown>;
  incentives?: Record<string, unknown>;
  sharing?: Record<string, unknown>;
  integrations?: Record<string, unknown>;
}

export interface WireSurveyCatalog {
  company_id?: string;
  count?: number;
  surveys: WireSurveySummary[];
}

export interface WireAnswer {
  answer: string;
  answer_id: string;
}

export interface WireQuestion {
  question: string;
  question_id: string;
  type: string;
  answers?: WireAnswer[];
}

export interface WireSurvey {
  survey_id: string;
  survey: string;
  company_id?: string;
  questions: WireQuestion[];
}

export interface WireAnswerCount {
  answer_id: string;
  answer_text?: string;
  count: number;
  percentage: number;
  revenue?: number;
  aov?: number;
  currency?: string;
}

export interface WireCounts {
  data: WireAnswerCount[];
  meta: {
    survey_id?: string;
    survey?: string;
    question?: { id?: string; text?: string; type?: string };
    totals?: { responses?: number; unique_customers?: number; sum_responses?: number };
    filters?: { answer_ids?: string[]; start_date?: string; end_date?: string };
  };
}

export interface WireOpenResponse {
  id: string;
  unique_id?: string;
  recipient?: string;
  survey: string;
  creation_date: string;
  open_ended_response?: string;
  line_items?: string[];
  line_items_count?: number;
  order_total?: number;
  currency?: string;
}

export interface WireOpenPage {
  data: WireOpenResponse[];
  pagination: {
    total_count?: number | null;
    page_size?: number;
    current_page?: number;
    total_pages?: number;
    has_next_page: boolean;
    has_previous_page?: boolean;
  };
  filters?: { survey_id?: string; question_id?: string; start_date?: string; end_date?: string };
}

/** Also carries undocumented marketing keys (`utm_*`, ...), kept as they come. */
export interface WireResponse {
  id: string;
  unique_id?: string;
  survey: string;
  question_id?: string;
  question_text?: string;
  creation_date?: string;
  answer_id?: string;
  answer_text?: string;
  open_ended_response?: string;
  order_total?: number;
  currency?: string;
  environment?: string;
  surface?: string;
  landing_site?: string;
  recipient?: string;
  [key: string]: unknown;
}

export interface WireResponsePage {
  responses: WireResponse[];
  pagination: {
    /** Null when the exact count is unavailable. */
    total_count: number | null;
    limit?: number;
    offset?: number;
    has_next_page: boolean;
  };
}

export interface WireSingleResponse {
  response: WireResponse;
}
