// Shared by the UserHero mutation tests: the requests the simulator received, records picked from
// its live data, and GraphQL multipart requests (the upload spec) built by hand.
import { expect } from 'vitest';
import type { LogEntry } from '../../src/sandbox/request-log.js';
import type { Project, Workspace } from '../../src/sandbox/userhero/model.js';
import type { GraphQLResult, TestGateway } from '../support/gateway.js';
import { mainWorkspace } from './userhero-fixtures.js';

/** The requests UserHero received, optionally only one method and path. */
export function received(gw: TestGateway, method?: string, path?: string | RegExp): LogEntry[] {
  return gw.sandbox.log.entries({ vendor: 'userhero', method, path });
}

export function userheroCallCount(gw: TestGateway): number {
  return gw.sandbox.log.count({ vendor: 'userhero' });
}

export function data(gw: TestGateway) {
  return gw.sandbox.seed.userhero.data;
}

/** A project of the main workspace, picked from the data. */
export function mainProject(gw: TestGateway, keep: (p: Project) => boolean = () => true): Project {
  const ws = mainWorkspace(gw);
  const project = [...data(gw).projects.values()].find((p) => p.workspaceId === ws && keep(p));
  if (!project) throw new Error('no such project in the seed');
  return project;
}

/** The seeded workspace whose API access is off (UserHero answers 403 for it). */
export function forbiddenWorkspace(gw: TestGateway): Workspace {
  const found = [...data(gw).workspaces.values()].find((w) => !w.apiAccessEnabled);
  if (!found) throw new Error('no workspace without API access in the seed');
  return found;
}

/** The one error of a refused mutation, with its code and message parts. */
export function expectRefused(
  gw: TestGateway,
  result: GraphQLResult<unknown>,
  code: string,
  ...inMessage: string[]
): { message: string; extensions?: Record<string, unknown> } {
  expect(result.errors, result.body).toHaveLength(1);
  const [error] = result.errors;
  expect(error?.extensions?.code, result.body).toBe(code);
  for (const text of inMessage) expect(error?.message).toContain(text);
  // The gateway's own refusals come before any call; the vendor's carry `vendor`.
  if (code === 'BAD_USER_INPUT' && error?.extensions?.vendor === undefined) {
    expect(userheroCallCount(gw)).toBe(0);
  }
  return error!;
}

export interface UploadPart {
  /** Where the file goes in the variables, e.g. `variables.file`. */
  path: string;
  name: string;
  type: string;
  data: Uint8Array;
}

/** A GraphQL multipart request (operations, map, then the files), as Apollo's upload link sends it. */
export async function uploadRequest<T>(
  gw: TestGateway,
  query: string,
  variables: Record<string, unknown>,
  files: UploadPart[],
): Promise<GraphQLResult<T>> {
  const boundary = '----gatewaytestZq7Xk2';
  const chunks: Uint8Array[] = [];
  const part = (headers: string, body: Uint8Array | string) => {
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`));
    chunks.push(typeof body === 'string' ? Buffer.from(body) : body);
    chunks.push(Buffer.from('\r\n'));
  };
  const map = Object.fromEntries(files.map((f, i) => [String(i), [f.path]]));
  part('Content-Disposition: form-data; name="operations"', JSON.stringify({ query, variables }));
  part('Content-Disposition: form-data; name="map"', JSON.stringify(map));
  files.forEach((f, i) =>
    part(
      `Content-Disposition: form-data; name="${i}"; filename="${f.name}"\r\nContent-Type: ${f.type}`,
      f.data,
    ),
  );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const response = await gw.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      // The gateway's CSRF prevention asks multipart requests to prove they are not a form post.
      'graphql-require-preflight': '1',
    },
    body: Buffer.concat(chunks),
  });
  const body = await response.text();
  const json = JSON.parse(body) as { data?: T; errors?: GraphQLResult<T>['errors'] };
  return { status: response.status, data: json.data, errors: json.errors ?? [], body };
}
