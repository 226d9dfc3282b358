// urql sends queries as GET by default (`preferGetMethod: 'within-url-limit'`); a GET is what a
// browser may send cross-site without a preflight, so the gateway's CSRF prevention needs a
// non-empty `GraphQL-Require-Preflight` header on it (mutations go as JSON POSTs and pass).
import { Client, fetchExchange } from '@urql/core';

export function createUrqlClient(url: string, fetchImpl: typeof fetch = fetch) {
  return new Client({
    url,
    exchanges: [fetchExchange],
    fetch: fetchImpl,
    fetchOptions: { headers: { 'GraphQL-Require-Preflight': '1' } },
  });
}
