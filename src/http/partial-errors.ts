import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Errors of a field that still answered: a merged NPS read whose vendor failed answers from the
 * sources that worked, and the failure goes out beside the data as a GraphQL error (with its
 * `extensions.code` and `vendor`). Resolvers push them on the request's context
 * (`ctx.partialErrors`, made on first use); they join the result's errors when execution ends.
 */
export const PARTIAL_ERRORS = Symbol('partial errors');

export interface PartialErrors {
  [PARTIAL_ERRORS]?: GraphQLError[];
}

export function addPartialError(ctx: object, error: GraphQLError): void {
  const holder = ctx as PartialErrors;
  (holder[PARTIAL_ERRORS] ??= []).push(error);
}

export function usePartialErrors(): Plugin {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as PartialErrors;
      return {
        onExecuteDone({ result, setResult }) {
          const partial = ctx[PARTIAL_ERRORS];
          if (!partial?.length || typeof result !== 'object' || result === null) return;
          if (Symbol.asyncIterator in result) return;
          setResult({ ...result, errors: [...(result.errors ?? []), ...partial] });
        },
      };
    },
  };
}
