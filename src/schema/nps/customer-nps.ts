import { cost, LOOKUP } from '../../cost/declare.js';
import { npsReads } from '../../cost/reads.js';
import { builder } from '../../builder.js';
import { customerNpsRecords } from '../../loaders/nps-records.js';
import { arrayList, connectionFromAdapter } from '../../pagination/index.js';
import { Customer } from '../customers/customer.js';
import { startsEarly } from '../shared/early-reads.js';
import {
  NpsFilter,
  type NpsFilterInput,
  NpsResponse,
  NpsResponseConnection,
  npsQuery,
} from './nps.js';

builder.objectFields(Customer, (t) => ({
  npsResponses: t.connection(
    {
      extensions: {
        ...cost({ calls: 3, shared: { reads: npsReads, backed: true } }),
        // A range is checked by the field itself; only the default window starts early.
        ...startsEarly((ctx, args) =>
          (args.filter as NpsFilterInput | undefined)?.range
            ? null
            : customerNpsRecords(ctx, '', npsQuery(args.filter as NpsFilterInput | undefined)),
        ),
      },
      type: NpsResponse,
      description:
        "The person's NPS answers from all three sources, newest first (the last 360 days unless " +
        'the filter gives a range). Served from the request-wide NPS exports: the vendor calls do ' +
        'not grow with the number of customers asked for.',
      args: { filter: t.arg({ type: NpsFilter }) },
      resolve: async (customer, args, ctx) => {
        const query = npsQuery(args.filter);
        const records = await customerNpsRecords(ctx, customer.email, query);
        return connectionFromAdapter(arrayList(records), args, {
          field: 'Customer.npsResponses',
          filters: { email: customer.email, query },
        });
      },
    },
    NpsResponseConnection,
  ),
  latestNps: t.field({
    extensions: {
      ...cost({ lookup: true, shared: { reads: () => npsReads({}), backed: true } }),
      ...startsEarly((ctx) => customerNpsRecords(ctx, '', npsQuery(null))),
    },
    type: NpsResponse,
    nullable: true,
    description: "The person's most recent NPS answer of the last 360 days, from any source.",
    resolve: async (customer, _args, ctx) =>
      (await customerNpsRecords(ctx, customer.email, npsQuery(null)))[0] ?? null,
  }),
}));

builder.objectField(NpsResponse, 'customer', (t) =>
  t.field({
    extensions: cost(LOOKUP),
    type: Customer,
    nullable: true,
    description:
      'The person who answered: by email (Planhat, UserLoop), or for Userlane through the user ' +
      'directory. Null when neither names them.',
    resolve: async (record, _args, ctx) => {
      if (record.email) return { email: record.email };
      if (!record.userlaneUserId) return null;
      const person = (await ctx.services.directory()).byUserId(record.userlaneUserId);
      return person ? { email: person.email } : null;
    },
  }),
);
