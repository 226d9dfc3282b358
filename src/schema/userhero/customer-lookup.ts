// Query.userheroCustomer: UserHero's exact customer lookup (`GET /customers` with `email` and/or
// `phone`), the one way to find a customer by phone.
import { cost, USERHERO_READ } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import { BadUserInputError } from '../../errors.js';
import { normalizedEmail } from '../customers/customer.js';
import { vendorIdArgument } from './keys.js';
import { UserHeroCustomer } from './customers.js';

builder.queryField('userheroCustomer', (t) =>
  t.field({
    extensions: cost(USERHERO_READ),
    type: UserHeroCustomer,
    nullable: true,
    description:
      "UserHero's exact customer lookup by email, phone or both (at least one). Both: they must " +
      'name the same customer, else VENDOR_CONFLICT (UserHero answers 409). Null when nobody ' +
      'matches.',
    args: {
      email: t.arg.string({ description: 'Exact match (compared lower-cased, as UserHero does).' }),
      phone: t.arg.string({ description: 'Exact match, as stored (e.g. +15551234567).' }),
      workspaceId: t.arg.id({
        description: 'A Workspace id or UserHero workspace id; USERHERO_WORKSPACE_ID by default.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const email = args.email == null ? undefined : normalizedEmail(args.email, 'email');
      const phone = args.phone == null ? undefined : args.phone.trim();
      if (phone === '') {
        throw new BadUserInputError('phone must not be blank: omit it or pass a number', {
          argument: 'phone',
        });
      }
      if (email === undefined && phone === undefined) {
        throw new BadUserInputError('userheroCustomer needs an email, a phone or both', {
          argument: 'email',
        });
      }
      const named = vendorIdArgument(args.workspaceId, 'Workspace', 'workspaceId')?.[0];
      const workspaceId = await ctx.loaders.userhero.workspaceId(named);
      return ctx.vendor('userhero').lookupCustomer(
        workspaceId,
        { email, phone },
        {
          signal: ctx.signal,
        },
      );
    },
  }),
);
