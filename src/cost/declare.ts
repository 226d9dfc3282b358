import type { VendorName } from '../transport/types.js';
import type { Args, Calls } from './reads.js';

// A field's cost is declared where the field is defined, in its Pothos options:
// `t.field({ …, extensions: cost({ calls: 1 }) })`. The analysis (http/cost.ts) reads it from the
// built schema, so a renamed or moved field keeps its cost, and test/hardening/cost-declared.test.ts
// fails for any field that takes the request context (and so can call a vendor) without one.

export interface FieldCost {
  /** Calls nothing although it takes the context, and why (a directory, a CSV, an item's data). */
  free?: string;
  /**
   * Calls per item of this read (root fields and fields with arguments are reads of 1 unless
   * declared otherwise); a connection's page after a cursor reads twice as many.
   */
  calls?: number;
  /** The vendor its calls go to, where the field's type does not say (a person is anyone's). */
  vendor?: VendorName;
  /** An entity lookup, priced by its type (a container once per request, others per item). */
  lookup?: true;
  /** Federation's `_entities`: one lookup per representation, priced by its `__typename`. */
  representations?: true;
  /** A read of the item that several of its fields share: charged once per item for all. */
  itemRead?: { read: string; weight: number };
  /**
   * Request-wide reads the field uses (cost/reads.ts), each made once per request and range.
   * `backed`: the field makes no call but through them, so the larger of its per-item charge
   * and the reads is taken.
   */
  shared?: { reads: (args: Args) => string[]; backed: boolean };
  /** Calls that depend on the arguments: `first` is its page size, `paged` 1 or 2 (cursor). */
  byArguments?: (args: Args, first: number, paged: number) => Calls;
  /** Items of a plain list, where not the default 10. */
  listSize?: number;
}

/** The `extensions` of a field's options that declare its cost. */
export function cost(declared: FieldCost): { cost: FieldCost } {
  return { cost: declared };
}

/** The cost a built field declares, if any. */
export function declaredCost(
  extensions: Readonly<Record<string, unknown>> | null | undefined,
): FieldCost | undefined {
  return extensions?.cost as FieldCost | undefined;
}

/** Declarations used by many fields. */
export const READ: FieldCost = { calls: 1 };
export const LOOKUP: FieldCost = { lookup: true };
export const USERHERO_READ: FieldCost = { calls: 1, vendor: 'userhero' };
