import DataLoader from 'dataloader';
import { readThrough } from '../cache/freshness.js';
import type { LoaderScope } from './scope.js';
import type { Automation, AutomationRun } from '../domain/automation.js';
import type { UserHeroCustomer } from '../domain/customer-profile.js';
import type { Comment, Feedback, Note } from '../domain/feedback.js';
import type { Project, Widget } from '../domain/project.js';
import type { Webhook } from '../domain/workspace.js';
import { VendorError } from '../transport/vendor-error.js';
import type { CursorPage } from '../vendors/pages.js';
import type {
  AutomationFilter,
  CustomerFilter,
  FeedbackFilter,
} from '../vendors/userhero/requests.js';
import { limiter } from './limit.js';
import { memoIn, stableKey } from './memo.js';

/**
 * UserHero reads one request has in flight at once: a default page of customers (20) fans out in
 * one wave, well inside the vendor pool's 32 connections. The budget queue (transport/budget.ts),
 * not this bound, keeps the vendor's 100 calls a minute.
 */
export const USERHERO_FANOUT = 20;

/** Names one record of a workspace-scoped endpoint (the vendor needs both ids). */
export interface InWorkspace {
  workspaceId: string;
  id: string;
}

export interface PageKey<F> {
  filter: F;
  page: number;
  pageSize: number;
}

export interface AutomationPageKey {
  filter: AutomationFilter;
  cursor: string | null;
  limit: number;
}

/** Per-request reads of UserHero, each keyed by the vendor call's full parameters. */
export interface UserHeroReadLoaders {
  feedbackPage: DataLoader<PageKey<FeedbackFilter>, Feedback[], string>;
  /** Get Feedback (with its comments and notes); null when the workspace has no such item. */
  feedback: DataLoader<InWorkspace, Feedback | null, string>;
  feedbackByTicket: DataLoader<
    { workspaceId: string; ticketNumber: number },
    Feedback | null,
    string
  >;
  comments: DataLoader<string, Comment[]>;
  notes: DataLoader<string, Note[]>;
  /** A workspace's projects, shared across requests for a few minutes (slow-changing). */
  projects(workspaceId: string): Promise<Project[]>;
  /** Get Project, always fresh: node refetch. */
  project: DataLoader<InWorkspace, Project | null, string>;
  widgets(workspaceId: string): Promise<Widget[]>;
  widget: DataLoader<InWorkspace, Widget | null, string>;
  webhooks(workspaceId: string): Promise<Webhook[]>;
  customerPage: DataLoader<PageKey<CustomerFilter>, UserHeroCustomer[], string>;
  /** Get Customer: the full profile (notes, customFields, ...); null when unknown. */
  customer: DataLoader<string, UserHeroCustomer | null>;
  /** Lookup mode of List Customers in one workspace, by lower-cased email. */
  customerLookup: DataLoader<
    { workspaceId: string; email: string },
    UserHeroCustomer | null,
    string
  >;
  automationPage: DataLoader<AutomationPageKey, CursorPage<Automation>, string>;
  automation: DataLoader<string, Automation | null>;
  automationRuns: DataLoader<string, AutomationRun[]>;
  /**
   * Forgets everything this request read from UserHero, after a write (the copies shared across
   * requests are dropped by `caches.forget`, see src/schema/shared/vendor-write.ts).
   */
  invalidate(): void;
}

