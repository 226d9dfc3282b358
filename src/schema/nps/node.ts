// Refetching one NPS answer by its node key `SOURCE|vendor id`.
import type { GatewayContext } from '../../types.js';
import { utcDate } from '../../domain/date-range.js';
import { type NpsRecord, parseUserlaneNpsId } from '../../domain/nps.js';
import { VendorError } from '../../transport/vendor-error.js';
import { USERLANE_PAGE_LIMIT_MAX } from '../../vendors/userlane/limits.js';
import { rawResponseToNps } from '../../vendors/userloop/map.js';

export function npsNodeKey(record: NpsRecord): string {
  return `${record.source}|${record.id}`;
}

/** Null for an id that names no answer (never a vendor call for a malformed one). */
export async function loadNpsRecord(ctx: GatewayContext, key: string): Promise<NpsRecord | null> {
  const at = key.indexOf('|');
  const source = key.slice(0, at);
  const id = key.slice(at + 1);
  try {
    switch (source) {
      case 'PLANHAT':
        return await ctx.vendor('planhat').getNps(id, { signal: ctx.signal });
      case 'USERLOOP':
        return rawResponseToNps(await ctx.vendor('userloop').response(id, { signal: ctx.signal }));
      case 'USERLANE':
        return await loadUserlaneNps(ctx, id);
      default:
        return null;
    }
  } catch (error) {
    if (error instanceof VendorError && error.kind === 'not_found') return null;
    throw error;
  }
}

/** Userlane NPS has no get-by-id: the id holds the answer's instant, so one day's page finds it. */
async function loadUserlaneNps(ctx: GatewayContext, id: string): Promise<NpsRecord | null> {
  const parsed = parseUserlaneNpsId(id);
  const at = parsed ? new Date(parsed.timestamp) : null;
  if (!at || Number.isNaN(at.getTime())) return null;
  const day = utcDate(at);
  const range = { from: day, to: day };
  const records = await ctx
    .vendor('userlane')
    .nps(range, 1, USERLANE_PAGE_LIMIT_MAX, { signal: ctx.signal });
  return records.find((record) => record.id === id) ?? null;
}
