import DataLoader from 'dataloader';
import type { LoaderScope } from './scope.js';
import type { UserHeroCustomer } from '../domain/customer-profile.js';
import { BadUserInputError } from '../errors.js';
import { createUserHeroReadLoaders, type UserHeroReadLoaders } from './userhero-reads.js';

export { USERHERO_FANOUT } from './userhero-reads.js';

export interface UserHeroLoaders extends UserHeroReadLoaders {
  /** The workspace a query names, else `USERHERO_WORKSPACE_ID`, else the key's first workspace. */
  workspaceId(requested?: string | null): Promise<string>;
  /**
   * Lookup mode of `GET /customers` in the default workspace, once per distinct lower-cased
   * email (shared with `customerLookup`); null when unknown.
   */
  customerByEmail: DataLoader<string, UserHeroCustomer | null>;
}

export function createUserHeroLoaders(ctx: LoaderScope): UserHeroLoaders {
  const signal = ctx.signal;
  let firstWorkspace: Promise<string> | undefined;
  const workspaceId = async (requested?: string | null) => {
    if (requested) return requested;
    const configured = ctx.services.config.userhero?.workspaceId;
    if (configured) return configured;
    firstWorkspace ??= ctx
      .vendor('userhero')
      .workspaces({ signal })
      .then((list) => {
        const first = list[0];
        if (!first) {
          throw new BadUserInputError(
            'The UserHero API key has no workspace with API access: set USERHERO_WORKSPACE_ID',
          );
        }
        return first.id;
      });
    return firstWorkspace;
  };

  const reads = createUserHeroReadLoaders(ctx);
  // Delegates so that a customer already listed in this request costs no lookup.
  const customerByEmail = new DataLoader<string, UserHeroCustomer | null>(
    async (emails) => {
      const ws = await workspaceId();
      return reads.customerLookup.loadMany(
        emails.map((email) => ({ workspaceId: ws, email: email.toLowerCase() })),
      );
    },
    { cacheKeyFn: (email) => email.toLowerCase() },
  );

  const invalidate = () => {
    reads.invalidate();
    customerByEmail.clearAll();
  };
  return { ...reads, workspaceId, customerByEmail, invalidate };
}
