// The UserHero lists as bridge adapters. Every vendor page goes through a request loader keyed by
// the call's full parameters, so two fields asking for the same page share one call.
import type { Automation } from '../domain/automation.js';
import type { UserHeroCustomer } from '../domain/customer-profile.js';
import type { Feedback } from '../domain/feedback.js';
import type { UserHeroLoaders } from '../loaders/userhero.js';
import {
  type CursorAdapter,
  filteredList,
  type PageAdapter,
  pagesAsOffsets,
} from '../pagination/index.js';
import {
  USERHERO_MAX_AUTOMATION_LIMIT,
  USERHERO_MAX_PAGE_SIZE,
} from '../vendors/userhero/limits.js';
import type {
  AutomationFilter,
  CustomerFilter,
  FeedbackFilter,
} from '../vendors/userhero/requests.js';

/**
 * The request's UserHero loaders these lists page through: every page is a loader call, so two
 * fields asking for the same page share it. Only these are handed in, not the request context.
 */
export type UserHeroListReads = Pick<
  UserHeroLoaders,
  'workspaceId' | 'feedbackPage' | 'customerPage' | 'automationPage'
>;

/** A filter whose workspace may still be the default one, resolved only when a page is read. */
export type Unresolved<F extends { workspaceId: string }> = Omit<F, 'workspaceId'> & {
  workspaceId?: string | null;
};

export function feedbackList(
  userhero: UserHeroListReads,
  filter: Unresolved<FeedbackFilter>,
): PageAdapter<Feedback> {
  return {
    kind: 'page',
    maxPageSize: USERHERO_MAX_PAGE_SIZE,
    fetchPage: async (page, pageSize) => {
      const workspaceId = await userhero.workspaceId(filter.workspaceId);
      const key = { filter: { ...filter, workspaceId }, page, pageSize };
      return { items: await userhero.feedbackPage.load(key) };
    },
  };
}

export function customerList(
  userhero: UserHeroListReads,
  filter: Unresolved<CustomerFilter>,
): PageAdapter<UserHeroCustomer> {
  return {
    kind: 'page',
    maxPageSize: USERHERO_MAX_PAGE_SIZE,
    fetchPage: async (page, pageSize) => {
      const workspaceId = await userhero.workspaceId(filter.workspaceId);
      const key = { filter: { ...filter, workspaceId }, page, pageSize };
      return { items: await userhero.customerPage.load(key) };
    },
  };
}

/** The address a UserHero customer is known by as a person: its primary email, else its first. */
export function personEmail(customer: UserHeroCustomer): string | null {
  return customer.primaryEmail ?? customer.emails[0] ?? null;
}

/**
 * UserHero customers as people: one without any email is no person and is skipped, which the
 * vendor cannot filter, so positions are counted over the vendor's list.
 */
export function peopleList(
  userhero: UserHeroListReads,
  filter: Unresolved<CustomerFilter>,
): CursorAdapter<{ email: string }> {
  const withEmail = filteredList(pagesAsOffsets(customerList(userhero, filter)), (customer) =>
    personEmail(customer) === null ? 'skip' : 'keep',
  );
  return {
    ...withEmail,
    fetch: async (cursor, limit, signal) => {
      const page = await withEmail.fetch(cursor, limit, signal);
      return {
        ...page,
        items: page.items.flatMap((customer) => {
          const email = personEmail(customer);
          return email === null ? [] : [{ email }];
        }),
      };
    },
  };
}

/** Walked by the vendor's cursor (the last automation id of the page before). */
export function automationList(
  userhero: UserHeroListReads,
  filter: AutomationFilter,
): CursorAdapter<Automation> {
  return {
    kind: 'cursor',
    maxLimit: USERHERO_MAX_AUTOMATION_LIMIT,
    fetch: (cursor, limit) => userhero.automationPage.load({ filter, cursor, limit }),
  };
}
