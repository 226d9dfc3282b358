import type {
  DocumentNode,
  FieldNode,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql';
import {
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  Kind,
  valueFromASTUntyped,
} from 'graphql';
import { decodeGlobalId } from '../global-id.js';
import { declaredCost, type FieldCost } from '../cost/declare.js';
import { type Args, sharedReadCalls } from '../cost/reads.js';
import {
  CONTAINER_TYPES,
  DEFAULT_LIST_SIZE,
  fieldOf,
  isConnectionType,
  isEdgeType,
  isEntity,
  STRUCTURAL,
  VENDOR_WEIGHTS,
  weightOf,
} from '../cost/rules.js';
import { argumentsOf, idsOf, listArgumentLength, pageSize } from './cost-arguments.js';
import { lookupCost, representationsCost } from './cost-lookups.js';
import { fragmentsOf } from './document-limits.js';

// What a query will cost the vendors, estimated before it runs. Every field that fetches costs
// one call, weighted by how scarce that vendor's calls are; a connection's `first` (or `last`)
// multiplies everything selected below it, and so down the tree. The schema's shape says which
// fields fetch: root fields and fields with arguments are parametrized reads, a field returning
// an entity (a `Node`) is a lookup, and other objects are values embedded in their parent; what
// the shape does not reveal each field declares where it is defined (cost/declare.ts).
// Request-wide reads (whole-range exports) count once per request and range, however many fields
// and items share them. It is an upper bound on calls for accounts within cost/rules.ts's
// ACCOUNT: loaders that share calls between items are not assumed, except for lookups of
// containers, reads of one item and request-wide reads.

/**
 * Costs paid per item of the enclosing lists, and once per request; `backed` is the part of them
 * charged by fields that call nothing but request-wide reads (cost/reads.ts).
 */
interface Cost {
  item: number;
  once: number;
  backedItem: number;
  backedOnce: number;
}
const ZERO: Cost = { item: 0, once: 0, backedItem: 0, backedOnce: 0 };
const add = (a: Cost, b: Cost): Cost => ({
  item: a.item + b.item,
  once: a.once + b.once,
  backedItem: a.backedItem + b.backedItem,
  backedOnce: a.backedOnce + b.backedOnce,
});

/** The weighted vendor calls the selected operation may cost; 0 when it cannot be found. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  return analyzeOperation(schema, document, operationName, variables).cost;
}

export interface OperationAnalysis {
  cost: number;
  /** The most ids any one `[ID!]` argument holds (each id of `nodes(ids:)` is a lookup). */
  longestIdList: number;
}

/**
 * The cost of the selected operation and the longest id list it passes. Past `maxIds` ids the
 * cost is not worth computing (the request is refused on the list's length), so their types are
 * not decoded: 150,000 ids cost no more analysis than 101.
 */