export function createUserHeroReadLoaders(ctx: LoaderScope): UserHeroReadLoaders {
  const opts = { signal: ctx.signal };
  const client = () => ctx.vendor('userhero');
  const inWs = (key: InWorkspace) => `${key.workspaceId}\n${key.id}`;
  const inFlight = limiter(USERHERO_FANOUT);
  const keyedIn = <K, V>(cacheKey: (key: K) => string, fetch: (key: K) => Promise<V>) =>
    keyed(inFlight, cacheKey, fetch);

  const feedback = keyedIn(inWs, async (key: InWorkspace) =>
    orNull(client().getFeedback(key.workspaceId, key.id, opts)),
  );
  const customerLookup = keyedIn(
    (key: { workspaceId: string; email: string }) =>
      `${key.workspaceId}\n${key.email.toLowerCase()}`,
    (key) => client().lookupCustomer(key.workspaceId, { email: key.email }, opts),
  );

  const projectLists = new Map<string, Promise<Project[]>>();
  const widgetLists = new Map<string, Promise<Widget[]>>();
  const webhookLists = new Map<string, Promise<Webhook[]>>();
  const { caches } = ctx.services;

  const loaders: Omit<UserHeroReadLoaders, 'invalidate'> = {
    feedbackPage: keyedIn(stableKey, (key: PageKey<FeedbackFilter>) =>
      client().listFeedback(key.filter, key.page, key.pageSize, opts),
    ),
    feedback,
    feedbackByTicket: keyedIn(
      (key: { workspaceId: string; ticketNumber: number }) =>
        `${key.workspaceId}\n${key.ticketNumber}`,
      async (key) => {
        const item = await client().feedbackByTicket(key.workspaceId, key.ticketNumber, opts);
        // The same item asked for by id later in the request costs nothing.
        if (item) feedback.prime({ workspaceId: item.workspaceId, id: item.id }, item);
        return item;
      },
    ),
    comments: keyedIn(String, (id: string) => client().listComments(id, opts)),
    notes: keyedIn(String, (id: string) => client().listNotes(id, opts)),
    projects: (workspaceId) =>
      memoIn(projectLists, workspaceId, () =>
        // Other requests may await this load: one client going away must not fail theirs, so it
        // is bounded by the transport's timeout rather than by this request's signal.
        readThrough(ctx, caches.userheroProjects, workspaceId, () =>
          client().listProjects(workspaceId),
        ),
      ),
    project: keyedIn(inWs, (key: InWorkspace) =>
      orNull(client().getProject(key.workspaceId, key.id, opts)),
    ),
    widgets: (workspaceId) =>
      memoIn(widgetLists, workspaceId, () => client().listWidgets(workspaceId, undefined, opts)),
    widget: keyedIn(inWs, (key: InWorkspace) =>
      orNull(client().getWidget(key.workspaceId, key.id, opts)),
    ),
    webhooks: (workspaceId) =>
      memoIn(webhookLists, workspaceId, () => client().listWebhooks(workspaceId, opts)),
    customerPage: keyedIn(stableKey, async (key: PageKey<CustomerFilter>) => {
      const page = await client().listCustomers(key.filter, key.page, key.pageSize, opts);
      // A listed customer is what a lookup by any of its emails would find.
      for (const customer of page) {
        for (const email of customer.emails) {
          customerLookup.prime({ workspaceId: key.filter.workspaceId, email }, customer);
        }
      }
      return page;
    }),
    customer: keyedIn(String, (id: string) => orNull(client().getCustomer(id, opts))),
    customerLookup,
    automationPage: keyedIn(stableKey, (key: AutomationPageKey) =>
      client().listAutomations(key.filter, key.cursor, key.limit, opts),
    ),
    automation: keyedIn(String, (id: string) => orNull(client().getAutomation(id, opts))),
    automationRuns: keyedIn(String, (id: string) => client().automationRuns(id, opts)),
  };

  const invalidate = () => {
    for (const value of Object.values(loaders)) {
      if (value instanceof DataLoader) value.clearAll();
    }
    projectLists.clear();
    widgetLists.clear();
    webhookLists.clear();
  };
  return { ...loaders, invalidate };
}

/**
 * One vendor call per distinct key, each key with its own answer or its own error. Every key is
 * its own call, so nothing is gained by waiting for more keys: a load is sent on the next
 * microtask, before the rest of the request's resolvers run their CPU work, and the request's
 * `limit` (shared by all its UserHero reads) bounds how many are in flight.
 */
function keyed<K, V>(
  limit: <R>(call: () => Promise<R>) => Promise<R>,
  cacheKey: (key: K) => string,
  fetch: (key: K) => Promise<V>,
) {
  return new DataLoader<K, V, string>(
    (keys) =>
      Promise.all(
        keys.map((key) =>
          limit(() => fetch(key)).catch((error: unknown) =>
            error instanceof Error ? error : new Error(String(error)),
          ),
        ),
      ),
    { cacheKeyFn: cacheKey, batchScheduleFn: queueMicrotask },
  );
}

/** A record the vendor does not know (or no longer knows) is null, not an error. */
export async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof VendorError && error.kind === 'not_found') return null;
    throw error;
  }
}
