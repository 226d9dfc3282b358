import DataLoader from 'dataloader';
import type { GatewayContext } from '../context.js';
import type { UserHeroCustomer } from '../domain/customer-profile.js';
import { BadUserInputError } from '../errors.js';
import { mapLimit } from './limit.js';

/** UserHero allows 100 calls a minute per key: per-email lookups stay few and bounded. */
export const USERHERO_FANOUT = 6;

export interface UserHeroLoaders {
  /** The workspace a query names, else `USERHERO_WORKSPACE_ID`, else the key's first workspace. */
  workspaceId(requested?: string | null): Promise<string>;
  /** Lookup mode of `GET /customers`, once per distinct lower-cased email; null when unknown. */
  customerByEmail: DataLoader<string, UserHeroCustomer | null>;
}

export function createUserHeroLoaders(ctx: GatewayContext): UserHeroLoaders {
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

  const customerByEmail = new DataLoader<string, UserHeroCustomer | null>(
    async (emails) => {
      const ws = await workspaceId();
      return mapLimit(emails, USERHERO_FANOUT, (email) =>
        ctx
          .vendor('userhero')
          .lookupCustomer(ws, { email }, { signal })
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
      );
    },
    { cacheKeyFn: (email) => email.toLowerCase() },
  );

  return { workspaceId, customerByEmail };
}
