import { composeServices as composeWithApollo } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { BILLING_SDL } from '../examples/billing/subgraph.js';
import { schema } from '../src/schema/index.js';

// Composition of the gateway's subgraph with others, by either composer: The Guild's
// (@theguild/federation-composition, MIT, what Hive uses) or Apollo's (@apollo/composition, what
// rover uses; Elastic License 2.0). Used by `npm run supergraph` and test/federation/.

export type Composer = 'guild' | 'apollo';

export interface Subgraph {
  name: string;
  url: string;
  sdl: string;
}

/** The gateway's subgraph SDL, with its federation directives (what `_service { sdl }` serves). */
export function gatewaySdl(): string {
  return printSubgraphSchema(schema);
}

export function gatewaySubgraph(url = 'http://localhost:4000/graphql'): Subgraph {
  return { name: 'feedback', url, sdl: gatewaySdl() };
}

export function billingSubgraph(url = 'http://localhost:4001/graphql'): Subgraph {
  return { name: 'billing', url, sdl: BILLING_SDL };
}

export type Composition = { supergraphSdl: string; errors: [] } | { errors: string[] };

export function compose(composer: Composer, subgraphs: readonly Subgraph[]): Composition {
  const services = subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) }));
  const result = composer === 'guild' ? composeWithGuild(services) : composeWithApollo(services);
  const errors = result.errors ?? [];
  if (errors.length > 0 || !result.supergraphSdl) {
    return { errors: errors.map((e) => e.message) };
  }
  return { supergraphSdl: result.supergraphSdl, errors: [] };
}
