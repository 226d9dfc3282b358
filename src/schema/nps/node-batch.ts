// Loading many NPS answers by id at once (nodes(ids:), a router's `_entities`): from the request's
// range export where that costs no more calls than reading them one by one.
import { sharedReadCalls } from '../../cost/reads.js';
import { type DateRange, utcDate } from '../../domain/date-range.js';
import { type NpsRecord, parseUserlaneNpsId } from '../../domain/nps.js';
import { defaultNpsRange } from '../../domain/nps-range.js';
import type { GatewayContext } from '../../types.js';
import { loadNpsRecord } from './node.js';

type Source = 'PLANHAT' | 'USERLANE';

/**
 * The answers behind `keys` (`SOURCE|vendor id`), null where none. Planhat and Userlane answers
 * are read from the default window's export (the one every customer's NPS fields read) when a
 * batch holds enough of them to pay for it: a Userlane answer whose instant (in its id) lies in
 * the window once the batch holds as many as the export's reference calls, Planhat answers once
 * it holds twice that (their ids carry no date, so an answer outside the window costs its own
 * read as well). Every other answer is one read of its own.
 */
export function loadNpsRecordBatch(
  ctx: GatewayContext,
  keys: readonly string[],
): Promise<(NpsRecord | null)[]> {
  const range = defaultNpsRange(new Date());
  const parsed = keys.map((key) => {
    const at = key.indexOf('|');
    return { key, source: key.slice(0, at), id: key.slice(at + 1) };
  });
  const inWindow = (p: (typeof parsed)[number]) =>
    p.source === 'PLANHAT' || (p.source === 'USERLANE' && userlaneDayIn(p.id, range));
  const count = (source: Source) => parsed.filter((p) => p.source === source && inWindow(p)).length;
  const exports = new Map<string, Promise<Map<string, NpsRecord>>>();
  if (count('USERLANE') >= sharedReadCalls('userlane:nps')) {
    exports.set('USERLANE', byId(ctx, 'USERLANE', range));
  }
  if (count('PLANHAT') >= 2 * sharedReadCalls('planhat:nps')) {
    exports.set('PLANHAT', byId(ctx, 'PLANHAT', range));
  }
  return Promise.all(
    parsed.map(async (p) => {
      const index = inWindow(p) ? exports.get(p.source) : undefined;
      if (index) {
        const found = (await index).get(p.id);
        // A Userlane answer of the window is in its export or nowhere.
        if (found || p.source === 'USERLANE') return found ?? null;
      }
      return loadNpsRecord(ctx, p.key);
    }),
  );
}

function userlaneDayIn(id: string, range: DateRange): boolean {
  const at = new Date(parseUserlaneNpsId(id)?.timestamp ?? Number.NaN);
  if (Number.isNaN(at.getTime())) return false;
  const day = utcDate(at);
  return day >= range.from && day <= range.to;
}

function byId(ctx: GatewayContext, source: Source, range: DateRange) {
  const { exports } = ctx.loaders;
  return exports.derive(`nps-by-id:${source}:${range.from}:${range.to}`, async () => {
    const read =
      source === 'PLANHAT' ? await exports.planhatNps(range) : await exports.userlaneNps(range);
    return new Map(read.records.map((record) => [record.id, record]));
  });
}
