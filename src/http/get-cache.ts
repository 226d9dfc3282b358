import { createHash } from 'node:crypto';
import type { DocumentNode, ExecutionResult } from 'graphql';
import { Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { cachedFreshnessMs } from '../cache/freshness.js';
import { appendVary } from './compression.js';

export interface GetCachingOptions {
  /** API keys are on: an answer is for its key's holder, never for a shared cache. */
  private: boolean;
  /** Vendor calls the request made (context.ts's, passed in by the server). */
  vendorCalls: (context: unknown) => number;
}

/** Root fields that report the gateway's live state (breakers, budgets), never cached data. */
const LIVE_ROOT_FIELDS = new Set(['vendors']);

function readsLiveState(document: DocumentNode): boolean {
  return document.definitions.some(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      definition.selectionSet.selections.some(
        (s) => s.kind !== Kind.FIELD || LIVE_ROOT_FIELDS.has(s.name.value),
      ),
  );
}

/**
 * Seconds a client may reuse an answer: what is left of the freshest-expiring cached entry it was
 * served from, when every vendor read came from a cross-request cache; 0 when any was read from a
 * vendor just now (the next request reads again), served stale, or none was read at all.
 */
function maxAgeSeconds(context: object | undefined, options: GetCachingOptions): number {
  if (context === undefined || options.vendorCalls(context) > 0) return 0;
  const freshMs = cachedFreshnessMs(context);
  return freshMs === undefined ? 0 : Math.floor(freshMs / 1000);
}

const hasErrors = (result: unknown): boolean =>
  Array.isArray(result)
    ? result.some(hasErrors)
    : typeof result !== 'object' ||
      result === null ||
      Symbol.asyncIterator in result ||
      ((result as ExecutionResult).errors?.length ?? 0) > 0;

/** `If-None-Match` lists the tag (weak comparison, RFC 9110 13.1.2), or is `*`. */
function matches(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const bare = etag.slice(2);
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === etag || tag === bare);
}

/**
 * GET answers a browser or CDN may keep and revalidate: a successful GET (GraphQL query or the
 * GraphiQL page) carries a weak `ETag` of its body and is answered `304` without a body when
 * `If-None-Match` names it; anything with errors, incremental or not 200 is `no-store`.
 *
 * `max-age` is what is left of the freshness of the cached data behind the answer (see
 * maxAgeSeconds): a dashboard served from the export cache may be reused for the rest of
 * EXPORT_CACHE_TTL_MS, anything read live is `max-age=0`; then `must-revalidate`, and an unchanged
 * answer costs a 304 instead of the body. `private` when API keys are on, `public` otherwise.
 * POSTs are untouched (not cacheable); mutations are refused over GET by Yoga (405) before any of
 * this.
 */
export function useGetCaching(options: GetCachingOptions): Plugin {
  const errored = new WeakSet<Request>();
  // The context of each GET request that executed, unless it reads live state.
  const contexts = new WeakMap<Request, object>();
  const scope = options.private ? 'private' : 'public';
  let page: { body: string; etag: string } | undefined;
  return {
    onExecute({ args }) {
      const context = args.contextValue as { request?: Request };
      const request = context.request;
      if (request?.method === 'GET' && !readsLiveState(args.document)) {
        contexts.set(request, context);
      }
    },
    onResultProcess({ request, result }) {
      if (request.method === 'GET' && hasErrors(result)) errored.add(request);
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (request.method !== 'GET') return;
      const type = response.headers.get('content-type') ?? '';
      const cacheable =
        response.status === 200 &&
        !errored.has(request) &&
        (type.startsWith('application/json') ||
          type.startsWith('application/graphql-response+json') ||
          type.startsWith('text/html'));
      if (!cacheable) {
        response.headers.set('cache-control', 'no-store');
        return;
      }
      return response.text().then((body) => {
        let etag: string;
        if (page?.body === body) etag = page.etag;
        else {
          etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
          if (type.startsWith('text/html')) page = { body, etag };
        }
        const headers = new fetchAPI.Headers(response.headers);
        headers.set('etag', etag);
        const maxAge = maxAgeSeconds(contexts.get(request), options);
        headers.set('cache-control', `${scope}, max-age=${maxAge}, must-revalidate`);
        appendVary(headers);
        // The same URL answers GraphiQL or JSON, and JSON in two media types, by `Accept`.
        // (`set`, not `append`: the ponyfill's append loses headers it was built with.)
        const keyed = options.private ? ', Accept, Authorization, X-API-Key' : ', Accept';
        headers.set('vary', `${headers.get('vary')}${keyed}`);
        if (matches(request.headers.get('if-none-match'), etag)) {
          headers.delete('content-type');
          headers.delete('content-length');
          setResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        setResponse(new fetchAPI.Response(body, { status: 200, headers }));
      });
    },
  };
}
