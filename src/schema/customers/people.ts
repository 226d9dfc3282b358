import { cost, USERHERO_READ } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import { peopleList, type Unresolved } from '../../lists/userhero.js';
import { connectionFromAdapter } from '../../pagination/index.js';
import type {
  CustomerFilter as VendorCustomerFilter,
  CustomerSort as VendorSort,
} from '../../vendors/userhero/requests.js';
import { filterText, vendorIdArgument } from '../userhero/keys.js';
import { Customer } from './customer.js';
import { startEarlyReads } from '../shared/early-reads.js';

// Query.customers: the people of UserHero's customer list, and the filter it shares with the
// UserHero customer lists.

export const CustomerConnection = builder.connectionObject({
  type: Customer,
  name: 'CustomerConnection',
});

export const CustomerSort = builder.enumType('CustomerSort', {
  description: 'Order of UserHero customer lists (UserHero default: LAST_SEEN_AT).',
  values: {
    LAST_SEEN_AT: { value: 'lastSeenAt' },
    FIRST_SEEN_AT: { value: 'firstSeenAt' },
    FEEDBACK_COUNT: { value: 'feedbackCount' },
    NAME: { value: 'name' },
  } as const,
});

export const CustomerSortOrder = builder.enumType('CustomerSortOrder', {
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

export function customerFilter(
  args: CustomerArgs,
  prefix: string,
): Unresolved<VendorCustomerFilter> {
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
            if (!prefetched) startEarlyReads(ctx, info);
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
