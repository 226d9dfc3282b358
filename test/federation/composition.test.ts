import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { buildSchema, type GraphQLObjectType, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  billingSubgraph,
  type Composer,
  compose,
  gatewaySubgraph,
} from '../../scripts/supergraph-compose.js';

// The gateway composes as a Federation v2 subgraph with both composers: alone, with the example
// billing subgraph (Customer by email, Feedback by id), and beside another relay-style subgraph
// with its own Node types, node field and PageInfo.

const relay = {
  name: 'orders',
  url: 'http://orders.test/graphql',
  sdl: readFileSync(
    new URL('../fixtures/federation/relay-subgraph.graphql', import.meta.url),
    'utf8',
  ),
};

/** The API a supergraph serves its clients: inaccessible elements removed. */
function publicSchema(supergraphSdl: string) {
  return buildSchema(print(transformSupergraphToPublicSchema(parse(supergraphSdl))));
}

const COMPOSERS: Composer[] = ['guild', 'apollo'];

describe.each(COMPOSERS)('composition with %s', (composer) => {
  it('composes the gateway alone with no error', () => {
    const result = compose(composer, [gatewaySubgraph()]);
    expect(result.errors).toEqual([]);
    const api = publicSchema((result as { supergraphSdl: string }).supergraphSdl);
    expect(Object.keys((api.getType('Customer') as GraphQLObjectType).getFields())).toContain(
      'latestNps',
    );
  });

  it('composes with the billing subgraph: Invoice.customer reaches the gateway fields', () => {
    const result = compose(composer, [gatewaySubgraph(), billingSubgraph()]);
    expect(result.errors).toEqual([]);
    const sdl = (result as { supergraphSdl: string }).supergraphSdl;
    // Customer is an entity of both, joined by email; Feedback by id.
    expect(sdl).toMatch(/type Customer[^{]*@join__type\(graph: BILLING, key: "email"\)/);
    expect(sdl).toMatch(/type Customer[^{]*@join__type\(graph: FEEDBACK, key: "email"\)/);
    expect(sdl).toMatch(/type Feedback[^{]*@join__type\(graph: FEEDBACK, key: "id"\)/);
    const api = publicSchema(sdl);
    const customer = (api.getType('Customer') as GraphQLObjectType).getFields();
    expect(Object.keys(customer)).toEqual(
      expect.arrayContaining(['invoices', 'name', 'latestNps']),
    );
    const invoice = (api.getType('Invoice') as GraphQLObjectType).getFields();
    expect(String(invoice.dispute?.type)).toBe('Feedback');
  });

  it('composes beside another subgraph with its own Node types, node field and PageInfo', () => {
    const result = compose(composer, [gatewaySubgraph(), billingSubgraph(), relay]);
    expect(result.errors).toEqual([]);
    const api = publicSchema((result as { supergraphSdl: string }).supergraphSdl);
    // The gateway's node/nodes decode only its own ids: hidden from the supergraph's API.
    const query = api.getQueryType()!.getFields();
    expect(query.node).toBeUndefined();
    expect(query.nodes).toBeUndefined();
    expect(query.invoices).toBeDefined();
    expect(query.customers).toBeDefined();
    const node = api.getPossibleTypes(api.getType('Node') as never).map((t) => t.name);
    expect(node).toEqual(expect.arrayContaining(['Order', 'Feedback', 'Customer']));
  });
});

describe('npm run supergraph', () => {
  it('prints the supergraph of the gateway and the billing example, with their routing URLs', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      [
        'tsx',
        'scripts/supergraph.ts',
        '--composer',
        'apollo',
        '--gateway-url',
        'http://fb.test/graphql',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout).toMatch(
      /FEEDBACK @join__graph\(name: "feedback", url: "http:\/\/fb\.test\/graphql"\)/,
    );
    expect(stdout).toMatch(
      /BILLING @join__graph\(name: "billing", url: "http:\/\/localhost:4001\/graphql"\)/,
    );
    expect(() => publicSchema(stdout)).not.toThrow();
  }, 60_000);
});
