import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gql } from '@apollo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApolloClient } from '../../examples/clients/apollo.js';
import { customerEmails, persisted } from '../../examples/clients/graphql-request.js';
import { createUrqlClient } from '../../examples/clients/urql.js';
import { Customer360Document } from '../../schema/generated/graphql.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { listen } from '../support/raw-http.js';

// The README's Clients section, run: each example in examples/ against a real server, and the
// README's snippets are the examples' own lines.

interface Sent {
  method: string;
  url: string;
  body: string | undefined;
}

/** fetch, recording what each client library actually sends. */
function recording(): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const wrapped: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    sent.push({
      method: init?.method ?? 'GET',
      url,
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    return fetch(input, init);
  };
  return { fetch: wrapped, sent };
}

let gw: TestGateway;
let server: Awaited<ReturnType<typeof listen>>;
let url: string;
beforeAll(async () => {
  gw = await startTestGateway();
  server = await listen(gw);
  url = `http://127.0.0.1:${server.port}/graphql`;
});
afterAll(async () => {
  await server.close();
  await gw.close();
});

const CUSTOMERS = gql`
  query Customers($first: Int!, $after: String) {
    customers(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          email
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

type CustomersData = {
  customers: {
    edges: { cursor: string; node: { email: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('Apollo Client', () => {
  it('merges pages of customers in the cache without gaps or duplicates', async () => {
    const client = createApolloClient(url);
    const first = await client.query<CustomersData>({ query: CUSTOMERS, variables: { first: 3 } });
    const cursor = first.data!.customers.pageInfo.endCursor;
    expect(first.data!.customers.edges).toHaveLength(3);
    // What `fetchMore` does: the next page from the network, merged by the type policy.
    await client.query<CustomersData>({
      query: CUSTOMERS,
      variables: { first: 3, after: cursor },
      fetchPolicy: 'network-only',
    });
    const merged = client.readQuery<CustomersData>({ query: CUSTOMERS, variables: { first: 3 } });
    const direct = await gw.query<CustomersData>(
      '{ customers(first: 6) { edges { node { email } } } }',
    );
    const emails = direct.data!.customers.edges.map((e) => e.node.email);
    expect(emails).toHaveLength(6);
    expect(merged!.customers.edges.map((e) => e.node.email)).toEqual(emails);
  });

  it('merges pages of the NPS feed (filtered) in the cache, the same as one long page', async () => {
    const client = createApolloClient(url);
    const FEED = gql`
      query Feed($first: Int!, $after: String, $filter: NpsFilter) {
        npsResponses(first: $first, after: $after, filter: $filter) {
          edges {
            cursor
            node {
              id
              score
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    `;
    type Feed = {
      npsResponses: {
        edges: { node: { id: string } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    };
    const filter = { categories: ['DETRACTOR'] };
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const res: { data?: Feed } = await client.query<Feed>({
        query: FEED,
        variables: { first: 4, after, filter },
        fetchPolicy: 'network-only',
      });
      after = res.data!.npsResponses.pageInfo.endCursor;
    }
    const merged = client.readQuery<Feed>({ query: FEED, variables: { first: 4, filter } });
    const direct = await gw.query<Feed>(
      'query($filter: NpsFilter) { npsResponses(first: 12, filter: $filter) { edges { node { id } } } }',
      { filter },
    );
    const ids = direct.data!.npsResponses.edges.map((e) => e.node.id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(merged!.npsResponses.edges.map((e) => e.node.id)).toEqual(ids);
  });

  it('sends the hash alone, the query once when asked for it, then the hash alone again', async () => {
    const { fetch: recorded, sent } = recording();
    const query = gql`
      query ApqVendors {
        vendors {
          source
          enabled
        }
      }
    `;
    const client = createApolloClient(url, recorded);
    const result = await client.query<{ vendors: unknown[] }>({ query });
    expect(result.data!.vendors).toHaveLength(4);
    const bodies = sent.map((s) => JSON.parse(s.body!) as { query?: string; extensions?: unknown });
    expect(bodies).toHaveLength(2);
    expect(bodies[0]!.query).toBeUndefined();
    expect(bodies[0]!.extensions).toHaveProperty('persistedQuery.sha256Hash');
    expect(bodies[1]!.query).toContain('ApqVendors');
    // Another client (another browser): the gateway knows the hash now.
    const later = recording();
    const again = await createApolloClient(url, later.fetch).query<{ vendors: unknown[] }>({
      query,
    });
    expect(again.data).toEqual(result.data);
    expect(later.sent).toHaveLength(1);
    expect(JSON.parse(later.sent[0]!.body!).query).toBeUndefined();
  });

  it('receives a deferred panel through @defer', async () => {
    const client = createApolloClient(url);
    const query = gql`
      query DeferredNps {
        vendors {
          source
        }
        ... @defer {
          npsSummary {
            responses
          }
        }
      }
    `;
    const result = await client.query<{ vendors: unknown[]; npsSummary?: { responses: number } }>({
      query,
    });
    expect(result.data!.vendors).toHaveLength(4);
    expect(result.data!.npsSummary?.responses).toBeGreaterThan(0);
  });
});

describe('urql', () => {
  it('sends queries as GET with the one header, and gets typed data', async () => {
    const { fetch: recorded, sent } = recording();
    const client = createUrqlClient(url, recorded);
    const result = await client.query(Customer360Document, { first: 2 }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.customers?.nodes).toHaveLength(2);
    expect(sent.map((s) => s.method)).toEqual(['GET']);
  });

  it('meets CSRF_PREVENTED on its GET without that header', async () => {
    const { Client, fetchExchange } = await import('@urql/core');
    const bare = new Client({ url, exchanges: [fetchExchange] });
    const result = await bare.query(Customer360Document, { first: 1 }).toPromise();
    expect(result.error?.graphQLErrors[0]?.extensions.code).toBe('CSRF_PREVENTED');
  });
});

describe('graphql-request with the client preset', () => {
  it('runs a typed document', async () => {
    const emails = await customerEmails(url, 3);
    expect(emails).toHaveLength(3);
    const direct = await gw.query<{ customers: { nodes: { email: string }[] } }>(
      '{ customers(first: 3, sort: LAST_SEEN_AT, order: DESC) { nodes { email } } }',
    );
    expect(emails).toEqual(direct.data!.customers.nodes.map((c) => c.email));
  });

  it('runs the same typed document by its persisted id on an allow-list gateway', async () => {
    const only = await startTestGateway({ env: { PERSISTED_DOCUMENTS: 'only' } });
    const onlyServer = await listen(only);
    try {
      const onlyUrl = `http://127.0.0.1:${onlyServer.port}/graphql`;
      const data = await persisted(onlyUrl, Customer360Document, { first: 2 });
      expect(data.customers?.nodes).toHaveLength(2);
      await expect(customerEmails(onlyUrl, 1)).rejects.toThrow(/PERSISTED_DOCUMENTS=only/);
    } finally {
      await onlyServer.close();
      await only.close();
    }
  });
});

