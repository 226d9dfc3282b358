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

export interface VendorRequest {
  method: HttpMethod;
  /** Relative to the vendor base URL, starting with `/`; dynamic segments escaped by the caller. */
  path: string;
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
