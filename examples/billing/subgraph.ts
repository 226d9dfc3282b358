import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

// The example billing subgraph (schema.graphql) over invoices held in memory: what the end-to-end
// test serves beside the gateway, and a starting point for a real one.

export interface Invoice {
  id: string;
  amount: number;
  currency: string;
  customerEmail: string;
  /** A Feedback global id of the gateway. */
  disputeId?: string;
}

export const BILLING_SDL = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

export function createBillingSubgraph(invoices: readonly Invoice[]) {
  const byEmail = (email: string) => invoices.filter((i) => i.customerEmail === email);
  const schema = buildSubgraphSchema({
    typeDefs: parse(BILLING_SDL),
    resolvers: {
      Query: { invoices: () => invoices },
      Invoice: {
        __resolveReference: ({ id }: { id: string }) => invoices.find((i) => i.id === id) ?? null,
        customer: (invoice: Invoice) => ({ email: invoice.customerEmail }),
        dispute: (invoice: Invoice) => (invoice.disputeId ? { id: invoice.disputeId } : null),
      },
      Customer: {
        __resolveReference: ({ email }: { email: string }) => ({ email }),
        invoices: ({ email }: { email: string }) => byEmail(email),
      },
    },
  });
  return createYoga({ schema, logging: false, landingPage: false, graphiql: false });
}
