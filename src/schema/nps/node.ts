// Refetching one NPS answer by its node key `SOURCE|vendor id`.
import type { GatewayContext } from '../../types.js';
import { utcDate } from '../../domain/date-range.js';
import { type NpsRecord, parseUserlaneNpsId } from '../../domain/nps.js';
import type { UserLoopSurvey } from '../../domain/userloop-surveys.js';
import { VendorError } from '../../transport/vendor-error.js';
import { USERLANE_PAGE_RECORDS_MAX } from '../../vendors/userlane/limits.js';
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
        return await loadUserLoopNps(ctx, id);
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
  // A busy day may hold more than one page (1,000 records, see vendors/userlane/limits.ts).
  for (let page = 1; ; page++) {
    const records = await ctx
      .vendor('userlane')
      .nps(range, page, USERLANE_PAGE_RECORDS_MAX, { signal: ctx.signal });
    const found = records.find((record) => record.id === id);
    if (found) return found;
    if (records.length < USERLANE_PAGE_RECORDS_MAX) return null;
  }
}

/**
 * A UserLoop row is an NPS answer only when it answers an NPS question of its survey (a CSAT
 * "5" is no detractor): the gateway issues ids for such rows alone, but an id can be made by
 * hand. Its survey's questions say (one read per survey a request, cached across requests,
 * counted in the lookup's cost: cost/rules.ts). A row that is no score needs no such read.
 */
async function loadUserLoopNps(ctx: GatewayContext, id: string): Promise<NpsRecord | null> {
  const row = await ctx.vendor('userloop').response(id, { signal: ctx.signal });
  const answer = rawResponseToNps(row);
  if (answer === null || row.questionId === null) return null;
  let survey: UserLoopSurvey;
  try {
    survey = await ctx.loaders.userloopSurvey.load(row.surveyId);
  } catch (error) {
    // A survey outside this key's allowlist is not ours to answer from (as the NPS feed reads).
    if (error instanceof VendorError && error.kind === 'forbidden') return null;
    throw error;
  }
  const question = survey.questions.find((q) => q.id === row.questionId);
  return question?.type.toUpperCase() === 'NPS' ? answer : null;
}
