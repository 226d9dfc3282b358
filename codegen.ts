import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/schema/index.js';

// Generated from the Pothos code (the source of truth) and committed: the printed schema for
// clients and reviewers, and typed documents for the dashboard operations in schema/operations.
// `npm run schema:check` fails when either drifts from the code.
const config: CodegenConfig = {
  schema: printSchema(schema),
  documents: ['schema/operations/*.graphql'],
  overwrite: true,
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'] },
    'schema/generated/': {
      preset: 'client',
      config: {
        scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown', Upload: 'File' },
        enumsAsTypes: true,
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
