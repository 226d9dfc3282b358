import { cost, LOOKUP } from './cost/declare.js';
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
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
  };
  Connection: { totalCount: number | null };
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}

export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  plugins: [RelayPlugin, DataloaderPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    // One lookup per id, priced by the type each id names (http/cost.ts).
    nodeQueryOptions: { resolve: resolveNodeField, extensions: cost(LOOKUP) },
    nodesQueryOptions: { resolve: resolveNodesField, extensions: cost(LOOKUP) },
  },
});
