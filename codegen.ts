import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/schema/index.js';

// The printed schema is generated from the Pothos code (the source of truth) and committed, so
// clients and reviewers see the public API; `npm run schema:check` fails when it drifts.
const config: CodegenConfig = {
  schema: printSchema(schema),
  overwrite: true,
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'] },
  },
};

export default config;
