// What every UserHero write shares: the options of its vendor call, and forgetting what the request
// had read, so that the payload and every later field (mutation fields run one after another)
// read the state after the write.
import type { GatewayContext } from '../../../types.js';
import type { WriteOptions } from '../../../vendors/call-options.js';
import { Automation, AutomationRun } from '../automations.js';
import { Feedback } from '../feedback.js';
import { Project, Webhook, Widget } from '../projects.js';
import { UserHeroCustomer } from '../customers.js';

export const IDEMPOTENCY_KEY_DOC =
  'Forwarded as Idempotency-Key: a repeat with the same key within 24 hours returns the original ' +
  'answer instead of writing again (the same key with another input: VENDOR_CONFLICT). Only with ' +
  'a key is the call retried after a transient failure; without one it is sent exactly once.';

export function writeOptions(ctx: GatewayContext, idempotencyKey?: string): WriteOptions {
  return idempotencyKey === undefined
    ? { signal: ctx.signal }
    : { signal: ctx.signal, idempotencyKey };
}

/**
 * Runs the write, then forgets the request's UserHero reads and node loads, whether the write
 * went through or not (a failed write may still have been applied). A project change also drops
 * the workspace's project list shared across requests.
 */
export async function userheroWrite<T>(
  ctx: GatewayContext,
  write: () => Promise<T>,
  changed: { projectsOf?: string } = {},
): Promise<T> {
  try {
    return await write();
  } finally {
    ctx.loaders.userhero.invalidate(changed);
    for (const node of [Feedback, Project, Widget, Webhook, UserHeroCustomer, Automation]) {
      node.getDataloader(ctx).clearAll();
    }
    AutomationRun.getDataloader(ctx).clearAll();
  }
}
