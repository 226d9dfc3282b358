// Range exports are indexed by respondent email once, since the summaries, per-customer reads and
// identity checks that share an export all look records up by email.
import type { Indexed } from '../domain/nps-exports.js';

export function index<T>(records: T[], email: (record: T) => string | null): Indexed<T> {
  const byEmail = new Map<string, T[]>();
  for (const record of records) {
    const key = email(record);
    if (!key) continue;
    const list = byEmail.get(key);
    if (list) list.push(record);
    else byEmail.set(key, [record]);
  }
  return { records, byEmail };
}

/** Arrays that can key derived values (DerivedCache needs at least one owner). */
export const isOwners = <T>(arrays: T[][]): arrays is [T[], ...T[][]] => arrays.length > 0;
