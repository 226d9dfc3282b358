import { cost, READ, USERHERO_READ } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import { customerList } from '../../lists/userhero.js';
import { connectionFromAdapter } from '../../pagination/index.js';
import {
  CustomerFilter,
  customerFilter,
  CustomerSort,
  CustomerSortOrder,
} from '../customers/people.js';
import { UserHeroCustomer, UserHeroCustomerConnection } from './customers.js';
import { Workspace } from './workspaces.js';

// The lists of UserHero customer profiles: Query.userheroCustomers and Workspace.customers.

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
