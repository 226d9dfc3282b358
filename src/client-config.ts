import { existsSync, statSync } from 'node:fs';
import type { Env } from './vendors/env.js';
import { ConfigError, intVar, nonEmpty } from './vendors/env.js';

/** What the gateway offers clients beyond plain GraphQL over HTTP (README, Clients). */
export interface ClientFeatures {
  /** `allow`: persisted documents by id and any other document; `only`: persisted ids alone. */
  persistedDocuments: 'allow' | 'only';
  /** The manifest (hash -> document) the ids are looked up in; undefined: none. */
  persistedDocumentsFile: string | undefined;
  /** Documents automatic persisted queries (APQ) keep, least recently used dropped; 0: off. */
  apqMaxDocuments: number;
  /** gzip / Brotli of answers over COMPRESSION_MIN_BYTES, per Accept-Encoding. */
  compression: boolean;
}

/** Where `npm run codegen` writes the manifest of the operations in schema/operations. */
export const DEFAULT_PERSISTED_DOCUMENTS_FILE = 'schema/generated/persisted-documents.json';

export const CLIENT_DEFAULTS: ClientFeatures = {
  persistedDocuments: 'allow',
  persistedDocumentsFile: undefined,
  apqMaxDocuments: 1000,
  compression: true,
};

export function clientFeatures(env: Env): ClientFeatures {
  const mode = nonEmpty(env.PERSISTED_DOCUMENTS)?.toLowerCase() ?? 'allow';
  if (mode !== 'allow' && mode !== 'only') {
    throw new ConfigError(
      `PERSISTED_DOCUMENTS must be allow or only (got "${env.PERSISTED_DOCUMENTS}")`,
    );
  }
  const explicit = nonEmpty(env.PERSISTED_DOCUMENTS_FILE);
  const file = explicit ?? DEFAULT_PERSISTED_DOCUMENTS_FILE;
  const present = existsSync(file) && statSync(file).isFile();
  // The default manifest is optional (a deployment without typed operations); a named one, or
  // allow-list mode, which would refuse everything without one, is not.
  if (!present && (explicit !== undefined || mode === 'only')) {
    throw new ConfigError(
      `PERSISTED_DOCUMENTS_FILE must be an existing file (got "${file}"); run \`npm run codegen\``,
    );
  }
  const apq = intVar(env, 'APQ_MAX_DOCUMENTS', CLIENT_DEFAULTS.apqMaxDocuments, 0, 1_000_000);
  const rawCompression = nonEmpty(env.COMPRESSION)?.toLowerCase();
  if (rawCompression !== undefined && !['true', 'false'].includes(rawCompression)) {
    throw new ConfigError(`COMPRESSION must be true or false (got "${env.COMPRESSION}")`);
  }
  return {
    persistedDocuments: mode,
    persistedDocumentsFile: present ? file : undefined,
    // Allow-list mode executes reviewed documents only: registering new ones would undo it.
    apqMaxDocuments: mode === 'only' ? 0 : apq,
    compression: rawCompression !== 'false',
  };
}
