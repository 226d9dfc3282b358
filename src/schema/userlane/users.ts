import { cost, LOOKUP } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../types.js';
import type { UserlaneUserRef } from '../../domain/userlane-analytics.js';
import type { DirectoryPerson } from '../../identity/user-directory.js';
import { Customer } from '../customers/customer.js';

async function personOf(
  ctx: GatewayContext,
  user: UserlaneUserRef,
): Promise<DirectoryPerson | null> {
  const directory = await ctx.services.directory();
  return (
    directory.byUserId(user.id) ?? directory.byApplicationUserId(user.applicationUserId) ?? null
  );
}

type Attribute = 'email' | 'name' | 'role' | 'region' | 'department';

/** A Userlane end user, joined to a person through the user directory where it knows them. */
export const UserlaneUser = builder.objectRef<UserlaneUserRef>('UserlaneUser').implement({
  description: 'A Userlane end user; attributes come from the user directory (USER_DIRECTORY).',
  fields: (t) => {
    const attribute = (name: Attribute) =>
      t.string({
        extensions: cost({ free: 'the user directory, a CSV file (USER_DIRECTORY)' }),
        nullable: true,
        description: 'From the user directory; null when it does not list this user.',
        resolve: async (user, _args, ctx) => (await personOf(ctx, user))?.[name] ?? null,
      });
    return {
      id: t.exposeID('id', { nullable: false, description: "Userlane's user id." }),
      applicationUserId: t.exposeID('applicationUserId', { nullable: false }),
      email: attribute('email'),
      name: attribute('name'),
      role: attribute('role'),
      region: attribute('region'),
      department: attribute('department'),
      customer: t.field({
        extensions: cost(LOOKUP),
        type: Customer,
        nullable: true,
        resolve: async (user, _args, ctx) => {
          const person = await personOf(ctx, user);
          return person ? { email: person.email } : null;
        },
      }),
    };
  },
});
