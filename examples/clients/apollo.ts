// Apollo Client 4 against the gateway: Relay-style pagination merged in the cache, automatic
// persisted queries (hash first, the query only when the gateway asks for it) and @defer.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';

/** SHA-256 hex with Web Crypto (browsers and Node 20 alike), as the APQ protocol hashes. */
async function sha256(query: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(query));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function createApolloClient(uri: string, fetchImpl: typeof fetch = fetch) {
  return new ApolloClient({
    link: new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri, fetch: fetchImpl })),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // One cached list per filter and sort; pages after `endCursor` are appended.
            customers: relayStylePagination(['filter', 'sort', 'order']),
            npsResponses: relayStylePagination(['filter']),
            feedback: relayStylePagination(['filter']),
          },
        },
        Customer: {
          fields: {
            npsResponses: relayStylePagination(['filter']),
            feedback: relayStylePagination(),
          },
        },
      },
    }),
    // The gateway answers @defer as multipart/mixed in the 2022-08-24 format (Yoga's).
    incrementalHandler: new Defer20220824Handler(),
  });
}
