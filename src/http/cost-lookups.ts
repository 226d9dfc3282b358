import type { FieldNode, GraphQLSchema } from 'graphql';
import { Kind, valueFromASTUntyped } from 'graphql';
import { IDENTITY } from '../cost/reads.js';
import { isEntity, keyedLookupCost, LOOKUP_COSTS, weightOf } from '../cost/rules.js';
import { decodeGlobalId } from '../global-id.js';
import { argumentValue } from './cost-arguments.js';

// Entity lookups as the cost analysis (cost.ts) prices them: by the type each id or federation
// representation names, whatever field asks.

/**
 * Weighted calls of loading one entity of `typename` by `key` (what its global id holds); 0 for
 * a name that is no entity (refused before any call). A person unknown to UserHero is looked for
 * in request-wide reads (`reads`), once for all of them.
 */
export function lookupCost(
  schema: GraphQLSchema,
  typename: string,
  reads: Set<string>,
  key?: string,
): number {
  const type = schema.getType(typename);
  if (!type || !isEntity(type)) return 0;
  if (typename === 'Customer') for (const read of IDENTITY) reads.add(read);
  const keyed = key === undefined ? undefined : keyedLookupCost(typename, key);
  return keyed ?? LOOKUP_COSTS[typename] ?? weightOf(type);
}

/** The key a representation's global `id` holds; undefined for none (or not a global id). */
function keyOf(representation: unknown): string | undefined {
  const id = (representation as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') return undefined;
  try {
    return decodeGlobalId(id).id;
  } catch {
    return undefined;
  }
}

/**
 * `_entities(representations:)`: one lookup per representation, priced by its `__typename`, as
 * a router sends them in bulk. Past `maxIds` none are read: the list is refused on its length.
 */
export function representationsCost(
  schema: GraphQLSchema,
  node: FieldNode,
  variables: Record<string, unknown>,
  maxIds: number,
  reads: Set<string>,
): number {
  const value = argumentValue(node, 'representations');
  if (!value) return 0;
  const given =
    value.kind === Kind.VARIABLE
      ? variables[value.name.value]
      : valueFromASTUntyped(value, variables);
  const list: unknown[] = Array.isArray(given) ? given : [given];
  if (list.length > maxIds) return 0;
  let cost = 0;
  for (const representation of list) {
    const typename = (representation as { __typename?: unknown } | null)?.__typename;
    if (typeof typename === 'string') {
      cost += lookupCost(schema, typename, reads, keyOf(representation));
    }
  }
  return cost;
}
