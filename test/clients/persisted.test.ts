import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Customer360Document, NpsTrendDocument } from '../../schema/generated/graphql.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// Persisted documents (ids from codegen's manifest) and automatic persisted queries (APQ), as
// Apollo's PersistedQueryLink speaks them.

const MANIFEST_FILE = 'schema/generated/persisted-documents.json';
const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as Record<string, string>;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const idOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;

async function post(gw: TestGateway, body: unknown, headers: Record<string, string> = {}) {
  const response = await gw.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

async function get(gw: TestGateway, params: Record<string, string>) {
  const query = new URLSearchParams(params).toString();
  const response = await gw.yoga.fetch(`http://gateway.test/graphql?${query}`, {
    headers: { 'graphql-require-preflight': '1', accept: 'application/json' },
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe('the manifest', () => {
  it('maps each id to its document by the SHA-256 of the document, one per operation', () => {
    const entries = Object.entries(manifest);
    expect(entries.length).toBe(7);
    for (const [id, document] of entries) expect(id).toBe(`sha256:${sha256(document)}`);
    // Each generated typed document carries its id.
    expect(manifest[idOf(Customer360Document)]).toMatch(/^query Customer360\b/);
    expect(manifest[idOf(NpsTrendDocument)]).toMatch(/^query NpsTrend\b/);
  });
});

describe('persisted documents (PERSISTED_DOCUMENTS=allow, the default)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { PERSISTED_DOCUMENTS_FILE: MANIFEST_FILE } });
  });
  beforeEach(() => gw.sandbox.log.clear());
  afterAll(() => gw.close());

  it('executes {"documentId"} from the manifest, as the same document sent in full would', async () => {
    const id = idOf(Customer360Document);
    const byId = await post(gw, { documentId: id, variables: { first: 3 } });
    expect(byId.status).toBe(200);
    expect(byId.json.errors).toBeUndefined();
    expect(byId.json.data.customers.nodes).toHaveLength(3);
    const full = await post(gw, { query: manifest[id], variables: { first: 3 } });
    expect(byId.json).toEqual(full.json);
  });

  it('executes a documentId sent over GET', async () => {
    const res = await get(gw, {
      documentId: idOf(Customer360Document),
      variables: JSON.stringify({ first: 2 }),
    });
    expect(res.status).toBe(200);
    expect(res.json.data.customers.nodes).toHaveLength(2);
  });

  it('still executes any other document', async () => {
    const res = await post(gw, { query: '{ vendors { source } }' });
    expect(res.json.data.vendors).toHaveLength(4);
  });

  it('answers an unknown id with a clear error and no vendor call', async () => {
    const res = await post(gw, {
      documentId: `sha256:${sha256('query X { vendors { source } }')}`,
    });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    expect(res.json.errors[0].message).toMatch(/not in this gateway's manifest/);
    expect(gw.sandbox.log.entries()).toEqual([]);
  });

  it('asks for a query or a documentId when a request has neither', async () => {
    const res = await post(gw, { variables: {} });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toMatch(/"query", or a "documentId"/);
  });
});

describe('PERSISTED_DOCUMENTS=only (the allow-list)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { PERSISTED_DOCUMENTS: 'only', PERSISTED_DOCUMENTS_FILE: MANIFEST_FILE },
    });
  });
  beforeEach(() => gw.sandbox.log.clear());
  afterAll(() => gw.close());

  it('executes the manifest documents by id', async () => {
    const res = await post(gw, { documentId: idOf(Customer360Document), variables: { first: 1 } });
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.customers.nodes).toHaveLength(1);
  });

  it('refuses any document sent as a query, even one in the manifest, before any vendor call', async () => {
    for (const query of ['{ vendors { source } }', manifest[idOf(Customer360Document)]]) {
      const res = await post(gw, { query });
      expect(res.status).toBe(403);
      expect(res.json.data).toBeUndefined();
      expect(res.json.errors[0].extensions.code).toBe('PERSISTED_DOCUMENTS_ONLY');
      expect(res.json.errors[0].message).toMatch(/PERSISTED_DOCUMENTS=only.*documentId/);
    }
    expect(gw.sandbox.log.entries()).toEqual([]);
  });

  it('never registers an APQ query: the retry with the query is refused too', async () => {
    const query = '{ vendors { source } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const first = await post(gw, { extensions });
    expect(first.json.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    const retry = await post(gw, { query, extensions });
    expect(retry.json.errors[0].extensions.code).toBe('PERSISTED_DOCUMENTS_ONLY');
    expect((await post(gw, { extensions })).json.errors[0].extensions.code).toBe(
      'PERSISTED_DOCUMENT_NOT_FOUND',
    );
  });

  it('executes a manifest document by its APQ hash', async () => {
    const id = idOf(Customer360Document);
    const extensions = { persistedQuery: { version: 1, sha256Hash: id.slice('sha256:'.length) } };
    const res = await post(gw, { extensions, variables: { first: 1 } });
    expect(res.json.data.customers.nodes).toHaveLength(1);
  });

  it('refuses to start without a manifest', async () => {
    await expect(
      startTestGateway({
        env: { PERSISTED_DOCUMENTS: 'only', PERSISTED_DOCUMENTS_FILE: 'no/such/file.json' },
      }),
    ).rejects.toThrow(/PERSISTED_DOCUMENTS_FILE must be an existing file/);
  });
});

describe('automatic persisted queries', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { APQ_MAX_DOCUMENTS: '2' } });
  });
  afterAll(() => gw.close());

  const apq = (query: string) => ({
    persistedQuery: { version: 1, sha256Hash: sha256(query) },
  });

  it('answers an unknown hash PersistedQueryNotFound, registers it on retry, then runs the hash alone', async () => {
    const query = '{ vendors { source enabled } }';
    const miss = await post(gw, { extensions: apq(query) });
    expect(miss.status).toBe(200);
    expect(miss.json.errors).toEqual([
      { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    ]);
    const register = await post(gw, { query, extensions: apq(query) });
    expect(register.json.data.vendors).toHaveLength(4);
    const hit = await post(gw, { extensions: apq(query) });
    expect(hit.json).toEqual(register.json);
    // Over GET too (Apollo's useGETForHashedQueries).
    const overGet = await get(gw, { extensions: JSON.stringify(apq(query)) });
    expect(overGet.json).toEqual(register.json);
  });

  it('refuses a hash that is not the SHA-256 of the query sent with it', async () => {
    const res = await post(gw, { query: '{ vendors { source } }', extensions: apq('{ other }') });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_MISMATCH');
  });

  it('keeps at most APQ_MAX_DOCUMENTS documents, least recently used dropped', async () => {
    const queries = [
      '{ a: vendors { source } }',
      '{ b: vendors { source } }',
      '{ c: vendors { source } }',
    ];
    for (const query of queries) await post(gw, { query, extensions: apq(query) });
    const codes = await Promise.all(
      queries.map(
        async (q) =>
          (await post(gw, { extensions: apq(q) })).json.errors?.[0]?.extensions.code ?? 'OK',
      ),
    );
    expect(codes).toEqual(['PERSISTED_QUERY_NOT_FOUND', 'OK', 'OK']);
  });
});