export function analyzeOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  maxIds = Number.POSITIVE_INFINITY,
): OperationAnalysis {
  let longestIdList = 0;
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return { cost: 0, longestIdList };
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return { cost: 0, longestIdList };
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  const fragments = fragmentsOf(document);
  // Variables the request leaves out take their declared defaults.
  const vars: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      vars[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  Object.assign(vars, variables ?? {});
  // A fragment's cost depends only on its type condition: computed once however often it is spread.
  const memo = new Map<string, Cost>();
  // Request-wide reads by name and range: each made once, whichever fields ask.
  const reads = new Set<string>();

  const setCost = (
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    path: ReadonlySet<string>,
  ): Cost => {
    let total = ZERO;
    // Reads of this item that its fields share, charged for the first of them.
    const itemReads = new Set<string>();
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total = add(total, fieldCost(selection, parent, path, itemReads));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) ?? parent)
          : parent;
        total = add(total, setCost(selection.selectionSet, on, path));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || path.has(name)) continue;
        let cost = memo.get(name);
        if (cost === undefined) {
          const on = schema.getType(fragment.typeCondition.name.value) ?? parent;
          cost = setCost(fragment.selectionSet, on, new Set([...path, name]));
          memo.set(name, cost);
        }
        total = add(total, cost);
      }
    }
    return total;
  };

  const fieldCost = (
    node: FieldNode,
    parent: GraphQLNamedType,
    path: ReadonlySet<string>,
    itemReads: Set<string>,
  ): Cost => {
    const name = node.name.value;
    if (name.startsWith('__')) return ZERO;
    const field = fieldOf(parent, name);
    if (!field) return ZERO;
    const type = getNamedType(field.type);
    const declared = declaredCost(field.extensions);
    const structural = STRUCTURAL.has(name) && (isConnectionType(parent) || isEdgeType(parent));
    for (const arg of field.args) {
      if (!isIdList(arg.type)) continue;
      const length = listArgumentLength(node, arg.name, vars);
      if (length !== undefined) longestIdList = Math.max(longestIdList, length);
    }
    const shared = declared?.shared;
    // Only what reads arguments evaluates them: a long literal id list is not copied.
    const args =
      shared || declared?.byArguments || isConnectionType(type) ? argumentsOf(node, vars) : {};
    for (const read of shared?.reads(args) ?? []) reads.add(read);
    const itemRead = declared?.itemRead;
    let own: { item: number; once: number };
    if (structural || declared?.free !== undefined) own = ZERO;
    else if (declared?.representations) {
      own = { item: representationsCost(schema, node, vars, maxIds, reads), once: 0 };
    } else if (isNodeLookup(type)) {
      const ids = idsOf(node, field, vars, maxIds);
      own = { item: lookupsCost(schema, ids, reads), once: 0 };
    } else if (itemRead) {
      const first = !itemReads.has(itemRead.read);
      itemReads.add(itemRead.read);
      own = { item: first ? itemRead.weight : 0, once: 0 };
    } else own = ownCost(field, type, declared, roots.has(parent.name), args, vars, node);
    const backed = shared?.backed ? own : ZERO;
    const below = node.selectionSet ? setCost(node.selectionSet, type, path) : ZERO;
    const times = multiplier(node, field, declared, structural, vars);
    return {
      item: own.item + times * below.item,
      once: own.once + below.once,
      backedItem: backed.item + times * below.backedItem,
      backedOnce: backed.once + below.backedOnce,
    };
  };

  const total = setCost(operation.selectionSet, root, new Set());
  // Fields served only from request-wide reads are charged per item as declared, or the reads
  // once when these are more: their calls are the reads, whatever the number of items.
  let shared = 0;
  for (const read of reads) shared += sharedReadCalls(read);
  const backed = total.backedItem + total.backedOnce;
  const cost = total.item + total.once - backed + Math.max(backed, shared);
  return { cost, longestIdList };
}

/** `node(id:)`, `nodes(ids:)`: a field returning the Node interface loads whatever its ids name. */
function isNodeLookup(type: GraphQLNamedType): boolean {
  return isInterfaceType(type) && type.name === 'Node';
}

function isIdList(type: GraphQLInputType): boolean {
  const list = getNullableType(type);
  // Federation's representations are id lists too: each one is a lookup.
  return isListType(list) && ['ID', '_Any'].includes(getNamedType(list).name);
}

/** One lookup per id, by the type it names; an id that decodes to no node type costs nothing. */
function lookupsCost(schema: GraphQLSchema, ids: readonly string[], reads: Set<string>): number {
  let cost = 0;
  for (const id of ids) {
    try {
      const { typename, id: key } = decodeGlobalId(id);
      cost += lookupCost(schema, typename, reads, key);
    } catch {
      continue;
    }
  }
  return cost;
}

/** What resolving the field itself may cost, by the rules at the top of this file. */
function ownCost(
  field: GraphQLField<unknown, unknown>,
  type: GraphQLNamedType,
  declared: FieldCost | undefined,
  onRoot: boolean,
  args: Args,
  variables: Record<string, unknown>,
  node: FieldNode,
): { item: number; once: number } {
  const calls = declared?.calls;
  const weight = declared?.vendor ? VENDOR_WEIGHTS[declared.vendor] : weightOf(type);
  const byArguments = declared?.byArguments;
  if (onRoot || field.args.length > 0 || calls !== undefined || byArguments !== undefined) {
    // A page after (or before) a cursor may straddle two vendor pages.
    const connection = isConnectionType(type);
    const paged = connection && (args.after != null || args.before != null) ? 2 : 1;
    if (byArguments) {
      const { item, once } = byArguments(args, pageSize(node, variables), paged);
      return { item: item * weight, once: once * weight };
    }
    return { item: (calls ?? 1) * paged * weight, once: 0 };
  }
  if (!isEntity(type)) return { item: 0, once: 0 };
  return CONTAINER_TYPES.has(type.name) ? { item: 0, once: weight } : { item: weight, once: 0 };
}

/** How many times the field's sub-selection may run. */
function multiplier(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  declared: FieldCost | undefined,
  structural: boolean,
  variables: Record<string, unknown>,
): number {
  if (structural) return 1;
  const type = getNamedType(field.type);
  if (isConnectionType(type)) return pageSize(node, variables);
  if (!isListType(getNullableType(field.type)) || !isCompositeType(type)) return 1;
  const ids =
    listArgumentLength(node, 'ids', variables) ??
    listArgumentLength(node, 'representations', variables);
  if (ids !== undefined) return ids;
  return declared?.listSize ?? DEFAULT_LIST_SIZE;
}
