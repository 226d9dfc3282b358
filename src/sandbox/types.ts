// Contracts between the sandbox harness (HTTP servers, request log, faults) and the per-vendor
// simulators, which are plain request → response functions over their own in-memory state.

export type SandboxVendor = 'userlane' | 'userloop' | 'userhero' | 'planhat';

export interface SandboxRequest {
  method: string;
  /** Path relative to the vendor's base path, e.g. `/feedback/fb_1` for UserHero. Not decoded. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The whole body (the harness buffers it). */
  body: Buffer;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** A Buffer or string is sent as is; anything else is JSON-encoded; undefined sends no body. */
  body?: unknown;
}

export interface VendorApp {
  handle(req: SandboxRequest): SandboxResponse | Promise<SandboxResponse>;
}

/** A person of the seeded company: the same human across all four vendors, joined by email. */
export interface Person {
  /** Lower-cased canonical email. Vendors may spell it with other casing. */
  email: string;
  name: string;
  company: Company;
  role: string;
  region: string;
  department: string;
  /** Userlane ids (through the user directory CSV). */
  userlaneUserId: string;
  applicationUserId: string;
}

export interface Company {
  /** Planhat company id (24 hex chars, like a Mongo objectId). */
  id: string;
  name: string;
}

export interface VendorContext {
  /** The sandbox's "today"; all data is dated relative to it. */
  now: Date;
  /** Deterministic random source for this vendor (seeded per vendor). */
  random: () => number;
  /** Volume multiplier: 1 for tests and `npm start`, 100+ for benchmarks. */
  scale: number;
  people: readonly Person[];
  companies: readonly Company[];
}
