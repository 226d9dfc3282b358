import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { encodeGlobalId } from '../../global-id.js';

type IdResolver = GraphQLFieldResolver<unknown, unknown>;

/**
 * Pothos' relay plugin resolves every node's `id` through an async function: one promise per
 * node, after which the executor completes each object holding a node (every edge, every list
 * item) through promises as well. On a 1,000-record export page that was most of the request's
 * CPU. A node's id is a pure function of the node, so it is resolved synchronously here, from the
 * very `id.resolve` each node type declares, encoded as the builder's `encodeGlobalID` does.
 */
export function withSyncNodeIds(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) continue;
    const options = type.extensions.pothosOptions as { id?: { resolve?: IdResolver } } | undefined;
    const idOf = options?.id?.resolve;
    const field = type.getFields().id;
    if (typeof idOf !== 'function' || field === undefined) {
      throw new Error(`node type ${type.name} declares no id resolver`);
    }
    const typename = type.name;
    field.resolve = (parent, args, context, info) => {
      const id = idOf(parent, args, context, info);
      return id instanceof Promise
        ? id.then((value) => encodeGlobalId(typename, String(value)))
        : encodeGlobalId(typename, String(id));
    };
  }
  return schema;
}
