import { cost, LOOKUP } from './cost/declare.js';
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from './types.js';
import { decodeGlobalId, encodeGlobalId } from './global-id.js';
import { resolveNodeField, resolveNodesField } from './node-types.js';

export interface GatewaySchemaTypes {
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
    Upload: { Input: File; Output: never };
    /** Federation's representation of an entity (`_entities(representations:)`). */
    _Any: { Input: unknown; Output: unknown };
  };
  Connection: { totalCount: number | null };
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}

const SUPERGRAPH_HIDDEN = { shareable: true, inaccessible: true } as const;

export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  // Federation after the plugins that wrap resolvers, as its docs ask; the directives plugin
  // prints its @key, @shareable and @inaccessible (src/schema/federation/).
  plugins: [RelayPlugin, DataloaderPlugin, DirectivePlugin, FederationPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    // One lookup per id, priced by the type each id names (http/cost.ts). In a supergraph they
    // are shareable and inaccessible: only this subgraph decodes its ids, so the supergraph's own
    // Node fields, if any, stay those of the subgraphs that define them (README, Federation).
    nodeQueryOptions: {
      resolve: resolveNodeField,
      extensions: cost(LOOKUP),
      ...SUPERGRAPH_HIDDEN,
    },
    nodesQueryOptions: {
      resolve: resolveNodesField,
      extensions: cost(LOOKUP),
      ...SUPERGRAPH_HIDDEN,
    },
    // Every relay-style subgraph has a PageInfo: the same value type, resolvable by any of them.
    pageInfoTypeOptions: { shareable: true },
  },
});
