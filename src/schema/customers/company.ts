import { cost } from '../../cost/declare.js';
import { planhatDefault } from '../../cost/reads.js';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../types.js';
import { tally } from '../../domain/nps-summary.js';
import { defaultNpsRange } from '../../domain/nps-range.js';
import { Customer } from './customer.js';
import { planhatForCounts } from '../nps/record-reads.js';
import { NpsSummary } from '../nps/summary.js';
import { startsEarly } from '../shared/early-reads.js';

/** The Planhat company of the person's latest Planhat answer, from the request's export. */
async function planhatCompanyOf(ctx: GatewayContext, email: string): Promise<string | null> {
  const planhat = await planhatDefaultWindow(ctx);
  return planhat.byEmail.get(email)?.find((r) => r.companyId)?.companyId ?? null;
}

// A person's company needs only counted properties (email, company): the counted read unless
// the request reads whole records anyway.
const planhatDefaultWindow = (ctx: GatewayContext) =>
  planhatForCounts(ctx, defaultNpsRange(new Date()));

builder.objectFields(Customer, (t) => ({
  planhatCompanyId: t.id({
    extensions: {
      ...cost({ shared: { reads: planhatDefault, backed: true } }),
      ...startsEarly(planhatDefaultWindow),
    },
    nullable: true,
    description: "The Planhat company of the person's latest Planhat answer (last 360 days).",
    resolve: (customer, _args, ctx) => planhatCompanyOf(ctx, customer.email),
  }),
  companyNps: t.field({
    extensions: {
      ...cost({ calls: 1, shared: { reads: planhatDefault, backed: false } }),
      ...startsEarly(planhatDefaultWindow),
    },
    type: NpsSummary,
    nullable: true,
    description:
      "NPS of the person's whole Planhat company over the last 360 days: every respondent of the " +
      'account. The companies of all customers in a query are read in one Planhat call.',
    resolve: async (customer, _args, ctx) => {
      const companyId = await planhatCompanyOf(ctx, customer.email);
      if (!companyId) return null;
      const records = await ctx.loaders.planhat.npsByCompany.load(companyId);
      // One source, Planhat: its failure fails the field.
      return { ...tally(records), groups: [], missingSources: [] };
    },
  }),
}));
