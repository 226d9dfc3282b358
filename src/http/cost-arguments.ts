import type { FieldNode, GraphQLField, ValueNode } from 'graphql';
import { Kind, valueFromASTUntyped } from 'graphql';
import { DEFAULT_FIRST, EXPORT_MAX_FIRST } from '../pagination/bounds.js';
import type { Args } from '../cost/reads.js';

// The arguments of a field as the cost analysis reads them: from literals or variables, before
// execution has checked them (a value execution refuses costs the most it could).

/** The field's arguments as given (literals, variables filled in), unchecked. */
export function argumentsOf(node: FieldNode, variables: Record<string, unknown>): Args {
  const out: Args = {};
  for (const argument of node.arguments ?? []) {
    out[argument.name.value] = valueFromASTUntyped(argument.value, variables);
  }
  return out;
}

/**
 * The global ids a node lookup is given, from literals or variables; an id that is not a string
 * is refused by execution (no call) and left out. Past `maxIds` none are read: refused anyway.
 */
export function idsOf(
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

/** A connection's page: its `first` (or `last`), the default when absent, within the bounds. */
export function pageSize(node: FieldNode, variables: Record<string, unknown>): number {
  const first = intArgument(node, 'first', variables) ?? intArgument(node, 'last', variables);
  return clamp(first ?? DEFAULT_FIRST, 0, EXPORT_MAX_FIRST);
}

export function argumentValue(node: FieldNode, name: string): ValueNode | undefined {
  return node.arguments?.find((argument) => argument.name.value === name)?.value;
}

/**
 * An Int argument from a literal or a variable; a value that is not a whole number counts as the
 * largest page, as execution will refuse it anyway.
 */
export function intArgument(
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

export function listArgumentLength(
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

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