describe('Relay', () => {
  it('relay-compiler compiles the example against schema/schema.graphql', () => {
    const dir = join('examples', 'relay');
    const out = join(dir, 'src', '__generated__');
    rmSync(out, { recursive: true, force: true });
    execFileSync(join(process.cwd(), 'node_modules', '.bin', 'relay-compiler'), [], {
      cwd: dir,
      stdio: 'pipe',
    });
    const artifact = join(out, 'CustomerListQuery.graphql.ts');
    expect(existsSync(artifact)).toBe(true);
    expect(readFileSync(artifact, 'utf8')).toContain('"CustomerList_customers"');
  });
});

describe('the README', () => {
  it("shows the examples' own lines in its Clients section", () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(
      readme.indexOf('## Clients'),
      readme.indexOf('\n## ', readme.indexOf('## Clients') + 5),
    );
    const blocks = [...section.matchAll(/```(ts|json)\n([\s\S]*?)```/g)].map((m) => m[2]!);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    const sources = [
      'examples/clients/apollo.ts',
      'examples/clients/urql.ts',
      'examples/clients/graphql-request.ts',
      'examples/relay/relay.config.json',
      'examples/relay/src/CustomerList.ts',
    ].map((file) => squash(readFileSync(file, 'utf8')));
    for (const block of blocks) {
      const lines = block
        .split('\n')
        .filter((line) => line.trim() && !line.trim().startsWith('// …'));
      const text = squash(lines.join('\n'));
      expect(
        sources.some((source) => source.includes(text)),
        text.slice(0, 120),
      ).toBe(true);
    }
  });
});
