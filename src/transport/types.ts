import type { Readable } from 'node:stream';

// The vendors' names, here because the transport (the lowest layer) tags every call with one.
// src/vendors/registry.ts holds an entry per name and fails to compile unless both agree;
// test/vendors/registry.test.ts checks VENDOR_NAMES lists them in the registry's order.
export type VendorName = 'userlane' | 'userloop' | 'userhero' | 'planhat';
export const VENDOR_NAMES: readonly VendorName[] = ['userlane', 'userloop', 'userhero', 'planhat'];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Arrays repeat the parameter (`score=1&score=2`); null and undefined are left out. */
export type QueryValue =
  string | number | boolean | null | undefined | readonly (string | number)[];

// Only src/vendors/path.ts makes a VendorPath (through a cast): a hand-written pair could name
// another endpoint in its template than its path reaches.
declare const BUILT: unique symbol;

/**
 * A path with ids in it, as the `path` tag of src/vendors/path.ts builds it: what is sent, and
 * the endpoint it names with each id written `{id}`. Traces and logs name the endpoint, never the
 * ids (customer ids, webhook slugs): the template is known from how the path was built, not
 * guessed from what its segments look like.
 */
export interface VendorPath {
  /** Sent as is: each id escaped as one segment, e.g. `/feedback/fb_1/comments`. */
  readonly path: string;
  /** The literals with `{id}` for each id, e.g. `/feedback/{id}/comments`, `/nps/srcid-{id}`. */
  readonly template: string;
  readonly [BUILT]: true;
}

/**
 * A request's path, relative to the vendor base URL and starting with `/`: a string is a literal
 * (`/feedback`), its own template; a path with ids in it is a VendorPath, which travels whole. It
 * is no string, so the compiler refuses one where a string path is expected: taking `.path`
 * alone is the only way to drop its template, and is plain to see.
 */
export type RequestPath = string | VendorPath;

/** What goes on the wire. */
export function sentPath(path: RequestPath): string {
  return typeof path === 'string' ? path : path.path;
}

/** The endpoint without its ids, for traces and logs. */
export function pathTemplate(path: RequestPath): string {
  return typeof path === 'string' ? path : path.template;
}

export interface VendorRequest {
  method: HttpMethod;
  /** Sent after the base path; traces name its template. */
  path: RequestPath;
  query?: Record<string, QueryValue>;
  /** A JSON body. */
  json?: unknown;
  /** A raw body streamed as is (multipart uploads); never retried, as it cannot be replayed. */
  raw?: { contentType: string; body: Readable | AsyncIterable<Uint8Array>; length?: number };
  /** Forwarded as `Idempotency-Key`; only a POST that carries one may be retried. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Short name of the endpoint for logs and errors, e.g. `feedback.list`. */
  operation: string;
  /**
   * Another base path on the vendor's origin, instead of the base URL's (UserHero's incoming
   * webhooks live at `/api/hooks`, beside its `/api/v1`).
   */
  basePath?: string;
  /** Sent without the vendor's credentials: an endpoint that authenticates otherwise. */
  withoutAuth?: boolean;
  /** Request headers of the endpoint's own (never credentials of ours: those are the profile's). */
  headers?: Record<string, string>;
}

export interface VendorResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON; undefined for an empty body (204). */
  body: unknown;
}

/** What a vendor client sends its requests through: the shared transport, one per vendor. */
export interface VendorHttp {
  readonly vendor: VendorName;
  request(req: VendorRequest): Promise<VendorResponse>;
}

/** Per-vendor facts the transport needs; each vendor's client module owns its profile. */
export interface VendorProfile {
  vendor: VendorName;
  baseUrl: string;
  /** Auth headers; the values are secrets and never leave the transport. */
  authHeaders: () => Record<string, string>;
  /** The vendor's own error code and message from an error body (JSON or text); never throws. */
  parseError: (status: number, body: unknown) => { code?: string; message?: string };
  /** Seconds to wait before retrying, from vendor-specific headers (e.g. X-RateLimit-Reset). */
  retryAfterFromHeaders?: (headers: VendorResponse['headers'], now: number) => number | undefined;
}
