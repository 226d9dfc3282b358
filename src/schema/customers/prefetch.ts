// Customer fields served from request-wide exports do not depend on the customer list: their
// reads can start with the list's own call instead of after it.
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { GatewayContext } from '../../types.js';
import { customerNpsRecords } from '../../loaders/nps-records.js';
import { customerSurveyResponses } from '../../loaders/surveys.js';
import { npsQuery } from '../nps/nps.js';

/** Which export-backed Customer fields a selection asks for, fragments included. */
export function exportFieldsSelected(info: GraphQLResolveInfo): { nps: boolean; answers: boolean } {
  const found = { nps: false, answers: false };
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') visitField(selection);
      else if (selection.kind === 'InlineFragment') walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  const visitField = (field: FieldNode) => {
    const name = field.name.value;
    // Only the default window is known before the field's own arguments are read.
    if (name === 'latestNps') found.nps = true;
    else if (name === 'npsResponses' && !field.arguments?.some((a) => a.name.value === 'filter')) {
      found.nps = true;
    } else if (name === 'surveyResponses') found.answers = true;
    else if (name === 'nodes' || name === 'edges' || name === 'node') walk(field.selectionSet);
  };
  for (const field of info.fieldNodes) walk(field.selectionSet);
  return found;
}

/**
 * Starts the exports the selected Customer fields will read. The loads are the request's own
 * memoised reads, so the fields later share them (and report their errors); nothing is read twice.
 */
export function prefetchCustomerExports(ctx: GatewayContext, info: GraphQLResolveInfo): void {
  const wanted = exportFieldsSelected(info);
  const ignore = () => undefined;
  if (wanted.nps) customerNpsRecords(ctx, '', npsQuery(null)).catch(ignore);
  if (wanted.answers) customerSurveyResponses(ctx, '').catch(ignore);
}
