export type NpsSource = 'USERLANE' | 'PLANHAT' | 'USERLOOP';
export type NpsCategory = 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';

/** The one NPS bucketing rule: Promoter 9-10, Passive 7-8, Detractor 0-6. */
export function npsCategory(score: number): NpsCategory {
  if (score >= 9) return 'PROMOTER';
  if (score >= 7) return 'PASSIVE';
  return 'DETRACTOR';
}

/** One NPS answer, whichever vendor collected it. */
export interface NpsRecord {
  source: NpsSource;
  /** The vendor's own id; for Userlane, which has none, see `userlaneNpsId`. */
  id: string;
  score: number;
  category: NpsCategory;
  comment: string | null;
  /** ISO instant (`toISOString()` form, so records of all sources sort as strings). */
  answeredAt: string;
  /** Lower-cased. */
  email: string | null;
  userlaneUserId: string | null;
  applicationUserId: string | null;
  /** Planhat company id (`cId`). */
  companyId: string | null;
  campaignId: string | null;
  planhat: PlanhatNpsExtras | null;
  userloop: UserLoopNpsExtras | null;
}

/**
 * What counting an answer needs: its score and date, what the summaries filter on (comment,
 * company) and group by (source, date, company, the person). A summary read of Planhat asks for
 * these properties alone (`select`), so its records hold nothing else: typed as this, no reader
 * of counts can reach for a field such a read left out.
 */
export type NpsCountedRecord = Pick<
  NpsRecord,
  | 'source'
  | 'id'
  | 'score'
  | 'category'
  | 'comment'
  | 'answeredAt'
  | 'email'
  | 'userlaneUserId'
  | 'applicationUserId'
  | 'companyId'
>;

export interface PlanhatNpsExtras {
  npsId: string | null;
  /** Planhat enduser id. */
  euId: string | null;
  /** Planhat's own bucket (`promoter`, ...); `category` is ours and authoritative. */
  scoreType: string | null;
  dateSent: string | null;
  dateReminderSent: string | null;
  npsSent: string | null;
  /** The system the score came from, e.g. `custom-nps.com`. */
  source: string | null;
  sourceId: string | null;
  custom: Record<string, unknown> | null;
}

export interface UserLoopNpsExtras {
  surveyId: string;
  questionId: string | null;
  answerId: string | null;
  orderTotal: number | null;
  currency: string | null;
}

/**
 * Userlane NPS answers carry no id. This one is stable across calls and holds what is needed to
 * find the answer again (its timestamp); two answers of one user in the same second with the same
 * score are indistinguishable anyway.
 */
export function userlaneNpsId(timestamp: string, userId: string, score: number): string {
  return `${timestamp}|${score}|${userId}`;
}

export function parseUserlaneNpsId(
  id: string,
): { timestamp: string; score: number; userId: string } | null {
  const match = /^([^|]+)\|(\d{1,2})\|(.*)$/s.exec(id);
  if (!match) return null;
  return { timestamp: match[1]!, score: Number(match[2]), userId: match[3]! };
}
