// Per-request survey reads: each vendor call at most once per request, keyed by its parameters.
import DataLoader from 'dataloader';
import type { DateRange } from '../domain/date-range.js';
import type {
  AnswerBreakdown,
  RawResponse,
  UserLoopSurveySummary,
} from '../domain/userloop-surveys.js';
import { defaultNpsRange } from '../domain/nps-range.js';
import {
  SURVEY_SOURCES,
  type SurveyRecord,
  type SurveyResponseRecord,
  type SurveySource,
} from '../lists/survey-records.js';
import { fromUserLoopRaw, newestFirst } from '../lists/survey-response-records.js';
import { userlaneResponsesList } from '../lists/survey-responses-userlane.js';
import { iterateAdapter } from '../pagination/index.js';
import type { Services } from '../services.js';
import { VendorError } from '../transport/vendor-error.js';
import { mapLimit } from './limit.js';
import type { ExportLoaders } from './exports.js';
import { memoIn } from './memo.js';
import type { LoaderScope } from './scope.js';

/** Concurrent single reads of one vendor at most. */
const FAN_OUT = 4;

export interface UserlaneSurveyExport {
  /** Newest first. */
  records: SurveyResponseRecord[];
  byUserId: Map<string, SurveyResponseRecord[]>;
}

export interface SurveyLoaders {
  /** UserLoop's catalog (cached across requests) then the configured Userlane surveys. */
  catalog(sources: readonly SurveySource[]): Promise<SurveyRecord[]>;
  /** Every answer of one Userlane survey in a range, read once per request, by user. */
  userlaneExport(surveyId: string, range: DateRange): Promise<UserlaneSurveyExport>;
  /** One UTC day of a Userlane survey's answers: what a response refetch reads. */
  userlaneDay(surveyId: string, day: string): Promise<SurveyResponseRecord[]>;
  userloopCounts(
    surveyId: string,
    questionId: string,
    answerIds: readonly string[] | null,
    /** Undefined: UserLoop's documented default, 1970-01-01 through today. */
    range: DateRange | undefined,
  ): Promise<AnswerBreakdown>;
  /** `GET /responses/{id}`; null when the key may not read it or it does not exist. */
  userloopResponse: DataLoader<string, RawResponse | null>;
}

/** One promise per distinct argument list for the request's life. */
function memo<A extends unknown[], V>(
  load: (...args: A) => Promise<V>,
): (...args: A) => Promise<V> {
  const cache = new Map<string, Promise<V>>();
  return (...args) => memoIn(cache, JSON.stringify(args), () => load(...args));
}

/** Not readable with this key: the same answer as "does not exist". */
export function isInaccessible(error: unknown): boolean {
  return error instanceof VendorError && (error.kind === 'forbidden' || error.kind === 'not_found');
}

/** What the survey loaders read besides the request: UserLoop's catalog, a sibling loader. */
export interface SurveyReads {
  userloopSurveys: () => Promise<UserLoopSurveySummary[]>;
}

