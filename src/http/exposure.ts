import {
  type ASTVisitor,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** graphql-js appends "Did you mean …?" naming schema fields and types; production leaves it out. */
export function withoutSuggestions(error: GraphQLError): GraphQLError {
  const message = error.message.replace(SUGGESTION, '').trim();
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: error.extensions,
  });
}

/** How much of the schema a caller can learn without using it: introspection and suggestions. */
export function useSchemaExposure(options: {
  introspection: boolean;
  suggestions: boolean;
}): Plugin {
  return {
    onValidate({ addValidationRule }) {
      if (!options.introspection) {
        addValidationRule(NoSchemaIntrospectionCustomRule);
        addValidationRule(NoSubgraphSdlRule);
      }
      if (options.suggestions) return;
      return ({ valid, result, setResult }) => {
        if (!valid) {
          setResult(
            (result as readonly Error[]).map((error) =>
              error.name === 'GraphQLError' ? withoutSuggestions(error as GraphQLError) : error,
            ) as GraphQLError[],
          );
        }
      };
    },
  };
}

/**
 * Federation's `_service { sdl }` prints the whole schema, as introspection would: off with it. A
 * supergraph is then composed from the SDL `npm run supergraph -- --subgraph` prints.
 */
function NoSubgraphSdlRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value !== '_service' || context.getParentType()?.name !== 'Query') return;
      context.reportError(
        new GraphQLError(
          'GraphQL introspection has been disabled, and `_service` with it (INTROSPECTION=false): ' +
            'compose the supergraph from the subgraph SDL instead (npm run supergraph -- --subgraph).',
          { nodes: node },
        ),
      );
    },
  };
}
