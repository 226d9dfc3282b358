// Whether a source knows an email: a person who answered Planhat's NPS or a UserLoop survey
// within the default NPS window. The checks read the same range exports the NPS summaries read,
// so a request asking both pays for one read of each.
import type { DateRange } from '../domain/date-range.js';
import type { Indexed } from '../domain/nps-exports.js';
import { defaultNpsRange } from '../domain/nps-range.js';

/** Cheapest first: Planhat reads one list, UserLoop one list per survey. */
export function identityEvidence(
  planhatNps: (range: DateRange) => Promise<Indexed<unknown>>,
  userloopResponses: (range: DateRange) => Promise<Indexed<unknown>>,
): ((email: string) => Promise<boolean>)[] {
  const window = () => defaultNpsRange(new Date());
  return [
    async (email: string) => (await planhatNps(window())).byEmail.has(email),
    async (email: string) => (await userloopResponses(window())).byEmail.has(email),
  ];
}
