import { cost } from '../../cost/declare.js';
import { IDENTITY } from '../../cost/reads.js';
import { VENDOR_WEIGHTS } from '../../cost/rules.js';
import { builder } from '../../builder.js';
import { isEmail } from '../../domain/email.js';
import { BadUserInputError } from '../../errors.js';
import { type CustomerShape, resolveCustomer } from './identity.js';

export const Customer = builder.loadableNode('Customer', {
  description:
    'A person known by email to any vendor: a UserHero customer, a Planhat or UserLoop respondent, ' +
    'or a Userlane user through the user directory. UserHero holds the profile.',
  id: { resolve: (c: CustomerShape) => c.email },
  load: (emails: string[], ctx) => Promise.all(emails.map((email) => resolveCustomer(ctx, email))),
  fields: (t) => ({
    email: t.exposeString('email', { nullable: false, description: 'Lower-cased.' }),
    name: t.string({
      extensions: cost({ itemRead: { read: 'profileByEmail', weight: VENDOR_WEIGHTS.userhero } }),
      nullable: true,
      description: 'From the UserHero profile, else the user directory.',
      resolve: async (c, _args, ctx) => {
        const profile = await ctx.loaders.userhero.customerByEmail.load(c.email).catch(() => null);
        if (profile?.name) return profile.name;
        return (await ctx.services.directory()).byEmail(c.email)[0]?.name ?? null;
      },
    }),
    company: t.string({
      extensions: cost({ itemRead: { read: 'profileByEmail', weight: VENDOR_WEIGHTS.userhero } }),
      nullable: true,
      description: 'From the UserHero profile.',
      resolve: async (c, _args, ctx) =>
        (await ctx.loaders.userhero.customerByEmail.load(c.email).catch(() => null))?.company ??
        null,
    }),
  }),
});

/**
 * An email checked but spelled as the caller gave it (surrounding blanks aside): for a vendor
 * filter documented as an exact match (UserHero's `userEmail`), where lower-casing would miss a
 * mixed-case submission.
 */
export function emailAsGiven(email: string, argument = 'email'): string {
  const value = email.trim();
  normalizedEmail(value, argument);
  return value;
}

export function normalizedEmail(email: string, argument = 'email'): string {
  const value = email.trim().toLowerCase();
  if (!isEmail(value)) {
    throw new BadUserInputError(
      `${argument} must be an email address (got "${email.slice(0, 80)}")`,
      {
        argument,
      },
    );
  }
  return value;
}

builder.queryField('customer', (t) =>
  t.field({
    extensions: cost({
      calls: 1,
      vendor: 'userhero',
      shared: { reads: () => IDENTITY, backed: false },
    }),
    type: Customer,
    nullable: true,
    description: 'The person with this email, or null when no vendor knows them.',
    args: { email: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => resolveCustomer(ctx, normalizedEmail(args.email)),
  }),
);
