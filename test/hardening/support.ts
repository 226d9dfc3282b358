import { expect } from 'vitest';
import type { TestGateway } from '../support/gateway.js';

export const VENDOR_SECRET_VARIABLES = [
  'USERLANE_API_TOKEN',
  'USERLOOP_API_KEY',
  'USERHERO_API_KEY',
  'PLANHAT_API_TOKEN',
] as const;

/** Every response body and log line seen holds none of the vendor secrets nor `extra` (API keys). */
export function expectNoSecrets(gw: TestGateway, bodies: readonly string[], extra: string[] = []) {
  const secrets = [
    ...VENDOR_SECRET_VARIABLES.map((name) => gw.sandbox.env[name] as string),
    ...extra,
  ];
  const output = [...bodies, ...gw.logLines].join('\n');
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(6);
    expect(output).not.toContain(secret);
  }
}

/** A raw request to the gateway's GraphQL endpoint; the body as text, JSON parsed when it is. */
export async function send(
  gw: TestGateway,
  init: RequestInit & { path?: string },
): Promise<{ status: number; headers: Headers; text: string; json: GraphQLBody | undefined }> {
  const response = await gw.yoga.fetch(`http://gateway.test${init.path ?? '/graphql'}`, init);
  const text = await response.text();
  let json: GraphQLBody | undefined;
  try {
    json = JSON.parse(text) as GraphQLBody;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export interface GraphQLBody {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export const HEART = `heartScores(range: { from: "2026-01-01", to: "2026-01-31" }, first: 2) { nodes { date } }`;
export const PLANHAT = `npsResponses(filter: { sources: [PLANHAT] }, first: 2) { nodes { score source } }`;
export const WORKSPACES = 'workspaces { name }';
