import { cost, READ, USERHERO_READ } from '../cost/declare.js';
import { customerFeedbackCalls } from '../cost/reads.js';
import { VENDOR_WEIGHTS } from '../cost/rules.js';
import { builder } from '../builder.js';
import type { GatewayContext } from '../types.js';
import type {
  SocialHandle as SocialHandleShape,
  UserHeroCustomer as UserHeroCustomerShape,
} from '../domain/customer-profile.js';
import type { Feedback as FeedbackShape } from '../domain/feedback.js';
import {
  customerList,
  feedbackList,
  peopleList,
  personEmail,
  type Unresolved,
} from '../lists/userhero.js';
import { connectionFromAdapter, mergedConnection } from '../pagination/index.js';
import type {
  CustomerFilter as VendorCustomerFilter,
  CustomerSort as VendorSort,
} from '../vendors/userhero/requests.js';
import { prefetchCustomerExports } from './customer-prefetch.js';
import { Customer } from './customers.js';
import { FeedbackConnection, Feedback, feedbackConnection } from './feedback.js';
import { filterText, vendorIdArgument } from './userhero-keys.js';
import { Workspace } from './workspaces.js';

const SocialHandle = builder.objectRef<SocialHandleShape>('SocialHandle').implement({
  fields: (t) => ({
    platform: t.exposeString('platform', { nullable: false }),
    handle: t.exposeString('handle', { nullable: false }),
    accountId: t.exposeString('accountId', { nullable: true }),
  }),
});

/**
 * The full profile: a listed customer lacks notes, customFields, timezone, language and
 * mergedCustomerIds, so those fields read Get Customer (once per customer per request).
 */
async function fullProfile(
  c: UserHeroCustomerShape,
  ctx: GatewayContext,
): Promise<UserHeroCustomerShape | null> {
  if (c.mergedCustomerIds !== null) return c;
  return ctx.loaders.userhero.customer.load(c.id);
}

export const UserHeroCustomer = builder.loadableNode('UserHeroCustomer', {
  description:
    'A UserHero customer profile (one workspace). Customer is the person across vendors.',
  id: { resolve: (c: UserHeroCustomerShape) => c.id },
  load: (ids: string[], ctx) =>
    Promise.all(ids.map((id) => ctx.loaders.userhero.customer.load(id))),
  fields: (t) => ({
    customerId: t.exposeID('id', { nullable: false, description: "UserHero's own id." }),
    workspaceId: t.exposeID('workspaceId', { nullable: true }),
    name: t.exposeString('name', { nullable: true }),
    primaryEmail: t.exposeString('primaryEmail', { nullable: true, description: 'Lower-cased.' }),
    primaryPhone: t.exposeString('primaryPhone', { nullable: true }),
    emails: t.exposeStringList('emails', {
      nullable: false,
      description: 'Every known address, lower-cased.',
    }),
    phones: t.exposeStringList('phones', { nullable: false }),
    socialHandles: t.expose('socialHandles', { type: [SocialHandle], nullable: false }),
    company: t.exposeString('company', { nullable: true }),
    tags: t.exposeStringList('tags', { nullable: false }),
    feedbackCount: t.exposeInt('feedbackCount', { nullable: false }),
    channels: t.exposeStringList('channels', {
      nullable: false,
      description: 'Channels the customer came through (widget, email, api, ...).',
    }),
    lastSeenAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.lastSeenAt }),
    firstSeenAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.firstSeenAt }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.createdAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.updatedAt }),
    notes: t.string({
      extensions: cost({ itemRead: { read: 'getCustomer', weight: VENDOR_WEIGHTS.userhero } }),
      nullable: true,
      description: 'Free-text notes.',
      resolve: async (c, _args, ctx) => (await fullProfile(c, ctx))?.notes ?? null,
    }),
    customFields: t.field({
      extensions: cost({ itemRead: { read: 'getCustomer', weight: VENDOR_WEIGHTS.userhero } }),
      type: 'JSON',
      nullable: true,
      resolve: async (c, _args, ctx) => (await fullProfile(c, ctx))?.customFields ?? null,
    }),
    timezone: t.string({
      extensions: cost({ itemRead: { read: 'getCustomer', weight: VENDOR_WEIGHTS.userhero } }),
      nullable: true,
      description: 'IANA zone.',
      resolve: async (c, _args, ctx) => (await fullProfile(c, ctx))?.timezone ?? null,
    }),
    language: t.string({
      extensions: cost({ itemRead: { read: 'getCustomer', weight: VENDOR_WEIGHTS.userhero } }),
      nullable: true,
      resolve: async (c, _args, ctx) => (await fullProfile(c, ctx))?.language ?? null,
    }),
    mergedCustomerIds: t.idList({
      extensions: cost({ itemRead: { read: 'getCustomer', weight: VENDOR_WEIGHTS.userhero } }),
      nullable: true,
      description: 'Customers merged into this one.',
      resolve: async (c, _args, ctx) => (await fullProfile(c, ctx))?.mergedCustomerIds ?? null,
    }),
    person: t.field({
      type: Customer,
      nullable: true,
      description: 'The person behind the profile (by primary email, else the first email).',
      resolve: (c) => {
        const email = personEmail(c);
        return email === null ? null : { email };
      },
    }),
    workspace: t.field({ type: Workspace, nullable: true, resolve: (c) => c.workspaceId }),
    feedback: t.connection(
      {
        extensions: cost({ byArguments: customerFeedbackCalls }),
        type: Feedback,
        nullable: true,
        description:
          "Feedback sent from any of the customer's emails, newest first (one list per email, " +
          'merged; forward paging only).',
        resolve: (c, args, ctx) => {
          const workspaceId = c.workspaceId;
          const streams = c.emails.map((email) => ({
            name: email,
            adapter: feedbackList(ctx.loaders.userhero, { workspaceId, userEmail: email }),
          }));
          return mergedConnection(streams, args, {
            field: 'UserHeroCustomer.feedback',
            filters: { workspaceId, emails: c.emails },
            sortKey: (f: FeedbackShape) => Date.parse(f.createdAt),
            signal: ctx.signal,
          });
        },
      },
      FeedbackConnection,
    ),
  }),
});

