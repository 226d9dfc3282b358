// The one path every Planhat and UserHero write takes. Whatever the write's outcome (answered,
// refused, timed out, its answer lost: a write that failed may still have been applied), the
// request forgets what it read from the vendor and every node it loaded from it, and the copies
// shared across requests are dropped here and, with REDIS_URL, in Redis and every other replica
// (caches.forget broadcasts), so the next read anywhere sees the vendor's state after the write.
import type { GatewayContext } from '../../types.js';
import { NpsResponse } from '../nps/nps.js';
import { Automation, AutomationRun } from '../userhero/automations.js';
import { UserHeroCustomer } from '../userhero/customers.js';
import { Feedback } from '../userhero/feedback.js';
import { Project, Webhook, Widget } from '../userhero/projects.js';

export type WrittenVendor = 'planhat' | 'userhero';

/** What a write changed beyond the vendor's records: UserHero, a workspace's projects. */
export interface WriteScope {
  projectsOf?: string;
}

export async function vendorWrite<T>(
  ctx: GatewayContext,
  vendor: WrittenVendor,
  write: () => Promise<T>,
  scope: WriteScope = {},
): Promise<T> {
  try {
    return await write();
  } finally {
    // Answered only once the other replicas were told: a client's next read, on any replica,
    // comes after the invalidation (at once when Redis is away or not configured).
    await forgetWritten(ctx, vendor, scope);
  }
}

function forgetWritten(
  ctx: GatewayContext,
  vendor: WrittenVendor,
  scope: WriteScope,
): Promise<void> {
  if (vendor === 'planhat') {
    ctx.loaders.exports.invalidate('planhat');
    NpsResponse.getDataloader(ctx).clearAll();
    return ctx.services.caches.forget({ vendor });
  }
  ctx.loaders.userhero.invalidate();
  for (const node of [Feedback, Project, Widget, Webhook, UserHeroCustomer, Automation]) {
    node.getDataloader(ctx).clearAll();
  }
  AutomationRun.getDataloader(ctx).clearAll();
  return ctx.services.caches.forget(
    scope.projectsOf === undefined ? { vendor } : { vendor, projectsOf: scope.projectsOf },
  );
}
