import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LIMIT_DEFAULTS } from '../../src/config.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { expectNoSecrets, HEART, send } from './support.js';

// Every limit refuses before execution: a clear error naming the limit and by how much it is
// over, a 4xx, and not one vendor call.

let gw: TestGateway;
const bodies: string[] = [];

beforeAll(async () => {
  gw = await startTestGateway({
    env: {
      GRAPHQL_MAX_DEPTH: '6',
      GRAPHQL_MAX_ALIASES: '3',
      GRAPHQL_MAX_TOKENS: '200',
      GRAPHQL_MAX_COST: '300',
      GRAPHQL_MAX_BODY_BYTES: '4000',
    },
  });
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(async () => {
  expectNoSecrets(gw, bodies);
  await gw.close();
});

async function refused(query: string, variables?: Record<string, unknown>) {
  const res = await gw.query(query, variables);
  bodies.push(res.body);
  expect(gw.sandbox.log.count()).toBe(0);
  expect(res.data ?? null).toBeNull();
  return res;
}

describe('limits before execution', () => {
  it('answers a query within every limit', async () => {
    const res = await gw.query(`{ ${HEART} }`);
    expect(res.errors).toEqual([]);
    expect(gw.sandbox.log.count({ vendor: 'userlane' })).toBe(1);
  });

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH, saying by how much', async () => {
    const res = await refused(
      '{ workspaces { projects { nodes { widgets { nodes { project { workspace { name } } } } } } } }',
    );
    expect(res.status).toBe(400);
    expect(res.errors[0]?.message).toBe(
      'Query depth: 8, over the limit of 6 by 2 (GRAPHQL_MAX_DEPTH); select fewer nested levels.',
    );
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'depth',
      max: 6,
      actual: 8,
    });
  });

  it('counts depth through fragments, and lets GraphiQL introspect', async () => {
    const res = await refused(
      `{ workspaces { ...P } }
       fragment P on Workspace { projects { nodes { widgets { nodes { project { workspace { name } } } } } } }`,
    );
    expect(res.errors[0]?.extensions).toMatchObject({ limit: 'depth', actual: 8 });
    const introspection = await gw.query(INTROSPECTION_SHAPE);
    expect(introspection.errors).toEqual([]);
  });

  it('refuses more aliases than GRAPHQL_MAX_ALIASES', async () => {
    const res = await refused(
      '{ a: vendors { source } b: vendors { source } c: vendors { source } d: vendors { source } }',
    );
    expect(res.status).toBe(400);
    expect(res.errors[0]?.message).toMatch(
      /^Aliased fields: 4, over the limit of 3 by 1 \(GRAPHQL_MAX_ALIASES\)/,
    );
  });

  it('refuses a document of more tokens than GRAPHQL_MAX_TOKENS before parsing it', async () => {
    const fields = Array.from({ length: 250 }, () => '__typename').join(' ');
    const res = await refused(`{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(res.errors[0]?.extensions).toMatchObject({ limit: 'tokens', max: 200, actual: 252 });
    expect(res.errors[0]?.message).toContain('over the limit of 200 by 52 (GRAPHQL_MAX_TOKENS)');
  });

  it('refuses a query whose connection sizes multiply past GRAPHQL_MAX_COST', async () => {
    // 2 for the UserHero customers page + 100 customers x 3 NPS sources = 302 weighted calls.
    const query = `query($n: Int) { customers(first: $n) { nodes { email npsResponses(first: 5) { nodes { score } } } } }`;
    const res = await refused(query, { n: 100 });
    expect(res.status).toBe(400);
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'cost',
      max: 300,
      actual: 302,
    });
    expect(res.errors[0]?.message).toContain('(GRAPHQL_MAX_COST)');
    // The same query with a smaller page is within the limit and runs.
    const small = await gw.query(query, { n: 2 });
    expect(small.errors).toEqual([]);
  });

  it('weighs UserHero calls double: its 100 a minute are the scarcest', async () => {
    // customers: 2 + 100 x (feedback connection, 2 for UserHero) = 202; x 2 through aliases.
    const res =
      await refused(`{ a: customers(first: 100) { nodes { feedback(first: 1) { nodes { feedbackId } } } }
      b: customers(first: 100) { nodes { feedback(first: 1) { nodes { feedbackId } } } } }`);
    expect(res.errors[0]?.extensions).toMatchObject({ limit: 'cost', actual: 404 });
  });

  it('refuses a body over GRAPHQL_MAX_BODY_BYTES with 413, with or without a Content-Length', async () => {
    const body = JSON.stringify({ query: `{ ${HEART} }`, variables: { pad: 'x'.repeat(5000) } });
    const declared = await send(gw, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
    bodies.push(declared.text);
    expect(declared.status).toBe(413);
    expect(declared.json?.errors?.[0]?.message).toBe(
      `Request body bytes: ${body.length}, over the limit of 4000 by ${body.length - 4000} (GRAPHQL_MAX_BODY_BYTES); send a smaller request.`,
    );
    const streamed = await send(gw, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.json?.errors?.[0]?.extensions).toMatchObject({ limit: 'body', max: 4000 });
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('refuses batched requests while batching is off', async () => {
    const res = await send(gw, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: `{ ${HEART} }` }, { query: `{ ${HEART} }` }]),
    });
    expect(res.status).toBe(400);
    expect(res.json?.errors?.[0]?.message).toContain('GRAPHQL_MAX_BATCH=1');
    expect(gw.sandbox.log.count()).toBe(0);
  });
});

describe('batching, when turned on', () => {
  it('answers up to GRAPHQL_MAX_BATCH operations and refuses more, saying by how much', async () => {
    const batching = await startTestGateway({ env: { GRAPHQL_MAX_BATCH: '2' } });
    try {
      const two = await send(batching, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ vendors { source } }' }, { query: `{ ${HEART} }` }]),
      });
      expect(two.status).toBe(200);
      expect(JSON.parse(two.text)).toHaveLength(2);
      batching.sandbox.log.clear();
      const three = await send(batching, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([1, 2, 3].map(() => ({ query: `{ ${HEART} }` }))),
      });
      expect(three.status).toBe(400);
      expect(three.json?.errors?.[0]?.message).toMatch(
        /^Operations in the batch: 3, over the limit of 2 by 1 \(GRAPHQL_MAX_BATCH\)/,
      );
      expect(batching.sandbox.log.count()).toBe(0);
    } finally {
      await batching.close();
    }
  });
});

describe('defaults', () => {
  it('are documented in the README with the values the code uses', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(Object.keys(LIMIT_DEFAULTS).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(LIMIT_DEFAULTS)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      expect(row?.replace(/[ ,_]/g, ''), name).toContain(`default${value}`);
    }
  });
});

/** GraphiQL's introspection nests `ofType` seven deep; that does not count as depth. */
const INTROSPECTION_SHAPE = `{ __schema { types { name fields { name args { name type { ...T } } type { ...T } } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType {
    kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`;
