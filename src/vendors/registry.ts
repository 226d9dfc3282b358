import type { VendorName } from '../transport/types.js';
import type { VendorEntry } from './entry.js';
import { planhat } from './planhat/index.js';
import { userhero } from './userhero/index.js';
import { userlane } from './userlane/index.js';
import { userloop } from './userloop/index.js';

/**
 * Every vendor behind the gateway, in the order they are listed (readiness, `vendors`, `Source`).
 * Adding one: its folder with an `index.ts` entry, one line here, its name in `VendorName`
 * (src/transport/types.ts); see "Adding a vendor" in the README.
 */
export const VENDORS = [userlane, userloop, userhero, planhat] as const;

export type RegisteredVendor = (typeof VENDORS)[number];
type EntryOf<N extends VendorName> = Extract<RegisteredVendor, { name: N }>;

/** A vendor's parsed configuration and its client, by name. */
export type VendorConfigOf<N extends VendorName> = NonNullable<
  ReturnType<EntryOf<N>['parseConfig']>
>;
export type VendorClientOf<N extends VendorName> = ReturnType<EntryOf<N>['client']>;
export type VendorConfigs = { [N in VendorName]: VendorConfigOf<N> | undefined };
export type VendorClients = { [N in VendorName]: VendorClientOf<N> | undefined };

/** The `Source` enum's values, in registry order. */
export type VendorSource = RegisteredVendor['source'];
export const VENDOR_SOURCES: readonly VendorSource[] = VENDORS.map((v) => v.source);

// The transport's `VendorName` union and the registry must name the same vendors: either one
// without the other fails to compile here (the transport cannot import the registry).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const NAMES_AGREE: Same<RegisteredVendor['name'], VendorName> = true;
void NAMES_AGREE;

const BY_NAME = new Map<VendorName, VendorEntry>(VENDORS.map((v) => [v.name, v]));

/** The registry entry of a vendor. */
export function vendorEntry<N extends VendorName>(name: N): EntryOf<N> {
  return BY_NAME.get(name) as EntryOf<N>;
}

/** The `Source` enum's values with their descriptions, as Pothos's `enumType` takes them. */
export const SOURCE_VALUES = Object.fromEntries(
  VENDORS.map((v) => [v.source, { value: v.source, description: v.sourceDescription }]),
) as { [E in RegisteredVendor as E['source']]: { value: E['source']; description: string } };

/** "four" for `Query.vendors`' description ("The four vendors behind the graph…"). */
export const VENDOR_COUNT_WORD =
  ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][VENDORS.length] ??
  String(VENDORS.length);

/** The vendor a `Source` value names. */
export function vendorOfSource(source: VendorSource): VendorName {
  return VENDORS.find((v) => v.source === source)!.name;
}
