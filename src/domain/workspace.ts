export interface Workspace {
  id: string;
  name: string;
  plan: string | null;
  billingInterval: string | null;
  subscriptionStatus: string | null;
  apiAccessEnabled: boolean | null;
  memberCount: number | null;
  /** The API key's user's role in it: `owner` or `admin`. */
  role: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/**
 * Plan limits and current usage. The docs name no fields; `limits` and `usage` are read where the
 * body has such objects of numbers, and the whole body stays in `data`.
 */
export interface WorkspaceUsage {
  workspaceId: string;
  plan: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  limits: Record<string, number>;
  usage: Record<string, number>;
  data: Record<string, unknown>;
}

/** An incoming webhook; `secret` is only ever present in the create answer. */
export interface Webhook {
  id: string;
  workspaceId: string | null;
  projectId: string | null;
  name: string;
  /** Posts go to `/api/hooks/{slug}`. */
  slug: string | null;
  url: string | null;
  secret: string | null;
  createdAt: string | null;
}
