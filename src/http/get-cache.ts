import { createHash } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { appendVary } from './compression.js';

export interface GetCachingOptions {
  /** API keys are on: an answer is for its key's holder, never for a shared cache. */
  private: boolean;
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
 * `max-age=0, must-revalidate`: a gateway answer mixes live vendor reads (fresh only now) with
 * cross-request exports (fresh for what is left of EXPORT_CACHE_TTL_MS, an age the answer does not
 * carry), so no longer lifetime would be true for every answer; a client revalidates, and a
 * revalidation whose data did not change costs a 304 instead of the body. `private` when API
 * keys are on, `public` otherwise. POSTs are untouched (not cacheable); mutations are refused over
 * GET by Yoga (405) before any of this.
 */
export function useGetCaching(options: GetCachingOptions): Plugin {
  const errored = new WeakSet<Request>();
  const scope = options.private ? 'private' : 'public';
  let page: { body: string; etag: string } | undefined;
  return {
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
        headers.set('cache-control', `${scope}, max-age=0, must-revalidate`);
        appendVary(headers);
        // The same URL answers GraphiQL or JSON, and JSON in two media types, by `Accept`.
        headers.append('vary', 'Accept');
        if (options.private) headers.append('vary', 'Authorization, X-API-Key');
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
