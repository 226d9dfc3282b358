// What every UserHero write shares: the options of its vendor call, and the one write path that
// forgets what the request had read, so that the payload and every later field (mutation fields
// run one after another) read the state after the write.
import type { GatewayContext } from '../../../types.js';
import type { WriteOptions } from '../../../vendors/call-options.js';
import { vendorWrite, type WriteScope } from '../../shared/vendor-write.js';

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
 * Runs a UserHero write through the one write path (src/schema/shared/vendor-write.ts): the
 * request's UserHero reads and node loads are forgotten whether the write went through or not,
 * and a project change also drops the workspace's project list shared across requests.
 */
export function userheroWrite<T>(
  ctx: GatewayContext,
  write: () => Promise<T>,
  changed: WriteScope = {},
): Promise<T> {
  return vendorWrite(ctx, 'userhero', write, changed);
}
