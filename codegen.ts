import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { withIncrementalDelivery } from './src/http/incremental.js';
import { schema } from './src/schema/index.js';

// Generated from the Pothos code (the source of truth) and committed: the printed schema for
// clients and reviewers, and typed documents for the dashboard operations in schema/operations.
// `npm run schema:check` fails when either drifts from the code.
const config: CodegenConfig = {
  schema: printSchema(withIncrementalDelivery(schema)),
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
      presetConfig: {
        fragmentMasking: false,
        // schema/generated/persisted-documents.json (hash -> document), and each typed document
        // carries its hash (`__meta__.hash`): clients send `{"documentId": hash}`, and the gateway
        // with PERSISTED_DOCUMENTS=only executes these reviewed operations alone.
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
    },
  },
};

export default config;