export function createSurveyLoaders(ctx: LoaderScope, reads: SurveyReads): SurveyLoaders {
  const signal = ctx.signal;

  const catalog = memo(async (sources: readonly SurveySource[]) => {
    const wants = (s: SurveySource) => sources.includes(s);
    // Userlane has no catalog endpoint, but naming it still requires it to be configured.
    if (wants('USERLANE')) ctx.vendor('userlane');
    const userloop = wants('USERLOOP') ? await reads.userloopSurveys() : [];
    const userlane = wants('USERLANE') ? ctx.services.config.userlaneSurveys : [];
    return [
      ...userloop.map((s): SurveyRecord => ({
        source: 'USERLOOP',
        id: s.id,
        title: s.title,
        userloop: s,
      })),
      ...userlane.map((s): SurveyRecord => ({
        source: 'USERLANE',
        id: s.id,
        title: s.title,
        userloop: null,
      })),
    ];
  });

  const userlaneExport = memo(async (surveyId: string, range: DateRange) => {
    const client = ctx.vendor('userlane');
    const records: SurveyResponseRecord[] = [];
    const byUserId = new Map<string, SurveyResponseRecord[]>();
    for await (const record of iterateAdapter(userlaneResponsesList(client, surveyId, range, {}), {
      signal,
    })) {
      records.push(record);
      const userId = record.user?.id ?? '';
      const list = byUserId.get(userId);
      if (list) list.push(record);
      else byUserId.set(userId, [record]);
    }
    return { records, byUserId };
  });

  const userlaneDay = memo(async (surveyId: string, day: string) => {
    const client = ctx.vendor('userlane');
    const range = { from: day, to: day };
    const records: SurveyResponseRecord[] = [];
    // One page in practice; a day with more answers than a page holds reads on.
    for await (const record of iterateAdapter(userlaneResponsesList(client, surveyId, range, {}), {
      signal,
    })) {
      records.push(record);
    }
    return records;
  });

  const userloopCounts = memo(
    (
      surveyId: string,
      questionId: string,
      answerIds: readonly string[] | null,
      range: DateRange | undefined,
    ) =>
      ctx
        .vendor('userloop')
        .counts(surveyId, questionId, { answerIds: answerIds ?? undefined, range }, { signal }),
  );

  const userloopResponse = new DataLoader<string, RawResponse | null>((ids) =>
    mapLimit(ids, FAN_OUT, async (id) => {
      try {
        return await ctx.vendor('userloop').response(id, { signal });
      } catch (error) {
        if (isInaccessible(error)) return null;
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );

  return { catalog, userlaneExport, userlaneDay, userloopCounts, userloopResponse };
}

/**
 * What a person's answers are read from: the services' directory and survey configuration and
 * the request's survey and UserLoop exports. The request context has this shape; naming only it
 * keeps this module off the context.
 */
export interface SurveyAnswerReads {
  services: Pick<Services, 'directory' | 'config' | 'enabledVendors'>;
  loaders: { surveys: SurveyLoaders; exports: Pick<ExportLoaders, 'userloopResponses'> };
}

/** The survey sources a query covers: those named, else every configured survey vendor. */
export function surveySources(
  ctx: { services: Pick<Services, 'enabledVendors'> },
  requested: readonly string[] | null | undefined,
): SurveySource[] {
  if (requested) return SURVEY_SOURCES.filter((s) => requested.includes(s));
  const enabled = ctx.services.enabledVendors();
  return SURVEY_SOURCES.filter((s) => enabled.includes(s === 'USERLANE' ? 'userlane' : 'userloop'));
}

/**
 * Every Userlane survey answer of a person's Userlane users (through the user directory), from
 * the request's per-survey range exports: no call per person.
 */
export async function userlaneAnswersOf(
  ctx: SurveyAnswerReads,
  email: string,
  range: DateRange,
): Promise<SurveyResponseRecord[]> {
  const users = (await ctx.services.directory()).byEmail(email);
  const surveys = ctx.services.config.userlaneSurveys;
  if (users.length === 0 || surveys.length === 0) return [];
  const exports = await mapLimit(surveys, FAN_OUT, (s) =>
    ctx.loaders.surveys.userlaneExport(s.id, range),
  );
  return exports.flatMap((e) => users.flatMap((u) => e.byUserId.get(u.userId) ?? []));
}

/** A person's answers of the default window from both vendors, newest first. */
export async function customerSurveyResponses(
  ctx: SurveyAnswerReads,
  email: string,
): Promise<SurveyResponseRecord[]> {
  const range = defaultNpsRange(new Date());
  const sources = surveySources(ctx, null);
  const [userloop, userlane] = await Promise.all([
    sources.includes('USERLOOP')
      ? ctx.loaders.exports.userloopResponses(range).then((e) => e.byEmail.get(email) ?? [])
      : [],
    sources.includes('USERLANE') ? userlaneAnswersOf(ctx, email, range) : [],
  ]);
  return [...userloop.map(fromUserLoopRaw), ...userlane].sort(newestFirst);
}
