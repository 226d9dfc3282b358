import type { VendorHttp, VendorName, VendorProfile } from '../transport/types.js';
import type { Env } from './env.js';

/** Gateway-wide settings (src/config.ts) a vendor's entry may read when its transport is built. */
export interface VendorSettings {
  userheroRateLimit: number;
}

/**
 * Everything the gateway knows about one vendor, in one place (`src/vendors/<name>/index.ts`);
 * `src/vendors/registry.ts` lists the entries and config, services, errors and cost loop over it.
 * `C` is the vendor's parsed configuration, `K` its client.
 */
export interface VendorEntry<N extends VendorName = VendorName, C = unknown, K = unknown> {
  readonly name: N;
  /** How people name the vendor (docs, messages). */
  readonly displayName: string;
  /** Its value of the GraphQL `Source` enum, and that value's description. */
  readonly source: Uppercase<N>;
  readonly sourceDescription: string;
  /** The variable whose presence enables the vendor (and turns SANDBOX=auto off). */
  readonly credentialVariable: string;
  /** Its base URL variable and the documented default. */
  readonly baseUrl: { readonly variable: string; readonly default: string };
  /** Every variable the entry reads, for docs and tests. */
  readonly variables: readonly string[];
  /** Its configuration, or undefined when not configured; a ConfigError when it cannot work. */
  parseConfig(env: Env): C | undefined;
  /** What the shared transport needs: base URL, auth headers, error parsing. */
  profile(config: C): VendorProfile;
  client(http: VendorHttp, config: C): K;
  /** The cheapest call that proves the vendor answers with our credentials (/ready). */
  probe(client: K, signal: AbortSignal): Promise<unknown>;
  /** Relative price of one call in the cost analysis (src/cost/rules.ts VENDOR_WEIGHTS). */
  readonly costWeight: number;
  /** A rate limit the vendor publishes, counted by the transport's budget; none by default. */
  budget?(settings: VendorSettings): { limit: number; windowMs: number };
}

/** Types an entry, keeping its name, configuration and client types precise. */
export function defineVendor<N extends VendorName, C, K>(
  entry: VendorEntry<N, C, K>,
): VendorEntry<N, C, K> {
  return entry;
}
