import { type GraphQLResolveInfo, type GraphQLSchema, isObjectType } from 'graphql';
import { BadUserInputError } from './errors.js';

type GlobalId = { typename: string; id: string };

/** Refuses a global id whose type is no node of this schema before anything is loaded. */
function checkNodeType(schema: GraphQLSchema, { typename, id }: GlobalId): void {
  const type = schema.getType(typename);
  const isNode = isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
  if (!isNode) {
    throw new BadUserInputError(
      `"${id.slice(0, 80)}" of type ${typename.slice(0, 40)} is not an id of this API: pass an id ` +
        'exactly as the API returned it',
      { argument: 'id' },
    );
  }
}

/** `node(id)`: the relay plugin's loading, after the id's type was checked. */
export function resolveNodeField(
  _root: unknown,
  { id }: { id: GlobalId },
  _ctx: unknown,
  info: GraphQLResolveInfo,
  resolveNode: (id: GlobalId) => unknown,
): unknown {
  checkNodeType(info.schema, id);
  return resolveNode(id);
}

/** `nodes(ids)`: an error in place of each refused id, one batched load for the others. */
export function resolveNodesField(
  _root: unknown,
  { ids }: { ids: GlobalId[] },
  _ctx: unknown,
  info: GraphQLResolveInfo,
  resolveNodes: (ids: GlobalId[]) => Promise<unknown[]>,
): Promise<unknown>[] {
  const refused = ids.map((id) => {
    try {
      checkNodeType(info.schema, id);
      return null;
    } catch (error) {
      return error as Error;
    }
  });
  const loaded = resolveNodes(ids.filter((_, i) => refused[i] === null));
  let next = 0;
  return ids.map((_, i) => {
    const problem = refused[i];
    if (problem) return Promise.reject(problem);
    const at = next++;
    return loaded.then((nodes) => nodes[at]);
  });
}
