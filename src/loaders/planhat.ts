import DataLoader from 'dataloader';
import type { LoaderScope } from './scope.js';
import type { NpsCountedRecord, NpsRecord } from '../domain/nps.js';
import { defaultNpsRange } from '../domain/nps-range.js';
import { iterateAdapter, type OffsetAdapter } from '../pagination/index.js';
import { COUNTED_SELECT } from '../vendors/planhat/client.js';
import { npsExpiryDayFor, PLANHAT_MAX_LIST_LIMIT } from '../vendors/planhat/limits.js';

// Planhat takes many company ids in one `companyId=a,b,c`: one call serves a whole page of
// customers. Batches stay well under common URL limits (8 KiB) and a sane id count.
const MAX_IDS_PER_CALL = 100;
const MAX_IDS_CHARS = 2000;

export interface PlanhatLoaders {
  /**
   * A company's NPS records of the default window (last 360 days), newest first, with what
   * counting them needs (`NpsCountedRecord`: Planhat is asked for those properties alone).
   */
  npsByCompany: DataLoader<string, NpsCountedRecord[]>;
}

/** Splits keys into batches under both the id-count and the URL-length budget. */
export function companyBatches(ids: readonly string[]): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const id of ids) {
    if (
      current.length > 0 &&
      (current.length >= MAX_IDS_PER_CALL || chars + id.length + 1 > MAX_IDS_CHARS)
    ) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(id);
    chars += id.length + 1;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function createPlanhatLoaders(ctx: LoaderScope): PlanhatLoaders {
  const npsByCompany = new DataLoader<string, NpsCountedRecord[]>(async (ids) => {
    const client = ctx.vendor('planhat');
    const npsExpiryDay = npsExpiryDayFor(defaultNpsRange(new Date()), new Date());
    const byCompany = new Map<string, NpsRecord[]>();
    await Promise.all(
      companyBatches(ids).map(async (batch) => {
        const list: OffsetAdapter<NpsRecord | null> = {
          kind: 'offset',
          maxLimit: PLANHAT_MAX_LIST_LIMIT,
          fetch: async (offset, limit, signal) => ({
            items: (
              await client.listNps(
                {
                  companyIds: batch,
                  sort: '-npsDate',
                  // Only counted (companyNps): its records need no more than counts do.
                  select: COUNTED_SELECT,
                  npsExpiryDay,
                  offset,
                  limit,
                },
                { signal },
              )
            ).slots,
          }),
        };
        // A short page ends the list; empty slots (records without an answer) keep positions.
        for await (const record of iterateAdapter(list, { signal: ctx.signal })) {
          if (!record?.companyId) continue;
          const records = byCompany.get(record.companyId) ?? [];
          records.push(record);
          byCompany.set(record.companyId, records);
        }
      }),
    );
    // Matched by key: a company without answers has an empty list, not a missing entry.
    return ids.map((id) => byCompany.get(id) ?? []);
  });
  return { npsByCompany };
}
