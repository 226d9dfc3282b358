// A field served from request-wide reads (the range exports) does not depend on the list its
// parent came from, so those reads can start with the list's own first call instead of after it.
// Each such field declares, where it is defined, how to start them; a list walks the selection of
// its items and starts what the selected fields declare. A field added later is started by
// declaring it, not by a name added to a list elsewhere (test/schema/early-reads.test.ts checks
// every field with a request-wide read declares it).
import {
  type FieldNode,
  getArgumentValues,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  getNamedType,
  isObjectType,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from '../../types.js';

/**
 * Starts the request's memoised reads a field will make with these arguments; the field later
 * shares them (and reports their errors). Returns null where the reads cannot be known yet.
 */
export type EarlyReads = (
  ctx: GatewayContext,
  args: Record<string, unknown>,
) => Promise<unknown> | null;

/** The `extensions` of a field's options that declare its early reads. */
export function startsEarly(reads: EarlyReads): { startsEarly: EarlyReads } {
  return { startsEarly: reads };
}

/** The early reads a built field declares, if any. */
export function declaredEarlyReads(
  extensions: Readonly<Record<string, unknown>> | null | undefined,
): EarlyReads | undefined {
  return extensions?.startsEarly as EarlyReads | undefined;
}

const ignore = () => undefined;

/**
 * Starts the early reads of every field selected under this field's result, through the
 * connection's `edges`, `node` and `nodes` and any fragment. Arguments are read from the document
 * and variables as the fields will see them; a field whose arguments do not coerce is left to
 * report that itself.
 */
export function startEarlyReads(ctx: GatewayContext, info: GraphQLResolveInfo): void {
  const seen = new Set<string>();
  const walk = (type: GraphQLNamedType, set: SelectionSetNode | undefined) => {
    if (!set || !isObjectType(type)) return;
    for (const selection of set.selections) {
      if (selection.kind === 'Field') visit(type.getFields()[selection.name.value], selection);
      else if (selection.kind === 'InlineFragment') walk(type, selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(type, info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  const visit = (field: GraphQLField<unknown, unknown> | undefined, node: FieldNode) => {
    if (!field) return;
    const name = field.name;
    if (name === 'edges' || name === 'node' || name === 'nodes') {
      walk(getNamedType(field.type), node.selectionSet);
      return;
    }
    const reads = declaredEarlyReads(field.extensions);
    if (!reads) return;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, info.variableValues);
    } catch {
      return;
    }
    reads(ctx, args)?.catch(ignore);
  };
  for (const node of info.fieldNodes) walk(getNamedType(info.returnType), node.selectionSet);
}