export const UserHeroCustomerConnection = builder.connectionObject({
  type: UserHeroCustomer,
  name: 'UserHeroCustomerConnection',
});
export const CustomerConnection = builder.connectionObject({
  type: Customer,
  name: 'CustomerConnection',
});

const CustomerSort = builder.enumType('CustomerSort', {
  description: 'Order of UserHero customer lists (UserHero default: LAST_SEEN_AT).',
  values: {
    LAST_SEEN_AT: { value: 'lastSeenAt' },
    FIRST_SEEN_AT: { value: 'firstSeenAt' },
    FEEDBACK_COUNT: { value: 'feedbackCount' },
    NAME: { value: 'name' },
  } as const,
});

const CustomerSortOrder = builder.enumType('CustomerSortOrder', {
  description: 'UserHero default: DESC.',
  values: { ASC: { value: 'asc' }, DESC: { value: 'desc' } } as const,
});

export const CustomerFilter = builder.inputType('CustomerFilter', {
  fields: (t) => ({
    workspaceId: t.id({
      description: 'A Workspace id or UserHero workspace id; USERHERO_WORKSPACE_ID by default.',
    }),
    search: t.string({ description: 'Matches name, email or phone.' }),
    channel: t.string({ description: 'E.g. widget, email, api.' }),
    tag: t.string(),
  }),
});

interface CustomerArgs {
  filter?: {
    workspaceId?: string | number | null;
    search?: string | null;
    channel?: string | null;
    tag?: string | null;
  } | null;
  sort?: VendorSort | null;
  order?: 'asc' | 'desc' | null;
}

function customerFilter(args: CustomerArgs, prefix: string): Unresolved<VendorCustomerFilter> {
  const f = args.filter ?? {};
  return {
    workspaceId: vendorIdArgument(f.workspaceId, 'Workspace', `${prefix}workspaceId`)?.[0] ?? null,
    search: filterText(f.search, `${prefix}search`),
    channel: filterText(f.channel, `${prefix}channel`),
    tag: filterText(f.tag, `${prefix}tag`),
    sort: args.sort ?? undefined,
    order: args.order ?? undefined,
  };
}

