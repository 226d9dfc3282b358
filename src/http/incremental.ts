import { GraphQLDeferDirective, GraphQLStreamDirective } from '@graphql-tools/utils';
import { GraphQLSchema } from 'graphql';

/**
 * The schema as clients see it: with `@defer` and `@stream`, which Yoga's defer-stream plugin
 * adds to the executable schema (the same directive definitions). Codegen and the printed
 * schema/schema.graphql use this, so typed operations may defer their slow panels.
 */
export function withIncrementalDelivery(schema: GraphQLSchema): GraphQLSchema {
  const missing = [GraphQLDeferDirective, GraphQLStreamDirective].filter(
    (directive) => !schema.getDirective(directive.name),
  );
  if (missing.length === 0) return schema;
  const extended = new GraphQLSchema({
    ...schema.toConfig(),
    directives: [...schema.getDirectives(), ...missing],
  });
  extended.extensions = schema.extensions;
  return extended;
}
