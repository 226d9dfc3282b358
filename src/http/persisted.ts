import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { createGraphQLError } from 'graphql-yoga';
import { setRecent } from '../cache/recent-map.js';
import type { ClientFeatures } from '../client-config.js';
import type { DocumentStore } from '../shared-state/index.js';

/** The manifest codegen's client preset writes: `"sha256:<hex>"` -> document. */
export function loadManifest(file: string | undefined): ReadonlyMap<string, string> {
  if (file === undefined) return new Map();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file}: expected an object of document id -> document`);
  }
  return new Map(
    Object.entries(parsed).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

type Params = GraphQLParams & { documentId?: unknown };

const shown = (id: string) => JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id);

const badRequest = (message: string, code: string, status = 400) =>
  createGraphQLError(message, { extensions: { code, http: { status } } });

/**
 * Persisted documents by id (`{"documentId": "sha256:…"}`, in a JSON body or the GET query
 * string) from the manifest, through Yoga's persisted-operations plugin. `PERSISTED_DOCUMENTS=only`
 * executes nothing else: a request with a `query` is refused, so only reviewed operations reach
 * the vendors (an APQ hash is then looked up in the manifest too, never registered).
 */
export function usePersistedDocuments(
  features: ClientFeatures,
  manifest: ReadonlyMap<string, string>,
): Plugin[] {
  const only = features.persistedDocuments === 'only';
  return [
    {
      // Yoga's GET parser reads query, variables, operationName and extensions only.
      onRequestParse({ request, requestParser, setRequestParser }) {
        if (request.method !== 'GET' || !requestParser || !request.url.includes('documentId='))
          return;
        const parse = requestParser;
        setRequestParser(async (req) => {
          const params = (await parse(req)) as Params;
          const id = new URL(req.url).searchParams.get('documentId');
          return id ? { ...params, documentId: id } : params;
        });
      },
    },
    usePersistedOperations({
      allowArbitraryOperations: !only,
      extractPersistedOperationId: (params: Params) => {
        if (typeof params.documentId === 'string') return params.documentId;
        const hash = apqHash(params);
        if (hash === undefined) return null;
        if (only) return `sha256:${hash}`;
        // APQ turned off (APQ_MAX_DOCUMENTS=0): Apollo's link then stops sending hashes alone.
        throw createGraphQLError('PersistedQueryNotSupported', {
          extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED', http: { status: 200 } },
        });
      },
      getPersistedOperation: (id) => manifest.get(id) ?? null,
      customErrors: {
        notFound: ({ params }) =>
          badRequest(
            `Persisted document ${shown(String((params as Params).documentId ?? apqHash(params)))} is not in this gateway's manifest (PERSISTED_DOCUMENTS_FILE): deploy the manifest your client was generated with, or regenerate the client (npm run codegen).`,
            'PERSISTED_DOCUMENT_NOT_FOUND',
          ),
        persistedQueryOnly: () =>
          badRequest(
            'This gateway executes persisted documents only (PERSISTED_DOCUMENTS=only): send {"documentId": "sha256:…"} with an id from the persisted-documents manifest instead of a query.',
            'PERSISTED_DOCUMENTS_ONLY',
            403,
          ),
        keyNotFound: () =>
          badRequest(
            only
              ? 'Send {"documentId": "sha256:…"}: this gateway executes persisted documents only (PERSISTED_DOCUMENTS=only).'
              : 'Send a "query", or a "documentId" from the persisted-documents manifest.',
            'BAD_REQUEST',
          ),
      },
    }),
  ];
}

/** The hash of Apollo's automatic persisted queries, when the request carries one. */
function apqHash(params: GraphQLParams): string | undefined {
  const pq = (params.extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery;
  if (typeof pq !== 'object' || pq === null) return undefined;
  const { version, sha256Hash } = pq as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1 || typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(sha256Hash)) {
    throw badRequest(
      'extensions.persistedQuery must be {"version": 1, "sha256Hash": "<64 hex digits>"}.',
      'BAD_REQUEST',
    );
  }
  return sha256Hash;
}

/** A document this long is executed but not kept: the store's memory stays bounded. */
const APQ_MAX_DOCUMENT_CHARS = 64 * 1024;

/**
 * Automatic persisted queries as Apollo's PersistedQueryLink speaks them: a hash the gateway does
 * not know is answered `PersistedQueryNotFound` (`PERSISTED_QUERY_NOT_FOUND`, HTTP 200 so the link
 * reads it and retries), the retry with the query registers it when the hash is the query's
 * SHA-256, and the hash alone then works. The store keeps APQ_MAX_DOCUMENTS documents, least
 * recently used dropped; manifest documents are known by their hash from the start. With replicas
 * (REDIS_URL) a hash this store misses is looked up in the replicas' `shared` store (one round
 * trip, then kept here), and each registration is told to it: a client registers a hash once,
 * whichever replica it reaches next. When Redis cannot answer, the hash is unknown here and the
 * client registers it again, as with one replica.
 */
export function useAutomaticPersistedQueries(
  max: number,
  manifest: ReadonlyMap<string, string>,
  shared?: DocumentStore,
): Plugin {
  const store = new Map<string, string>();
  // Apollo's link matches this exact message (or the code).
  const notFound = () =>
    createGraphQLError('PersistedQueryNotFound', {
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 200 } },
    });
  return {
    onParams({ params, setParams }) {
      if (params.extensions?.persistedQuery === undefined) return;
      const hash = apqHash(params);
      if (hash === undefined) return;
      if (params.query == null) {
        const known = store.get(hash);
        if (known !== undefined) setRecent(store, hash, known, max);
        const query = known ?? manifest.get(`sha256:${hash}`);
        if (query !== undefined) return setParams({ ...params, query });
        if (!shared) throw notFound();
        // Only a miss here waits for Redis; what it finds is kept here from then on.
        return shared.get(hash).then((found) => {
          if (found === undefined) throw notFound();
          setRecent(store, hash, found, max);
          setParams({ ...params, query: found });
        });
      }
      if (createHash('sha256').update(params.query).digest('hex') !== hash) {
        throw badRequest(
          'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query (hex of its UTF-8 bytes).',
          'PERSISTED_QUERY_MISMATCH',
        );
      }
      if (params.query.length <= APQ_MAX_DOCUMENT_CHARS) {
        setRecent(store, hash, params.query, max);
        shared?.set(hash, params.query);
      }
    },
  };
}
