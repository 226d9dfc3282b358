import { cost } from '../../cost/declare.js';
import { feedCalls, npsFeedReads } from '../../cost/reads.js';
import { builder } from '../../builder.js';
import type { NpsRecord, NpsSource } from '../../domain/nps.js';
import { defaultNpsRange } from '../../domain/nps-range.js';
import { type NpsQuery, npsSortKey, npsStreams } from '../../lists/nps.js';
import { DEFAULT_FIRST, EXPORT_MAX_FIRST, lazyMergedConnection } from '../../pagination/index.js';
import { USERLOOP_MAX_LIMIT } from '../../vendors/userloop/client.js';
import { checkedRange, DateRange } from '../shared/inputs.js';
import { isSourceFailure } from '../../loaders/nps-records.js';
import { loadNpsRecordBatch } from './node-batch.js';
import { npsNodeKey } from './node.js';
import { allMissing, reportMissing } from './partial.js';
import { Source } from '../shared/source.js';

export const NpsCategory = builder.enumType('NpsCategory', {
  description:
    'The one bucketing rule for every source: Promoter 9-10, Passive 7-8, Detractor 0-6.',
  values: ['PROMOTER', 'PASSIVE', 'DETRACTOR'] as const,
});

const NPS_SOURCES: readonly NpsSource[] = ['USERLANE', 'PLANHAT', 'USERLOOP'];

export const NpsFilter = builder.inputType('NpsFilter', {
  fields: (t) => ({
    sources: t.field({
      type: [Source],
      description:
        'Vendors to include (NPS comes from USERLANE, PLANHAT and USERLOOP); all by default.',
    }),
    range: t.field({ type: DateRange, description: 'Answer dates; the last 360 days by default.' }),
    categories: t.field({ type: [NpsCategory] }),
    companyIds: t.idList({ description: 'Planhat company ids; only Planhat records carry one.' }),
    hasComment: t.boolean({
      description: 'Only answers with (true) or without (false) a comment.',
    }),
  }),
});

export type NpsFilterInput = typeof NpsFilter.$inferInput;

/** The caller's filter with its defaults applied, checked before any vendor call. */
export function npsQuery(filter: NpsFilterInput | null | undefined): NpsQuery {
  const sources = (filter?.sources ?? NPS_SOURCES).filter((s): s is NpsSource =>
    NPS_SOURCES.includes(s as NpsSource),
  );
  return {
    range: filter?.range ? checkedRange(filter.range, 'filter.range') : defaultNpsRange(new Date()),
    sources,
    categories: filter?.categories ?? null,
    companyIds: filter?.companyIds?.map(String) ?? null,
    hasComment: filter?.hasComment ?? null,
  };
}

/** How many vendor reads a query's sources make (a company filter leaves all but Planhat out). */
export function readSources(query: NpsQuery): number {
  if (query.companyIds?.length) return query.sources.includes('PLANHAT') ? 1 : 0;
  return query.sources.length;
}

/** Neutral on purpose: NPS records and survey answers both fit it. */
export type RespondentShape = Pick<NpsRecord, 'email' | 'userlaneUserId' | 'applicationUserId'>;

export const Respondent = builder.objectRef<RespondentShape>('Respondent').implement({
  description: 'Who answered, as each vendor knows them.',
  fields: (t) => ({
    email: t.exposeString('email', { nullable: true, description: 'Lower-cased.' }),
    userlaneUserId: t.exposeID('userlaneUserId', { nullable: true }),
    applicationUserId: t.exposeID('applicationUserId', { nullable: true }),
  }),
});

const PlanhatNpsDetails = builder
  .objectRef<NonNullable<NpsRecord['planhat']>>('PlanhatNpsDetails')
  .implement({
    description: 'Fields only Planhat records carry.',
    fields: (t) => ({
      npsId: t.exposeID('npsId', { nullable: true }),
      euId: t.exposeID('euId', { nullable: true, description: 'Planhat enduser id.' }),
      scoreType: t.exposeString('scoreType', {
        nullable: true,
        description: "Planhat's own bucket; `NpsResponse.category` is the gateway's rule.",
      }),
      dateSent: t.exposeString('dateSent', { nullable: true }),
      dateReminderSent: t.exposeString('dateReminderSent', { nullable: true }),
      npsSent: t.exposeString('npsSent', { nullable: true }),
      source: t.exposeString('source', {
        nullable: true,
        description: 'System the score came from.',
      }),
      sourceId: t.exposeString('sourceId', { nullable: true }),
      custom: t.field({ type: 'JSON', nullable: true, resolve: (p) => p.custom }),
    }),
  });

const UserLoopNpsDetails = builder
  .objectRef<NonNullable<NpsRecord['userloop']>>('UserLoopNpsDetails')
  .implement({
    description: 'Fields only UserLoop answers carry.',
    fields: (t) => ({
      surveyId: t.exposeID('surveyId'),
      questionId: t.exposeID('questionId', { nullable: true }),
      answerId: t.exposeID('answerId', { nullable: true }),
      orderTotal: t.exposeFloat('orderTotal', { nullable: true }),
      currency: t.exposeString('currency', { nullable: true }),
    }),
  });

