// Which Planhat read a request's counts use. A summary (npsSummary, a person's company, whether
// Planhat knows a person) needs a few properties of each answer; a feed page, a person's answers
// or an answer by id need whole records. The range export serves all of them, so a request that
// asks for both keeps reading whole records once, as before, and a request that only counts
// reads Planhat's counted properties (`select`): the same calls, fewer bytes a record.
import {
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { DateRange } from '../../domain/date-range.js';
import type { NpsCountedRecord } from '../../domain/nps.js';
import type { Indexed } from '../../domain/nps-exports.js';
import { executedOperation } from '../../http/executed-operation.js';
import { fragmentsOf } from '../../http/document-limits.js';
import type { GatewayContext } from '../../types.js';

/**
 * The types whose values are made of whole NPS records (nps.ts): a field returning one of them,
 * or an abstract type one of them belongs to (`node`, `nodes`, `_entities`), reads them.
 */
const WHOLE_RECORD_TYPES = new Set(['NpsResponse', 'NpsResponseConnection', 'NpsResponseEdge']);

const asked = new WeakMap<DocumentNode, Map<string, boolean>>();

/**
 * Whether the request's operation selects any field that can answer whole NPS records (all of
 * its document, `@skip`/`@include` and `@defer` aside: a field that may run counts). True when
 * the operation is not known: then nothing changes from reading whole records.
 */
export function asksWholeNpsRecords(ctx: object): boolean {
  const executed = executedOperation(ctx);
  if (!executed) return true;
  const { schema, document, operationName } = executed;
  let byName = asked.get(document);
  if (!byName) {
    byName = new Map();
    asked.set(document, byName);
  }
  const name = operationName ?? '';
  let answer = byName.get(name);
  if (answer === undefined) {
    answer = selectsWholeRecords(schema, document, operationName);
    byName.set(name, answer);
  }
  return answer;
}

function selectsWholeRecords(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): boolean {
  const operation = getOperationAST(document, operationName ?? undefined);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return true;
  const nps = schema.getType('NpsResponse');
  const fragments = fragmentsOf(document);
  const seen = new Set<string>();
  const holds = (type: GraphQLNamedType) =>
    WHOLE_RECORD_TYPES.has(type.name) ||
    (isAbstractType(type) && isObjectType(nps) && schema.isSubType(type, nps));
  const inSet = (set: SelectionSetNode, parent: GraphQLNamedType): boolean =>
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        // A union's own fields are `__typename` alone.
        if (!isObjectType(parent) && !isInterfaceType(parent)) return false;
        const field = parent.getFields()[selection.name.value];
        if (!field) return false;
        const type = getNamedType(field.type);
        return (
          holds(type) ||
          (selection.selectionSet !== undefined && inSet(selection.selectionSet, type))
        );
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        return on !== undefined && inSet(selection.selectionSet, on);
      }
      // A fragment answers the same wherever it is spread: looked at once.
      const fragmentName = selection.name.value;
      const fragment = fragments.get(fragmentName);
      if (!fragment || seen.has(fragmentName)) return false;
      seen.add(fragmentName);
      const on = schema.getType(fragment.typeCondition.name.value);
      return on !== undefined && inSet(fragment.selectionSet, on);
    });
  return inSet(operation.selectionSet, root);
}

/**
 * Planhat's answers of a range for counting: the whole records when the request reads them
 * anyway (one read serves both), else the counted read.
 */
export function planhatForCounts(
  ctx: GatewayContext,
  range: DateRange,
): Promise<Indexed<NpsCountedRecord>> {
  const { exports } = ctx.loaders;
  return asksWholeNpsRecords(ctx) ? exports.planhatNps(range) : exports.planhatCounted(range);
}
