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

/**
 * Where the vendors' docs can be read two ways, the sandbox serves either (the gateway must be
 * exact under both); each switch is off by default: the first reading below.
 */
export interface SandboxReadings {
  /**
   * Userlane's page endpoints (HEART, NPS, Surveys, Tags): the parameter table allows `limit` up
   * to 5000, the prose says pages hold "up to 1,000 records". Set (e.g. 1000): pages are cut to
   * this many records whatever `limit` asks, and page `p` starts at `(p - 1) × min(limit, cap)`.
   */
  userlanePageCap?: number;
  /** UserLoop `GET /responses` documents no `question_id`: set, it ignores the parameter. */
  userloopIgnoresQuestionId?: boolean;
  /** UserHero's `userEmail` filter is "exact match": set, casing counts too (else ignored). */
  userheroExactEmail?: boolean;
}

export interface VendorContext {
  /** The readings of ambiguous docs this sandbox serves. */
  readings: SandboxReadings;
  /** The sandbox's "today"; all data is dated relative to it. */
  now: Date;
  /** Deterministic random source for this vendor (seeded per vendor). */
  random: () => number;
  /** Volume multiplier: 1 for tests and `npm start`, 100+ for benchmarks. */
  scale: number;
  people: readonly Person[];
  companies: readonly Company[];
}
