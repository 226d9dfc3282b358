import type {
  DocumentNode,
  FieldNode,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import {
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
} from 'graphql';
import { decodeGlobalId } from '../global-id.js';
import { DEFAULT_FIRST, EXPORT_MAX_FIRST } from '../pagination/bounds.js';
import type { VendorName } from '../transport/types.js';
import { fragmentsOf } from './document-limits.js';

// What a query will cost the vendors, estimated before it runs. Every field that fetches costs
// one call, weighted by how scarce that vendor's calls are; a connection's `first` (or `last`)
// multiplies everything selected below it, and so down the tree. The schema's shape says which
// fields fetch: root fields and fields with arguments are parametrized reads, a field returning
// an entity (a `Node`) is a lookup, and other objects are values embedded in their parent, apart
// from the few fields listed in FIELD_CALLS. It is an upper bound on calls: loaders that share
// calls between items are not assumed, except for lookups of containers (below).

/** Relative price of one call: UserHero allows 100 a minute per key, the others publish no limit. */
export const VENDOR_WEIGHTS: Readonly<Record<VendorName, number>> = {
  userhero: 2,
  userlane: 1,
  userloop: 1,
  planhat: 1,
};

/** Entity types served by UserHero (the only weighted vendor). */
const USERHERO_TYPES = new Set([
  'Workspace',
  'WorkspaceUsage',
  'Project',
  'Widget',
  'Webhook',
  'Feedback',
  'Comment',
  'Note',
  'Automation',
  'AutomationRun',
  'UserHeroCustomer',
]);

/** Fields served by UserHero whose type does not say so (a person may come from any vendor). */
const USERHERO_FIELDS = new Set([
  'Query.customers',
  'Workspace.customers',
  'Customer.profile',
  'Customer.feedback',
]);

/**
 * Entities that hold others and are few (a workspace's projects, a survey's questions): looked up
 * from many items, they are loaded once per request from one list, so a lookup costs one call
 * whatever the number of items it is selected on.
 */
const CONTAINER_TYPES = new Set([
  'Workspace',
  'Project',
  'Widget',
  'Webhook',
  'Automation',
  'Survey',
  'SurveyQuestion',
  'Task',
  'Tag',
]);

/**
 * Calls per item of fields the shape alone does not reveal: a merged feed reads each source
 * vendor; some value fields are read per item.
 */
const FIELD_CALLS: Readonly<Record<string, number>> = {
  'Query.npsResponses': 3,
  'Customer.npsResponses': 3,
  'Query.npsSummary': 3,
  'Query.surveys': 2,
  'Customer.surveyResponses': 2,
  'Customer.companyNps': 1,
  'Workspace.usage': 1,
  'Feedback.comments': 1,
  'Feedback.notes': 1,
};

/**
 * Weighted calls of loading one entity by its global id, where its type alone does not say: a
 * person is looked up in UserHero and then in the range exports that hold respondents.
 */
const LOOKUP_COSTS: Readonly<Record<string, number>> = {
  Customer: VENDOR_WEIGHTS.userhero + 3,
};

/** Items a list field that is not a connection is assumed to hold. */
const LIST_SIZES: Readonly<Record<string, number>> = {
  'Query.vendors': 4,
};
const DEFAULT_LIST_SIZE = 10;

/** Selections of a connection or edge that hold what the connection's own call fetched. */
const STRUCTURAL = new Set(['edges', 'nodes', 'node', 'pageInfo', 'cursor', 'totalCount']);

/** Costs paid per item of the enclosing lists, and costs paid once per request. */
interface Cost {
  item: number;
  once: number;
}
const ZERO: Cost = { item: 0, once: 0 };
const add = (a: Cost, b: Cost): Cost => ({ item: a.item + b.item, once: a.once + b.once });

export function isConnectionType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return 'pageInfo' in fields && ('edges' in fields || 'nodes' in fields);
}

function isEdgeType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return 'node' in fields && 'cursor' in fields;
}

function isEntity(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}

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

  const setCost = (
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    path: ReadonlySet<string>,
  ): Cost => {
    let total = ZERO;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total = add(total, fieldCost(selection, parent, path));
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
  ): Cost => {
    const name = node.name.value;
    if (name.startsWith('__')) return ZERO;
    const field = fieldOf(parent, name);
    if (!field) return ZERO;
    const type = getNamedType(field.type);
    const coordinate = `${parent.name}.${name}`;
    const structural = STRUCTURAL.has(name) && (isConnectionType(parent) || isEdgeType(parent));
    for (const arg of field.args) {
      if (!isIdList(arg.type)) continue;
      const length = listArgumentLength(node, arg.name, vars);
      if (length !== undefined) longestIdList = Math.max(longestIdList, length);
    }
    const own = structural
      ? ZERO
      : isNodeLookup(type)
        ? { item: lookupsCost(schema, idsOf(node, field, vars, maxIds)), once: 0 }
        : ownCost(field, type, coordinate, roots.has(parent.name));
    const below = node.selectionSet ? setCost(node.selectionSet, type, path) : ZERO;
    const times = multiplier(node, field, coordinate, structural, vars);
    return { item: own.item + times * below.item, once: own.once + below.once };
  };

  const total = setCost(operation.selectionSet, root, new Set());
  return { cost: total.item + total.once, longestIdList };
}

