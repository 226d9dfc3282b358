import type { GatewayContext } from '../../types.js';
import { isEmail } from '../../domain/email.js';
import { asksWholeNpsRecords } from '../nps/record-reads.js';

/**
 * A person known by (lower-cased) email to any vendor. Declared here, beside its resolver, so
 * customers.ts (the node) depends on this module and not the reverse.
 */
export interface CustomerShape {
  email: string;
}

/**
 * The customer behind an email when any source knows it, cheapest source first: the user
 * directory (a file), then UserHero's lookup, then the NPS and survey exports of this request.
 * A vendor that fails only removes its own evidence.
 */
export async function resolveCustomer(
  ctx: GatewayContext,
  rawEmail: string,
): Promise<CustomerShape | null> {
  const email = rawEmail.toLowerCase();
  if (!isEmail(email)) return null;
  if ((await ctx.services.directory()).byEmail(email).length > 0) return { email };
  const evidence = [
    () => ctx.loaders.userhero.customerByEmail.load(email).then((p) => p !== null),
    ...ctx.loaders.exports
      .identityEvidence(asksWholeNpsRecords(ctx))
      .map((has) => () => has(email)),
  ];
  for (const known of evidence) {
    if (await known().catch(() => false)) return { email };
  }
  return null;
}