builder.queryField('customers', (t) =>
  t.connection(
    {
      extensions: cost(USERHERO_READ),
      type: Customer,
      nullable: true,
      description:
        "People from UserHero's customer list, in its order; customers without any email are " +
        'not people and are left out. totalCount is null unless the end was reached.',
      args: {
        filter: t.arg({ type: CustomerFilter }),
        sort: t.arg({ type: CustomerSort }),
        order: t.arg({ type: CustomerSortOrder }),
      },
      resolve: (_root, args, ctx, info) => {
        const filter = customerFilter(args, 'filter.');
        const people = peopleList(ctx.loaders.userhero, filter);
        let prefetched = false;
        const adapter: typeof people = {
          ...people,
          // Here, not before the bridge: it refuses bad arguments before any vendor call.
          fetch: (cursor, limit, signal) => {
            if (!prefetched) prefetchCustomerExports(ctx, info);
            prefetched = true;
            return people.fetch(cursor, limit, signal);
          },
        };
        return connectionFromAdapter(adapter, args, {
          field: 'Query.customers',
          filters: filter,
          signal: ctx.signal,
        });
      },
    },
    CustomerConnection,
  ),
);

builder.queryField('userheroCustomers', (t) =>
  t.connection(
    {
      extensions: cost(READ),
      type: UserHeroCustomer,
      nullable: true,
      description: 'Every UserHero customer profile of a workspace, with or without an email.',
      args: {
        filter: t.arg({ type: CustomerFilter }),
        sort: t.arg({ type: CustomerSort }),
        order: t.arg({ type: CustomerSortOrder }),
      },
      resolve: (_root, args, ctx) => {
        const filter = customerFilter(args, 'filter.');
        return connectionFromAdapter(customerList(ctx.loaders.userhero, filter), args, {
          field: 'Query.userheroCustomers',
          filters: filter,
          signal: ctx.signal,
        });
      },
    },
    UserHeroCustomerConnection,
  ),
);

builder.objectFields(Workspace, (t) => ({
  customers: t.connection(
    {
      extensions: cost(USERHERO_READ),
      type: UserHeroCustomer,
      nullable: true,
      description: "The workspace's customer profiles.",
      args: {
        search: t.arg.string({ description: 'Matches name, email or phone.' }),
        channel: t.arg.string(),
        tag: t.arg.string(),
        sort: t.arg({ type: CustomerSort }),
        order: t.arg({ type: CustomerSortOrder }),
      },
      resolve: (w, args, ctx) => {
        const filter = customerFilter(
          {
            filter: { search: args.search, channel: args.channel, tag: args.tag },
            sort: args.sort,
            order: args.order,
          },
          '',
        );
        return connectionFromAdapter(
          customerList(ctx.loaders.userhero, { ...filter, workspaceId: w.id }),
          args,
          {
            field: 'Workspace.customers',
            filters: { ...filter, workspaceId: w.id },
            signal: ctx.signal,
          },
        );
      },
    },
    UserHeroCustomerConnection,
  ),
}));

builder.objectFields(Customer, (t) => ({
  profile: t.field({
    extensions: cost({
      vendor: 'userhero',
      itemRead: { read: 'profileByEmail', weight: VENDOR_WEIGHTS.userhero },
    }),
    type: UserHeroCustomer,
    nullable: true,
    description: 'The UserHero profile of this email; null when UserHero does not know it.',
    resolve: (c, _args, ctx) => ctx.loaders.userhero.customerByEmail.load(c.email),
  }),
  feedback: t.connection(
    {
      extensions: cost(USERHERO_READ),
      type: Feedback,
      nullable: true,
      description: 'UserHero feedback sent from this email, newest first.',
      resolve: (c, args, ctx) =>
        feedbackConnection(ctx, 'Customer.feedback', { userEmail: c.email }, args),
    },
    FeedbackConnection,
  ),
}));
