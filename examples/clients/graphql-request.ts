// graphql-request with the typed documents of codegen's client preset (schema/generated): the
// variables and the result are typed from the operation, nothing written by hand.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GraphQLClient } from 'graphql-request';
import { Customer360Document } from '../../schema/generated/graphql.js';

export async function customerEmails(url: string, first: number): Promise<string[]> {
  const client = new GraphQLClient(url);
  const data = await client.request(Customer360Document, { first });
  return data.customers?.nodes.map((customer) => customer.email) ?? [];
}

/**
 * The same typed document by its persisted id (`__meta__.hash`, the key in
 * schema/generated/persisted-documents.json): what a gateway with PERSISTED_DOCUMENTS=only runs.
 */
export async function persisted<Result, Variables>(
  url: string,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const documentId = (document as unknown as { __meta__: { hash: string } }).__meta__.hash;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ documentId, variables }),
  });
  const body = (await response.json()) as { data?: Result; errors?: { message: string }[] };
  if (!body.data) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body.data;
}