/** `node(id:)`, `nodes(ids:)`: a field returning the Node interface loads whatever its ids name. */
function isNodeLookup(type: GraphQLNamedType): boolean {
  return isInterfaceType(type) && type.name === 'Node';
}

function isIdList(type: GraphQLInputType): boolean {
  const list = getNullableType(type);
  return isListType(list) && getNamedType(list).name === 'ID';
}

/**
 * The global ids a node lookup is given, from literals or variables; an id that is not a string
 * is refused by execution (no call) and left out. Past `maxIds` none are read: refused anyway.
 */
function idsOf(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
  maxIds: number,
): string[] {
  const out: string[] = [];
  for (const arg of field.args) {
    const value = argumentValue(node, arg.name);
    if (!value) continue;
    const given =
      value.kind === Kind.VARIABLE ? variables[value.name.value] : valueFromASTUntyped(value);
    const list = Array.isArray(given) ? given : [given];
    if (list.length > maxIds) return [];
    for (const id of list) if (typeof id === 'string') out.push(id);
  }
  return out;
}

/**
 * One lookup per id, weighted by the vendor the id's type is served by. An id that does not
 * decode to a node type of this schema is refused before any call and costs nothing.
 */
function lookupsCost(schema: GraphQLSchema, ids: readonly string[]): number {
  let cost = 0;
  for (const id of ids) {
    let typename: string;
    try {
      typename = decodeGlobalId(id).typename;
    } catch {
      continue;
    }
    const type = schema.getType(typename);
    if (type && isEntity(type)) cost += LOOKUP_COSTS[typename] ?? weightOf(type);
  }
  return cost;
}

/** What resolving the field itself may cost, by the rules at the top of this file. */
function ownCost(
  field: GraphQLField<unknown, unknown>,
  type: GraphQLNamedType,
  coordinate: string,
  onRoot: boolean,
): Cost {
  const calls = FIELD_CALLS[coordinate];
  const weight = USERHERO_FIELDS.has(coordinate) ? VENDOR_WEIGHTS.userhero : weightOf(type);
  if (onRoot || field.args.length > 0 || calls !== undefined) {
    return { item: (calls ?? 1) * weight, once: 0 };
  }
  if (!isEntity(type)) return ZERO;
  return CONTAINER_TYPES.has(type.name) ? { item: 0, once: weight } : { item: weight, once: 0 };
}

function fieldOf(
  parent: GraphQLNamedType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}

/** The vendor weight of a call returning `type` (for a connection: its nodes' type). */
function weightOf(type: GraphQLNamedType): number {
  const name = (isConnectionType(type) ? connectionNodeType(type) : type)?.name ?? '';
  return USERHERO_TYPES.has(name) || name.startsWith('UserHero') ? VENDOR_WEIGHTS.userhero : 1;
}

function connectionNodeType(type: GraphQLNamedType): GraphQLNamedType | undefined {
  if (!isObjectType(type)) return undefined;
  const nodes = type.getFields().nodes;
  return nodes ? getNamedType(nodes.type) : undefined;
}

/** How many times the field's sub-selection may run. */
function multiplier(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  coordinate: string,
  structural: boolean,
  variables: Record<string, unknown>,
): number {
  if (structural) return 1;
  const type = getNamedType(field.type);
  if (isConnectionType(type)) {
    const first = intArgument(node, 'first', variables) ?? intArgument(node, 'last', variables);
    return clamp(first ?? DEFAULT_FIRST, 0, EXPORT_MAX_FIRST);
  }
  if (!isListType(getNullableType(field.type)) || !isCompositeType(type)) return 1;
  const ids = listArgumentLength(node, 'ids', variables);
  if (ids !== undefined) return ids;
  return LIST_SIZES[coordinate] ?? DEFAULT_LIST_SIZE;
}

function argumentValue(node: FieldNode, name: string): ValueNode | undefined {
  return node.arguments?.find((argument) => argument.name.value === name)?.value;
}

/**
 * An Int argument from a literal or a variable; a value that is not a whole number counts as the
 * largest page, as execution will refuse it anyway.
 */
function intArgument(
  node: FieldNode,
  name: string,
  variables: Record<string, unknown>,
): number | undefined {
  const value = argumentValue(node, name);
  if (!value || value.kind === Kind.NULL) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    if (given === undefined || given === null) return undefined;
    return typeof given === 'number' && Number.isInteger(given) ? given : EXPORT_MAX_FIRST;
  }
  return EXPORT_MAX_FIRST;
}

function listArgumentLength(
  node: FieldNode,
  name: string,
  variables: Record<string, unknown>,
): number | undefined {
  const value = argumentValue(node, name);
  if (!value) return undefined;
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return Array.isArray(given) ? given.length : 1;
  }
  return 1;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
