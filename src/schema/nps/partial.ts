// Merged NPS reads that answer from the sources that worked: the failed sources' errors go out
// beside the data (src/http/partial-errors.ts), each a GraphQL error with its vendor's
// extensions, at the path of the field that answered without them.
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { responsePathAsArray } from 'graphql';
import { maskError } from '../../graphql-errors.js';
import { addPartialError } from '../../http/partial-errors.js';
import type { MissingSource } from '../../loaders/nps-records.js';

/** Reports each missing source's error at `info`'s path; returns the sources, sorted. */
export function reportMissing(
  ctx: object,
  info: GraphQLResolveInfo,
  missing: readonly MissingSource[],
): MissingSource['source'][] {
  for (const { error } of missing) {
    const located = new GraphQLError(error.message, {
      nodes: info.fieldNodes,
      path: responsePathAsArray(info.path),
      originalError: error,
    });
    addPartialError(ctx, maskError(located, 'Unexpected error') as GraphQLError);
  }
  return [...new Set(missing.map((m) => m.source))].sort();
}

/** Every wanted source failed: nothing to answer from. The first error fails the field. */
export function allMissing(wanted: number, missing: readonly MissingSource[]): boolean {
  return wanted > 0 && missing.length >= wanted;
}
