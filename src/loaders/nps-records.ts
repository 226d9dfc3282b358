import type { NpsCountedRecord, NpsRecord } from '../domain/nps.js';
import { npsMatcher, type NpsQuery } from '../lists/nps.js';
import type { MetadataCaches } from '../services.js';
import type { ExportLoaders } from './exports.js';
import { stableKey } from './memo.js';
import { VendorError } from '../transport/vendor-error.js';

/**
 * What NPS records are read from: the request's exports and the cache of values derived from
 * them. The request context has this shape; naming only it keeps this module off the context.
 */
export interface NpsRecordReads {
  services: { caches: Pick<MetadataCaches, 'derived'> };
  loaders: { exports: ExportLoaders };
}

/** A source of a merged NPS read that failed, with its vendor's error. */
export interface MissingSource {
  source: NpsRecord['source'];
  error: VendorError;
}

/** The records of the sources that answered, and the sources that did not. */
export interface NpsRecordsRead {
  records: NpsCountedRecord[];
  missing: MissingSource[];
}

/**
 * A vendor failure a merged read answers around (the vendor down, slow, refusing our key, over
 * its budget, or not configured); a refusal of the caller's own arguments still fails the field.
 */
export function isSourceFailure(error: unknown): error is VendorError {
  return error instanceof VendorError && error.kind !== 'bad_request';
}

/**
 * Every NPS record a query covers, from the request's range exports (each vendor range read once
 * per request, whatever number of fields or customers ask), newest first, with what counting
 * needs. Summaries of the same filter (overall, per week, per source...) share one list per
 * request, and requests served the same cached exports share it too: the list is kept with the
 * exports it was built from. A source whose vendor fails is left out and named in `missing`: the
 * others still count. `whole`: the request reads Planhat's whole records anyway (a feed, a
 * person's answers), so the counts read them too; else Planhat's counted read (`select`).
 */
export function loadNpsRecords(
  ctx: NpsRecordReads,
  query: NpsQuery,
  whole: boolean,
): Promise<NpsRecordsRead> {
  const { exports } = ctx.loaders;
  const key = `records:${whole ? 'whole' : 'counted'}:${stableKey(query)}`;
  return exports.derive(key, async () => {
    const companyOnly = Boolean(query.companyIds?.length);
    const wants = (source: NpsRecord['source']) => query.sources.includes(source);
    const missing: MissingSource[] = [];
    const part = async (
      source: NpsRecord['source'],
      read: () => Promise<{ records: NpsCountedRecord[] }>,
    ): Promise<{ records: NpsCountedRecord[] } | null> => {
      try {
        return await read();
      } catch (error) {
        if (!isSourceFailure(error)) throw error;
        missing.push({ source, error });
        return null;
      }
    };
    const parts = await Promise.all([
      wants('USERLANE') && !companyOnly
        ? part('USERLANE', () => exports.userlaneNps(query.range))
        : null,
      wants('PLANHAT')
        ? part('PLANHAT', () =>
            whole ? exports.planhatNps(query.range) : exports.planhatCounted(query.range),
          )
        : null,
      wants('USERLOOP') && !companyOnly
        ? part('USERLOOP', () => exports.userloopNps(query.range))
        : null,
    ]);
    const lists = parts.flatMap((p) => (p ? [p.records] : []));
    const build = () => {
      const keep = npsMatcher(query);
      return lists
        .flat()
        .filter((record) => keep(record) === 'keep')
        .sort(newestFirst);
    };
    const [first, ...rest] = lists;
    const records = first ? ctx.services.caches.derived.get([first, ...rest], key, build) : build();
    return { records, missing };
  });
}

/**
 * The merged feed's order: newest first, then source, then the vendor's id. Instants are in
 * `toISOString()` form, which orders as strings: a sort parses no date.
 */
export function newestFirst(a: NpsCountedRecord, b: NpsCountedRecord): number {
  return compare(b.answeredAt, a.answeredAt) || compare(a.source, b.source) || compare(a.id, b.id);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A person's NPS records: by email (Planhat, UserLoop) and through their Userlane users. */
export async function customerNpsRecords(
  ctx: NpsRecordReads,
  email: string,
  query: NpsQuery,
): Promise<NpsRecord[]> {
  const { exports } = ctx.loaders;
  const wants = (source: NpsRecord['source']) => query.sources.includes(source);
  const [userlane, planhat, userloop] = await Promise.all([
    wants('USERLANE') ? exports.userlaneNps(query.range) : null,
    wants('PLANHAT') ? exports.planhatNps(query.range) : null,
    wants('USERLOOP') ? exports.userloopNps(query.range) : null,
  ]);
  const keep = npsMatcher(query);
  // The Userlane export is indexed by email through the user directory.
  return [
    ...(userlane?.byEmail.get(email) ?? []),
    ...(planhat?.byEmail.get(email) ?? []),
    ...(userloop?.byEmail.get(email) ?? []),
  ]
    .filter((record) => keep(record) === 'keep')
    .sort(newestFirst);
}