export const NpsResponse = builder.loadableNode('NpsResponse', {
  description: 'One NPS answer from Userlane, Planhat or a UserLoop NPS question.',
  id: { resolve: (r: NpsRecord) => npsNodeKey(r) },
  // Single reads matched to their ids, or the request's export for many (node-batch.ts).
  load: (ids: string[], ctx) => loadNpsRecordBatch(ctx, ids),
  fields: (t) => ({
    source: t.field({ type: Source, nullable: false, resolve: (r) => r.source }),
    score: t.exposeInt('score', { nullable: false, description: '0..10.' }),
    category: t.field({ type: NpsCategory, nullable: false, resolve: (r) => r.category }),
    comment: t.exposeString('comment', { nullable: true }),
    answeredAt: t.field({ type: 'DateTime', nullable: false, resolve: (r) => r.answeredAt }),
    respondent: t.field({ type: Respondent, nullable: false, resolve: (r) => r }),
    companyId: t.exposeID('companyId', { nullable: true, description: 'Planhat company id.' }),
    campaignId: t.exposeID('campaignId', { nullable: true, description: 'Planhat campaign id.' }),
    planhat: t.field({ type: PlanhatNpsDetails, nullable: true, resolve: (r) => r.planhat }),
    userloop: t.field({ type: UserLoopNpsDetails, nullable: true, resolve: (r) => r.userloop }),
  }),
});

/** Pages as large as every source's vendor serves in one call, so an export needs few pages. */
function npsMaxFirst(query: NpsQuery): number {
  return query.sources.includes('USERLOOP') ? USERLOOP_MAX_LIMIT : EXPORT_MAX_FIRST;
}

export const NpsResponseConnection = builder.connectionObject({
  type: NpsResponse,
  name: 'NpsResponseConnection',
  fields: (t) => ({
    missingSources: t.field({
      type: [Source],
      nullable: false,
      description:
        'Sources whose vendor failed for this page: the page merges the others, and each ' +
        "failure is in the response's errors (extensions.code, vendor) at this field's path. " +
        "A failed source keeps its place in the page's cursors: the next page asks it again " +
        'from where it stood, so none of its answers is skipped, but answers of it newer than ' +
        'this page then come first on that page (newest first within each page, not across ' +
        'the pages it missed).',
      resolve: (c) => (c as { missingSources?: NpsSource[] }).missingSources ?? [],
    }),
  }),
});

/** The Source of a merged stream (`userlane`, `planhat`, `userloop:<survey>`). */
function streamSource(name: string): NpsSource {
  const vendor = name.split(':')[0];
  return vendor === 'userlane' ? 'USERLANE' : vendor === 'planhat' ? 'PLANHAT' : 'USERLOOP';
}

builder.queryField('npsResponses', (t) =>
  t.connection(
    {
      extensions: cost({
        byArguments: (args, first) => feedCalls(args, first),
        shared: { reads: npsFeedReads, backed: false },
      }),
      type: NpsResponse,
      description:
        'NPS answers from Userlane, Planhat and UserLoop NPS questions, merged newest first. ' +
        'Forward paging only; totalCount is null unless every source was read to its end. ' +
        `\`first\` up to ${EXPORT_MAX_FIRST} for exports (${USERLOOP_MAX_LIMIT} when UserLoop is ` +
        `among the sources, the largest page it serves), default ${DEFAULT_FIRST}.`,
      args: {
        filter: t.arg({ type: NpsFilter }),
      },
      resolve: async (_root, args, ctx, info) => {
        const query = npsQuery(args.filter);
        // The feed reads the vendors, the read-ahead stores and the exports' held lists: only
        // those are handed to it, so the list layer does not depend on the request context.
        const reads = () => ({
          vendor: ctx.vendor,
          readAhead: ctx.services.caches.readAhead,
          heldLists: ctx.loaders.exports.lists,
          userloopNpsQuestions: ctx.loaders.userloopNpsQuestions,
        });
        const page = await lazyMergedConnection(() => npsStreams(reads(), query), args, {
          field: 'Query.npsResponses',
          filters: query,
          sortKey: npsSortKey,
          signal: ctx.signal,
          maxFirst: npsMaxFirst(query),
          tolerate: isSourceFailure,
        });
        const failed = page.missing.flatMap(({ name, error }) =>
          isSourceFailure(error) ? [{ source: streamSource(name), error }] : [],
        );
        // One error per vendor, however many of its streams failed (UserLoop has one a survey).
        const perSource = [...new Map(failed.map((f) => [f.source, f])).values()];
        if (allMissing(readSources(query), perSource)) {
          reportMissing(ctx, info, perSource.slice(1));
          throw perSource[0]!.error;
        }
        return { ...page, missingSources: reportMissing(ctx, info, perSource) };
      },
    },
    NpsResponseConnection,
  ),
);
