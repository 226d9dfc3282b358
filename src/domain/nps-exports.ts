// The shapes of the whole-range NPS exports. They are data, not behaviour: services' caches hold
// them, loaders/exports.ts fills them and lists/nps.ts pages through them, so they live here,
// below all three, rather than in any one of them.
import type { NpsRecord } from './nps.js';

export interface Indexed<T> {
  records: T[];
  byEmail: Map<string, T[]>;
}

/**
 * Planhat's NPS list as a range export read it, position for position: the slots of the pages
 * read in the vendor's order (null where a record did not map), whether the list ended within
 * them, and the records of the range. Planhat takes no range end, so the list leads with answers
 * after it, and its last page reaches past the range start.
 */
export interface PlanhatNpsRead {
  /**
   * How many slots lead the list before the range (answers after its end, or unmapped): only
   * counted, so a past range's copy does not hold every newer answer.
   */
  head: number;
  /** The slots after the head, in the vendor's order. */
  slots: (NpsRecord | null)[];
  ended: boolean;
  inRange: Indexed<NpsRecord>;
}
