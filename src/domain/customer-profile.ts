/** A UserHero customer profile. Emails are lower-cased. */
export interface UserHeroCustomer {
  id: string;
  workspaceId: string | null;
  name: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  emails: string[];
  phones: string[];
  socialHandles: SocialHandle[];
  company: string | null;
  tags: string[];
  feedbackCount: number;
  channels: string[];
  lastSeenAt: string | null;
  firstSeenAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** The rest are only on a single-customer read; null elsewhere. */
  notes: string | null;
  customFields: Record<string, unknown> | null;
  timezone: string | null;
  language: string | null;
  mergedCustomerIds: string[] | null;
}

export interface SocialHandle {
  platform: string;
  handle: string;
  accountId: string | null;
}

export interface CustomerMergeResult {
  /** The target customer, which survives. */
  id: string;
  mergedSourceId: string;
  mergedFeedbackCount: number;
}
