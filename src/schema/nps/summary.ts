import { cost } from '../../cost/declare.js';
import { npsReads } from '../../cost/reads.js';
import { builder } from '../../builder.js';
import type { UserDirectory } from '../../identity/user-directory.js';
import type { NpsCountedRecord } from '../../domain/nps.js';
import { isoWeek, type NpsTally, tally, tallyBy } from '../../domain/nps-summary.js';
import { loadNpsRecords } from '../../loaders/nps-records.js';
import type { NpsSource } from '../../domain/nps.js';
import { Source } from '../shared/source.js';
import { NpsFilter, npsQuery, readSources } from './nps.js';
import { allMissing, reportMissing } from './partial.js';
import { asksWholeNpsRecords } from './record-reads.js';

const NpsGrouping = builder.enumType('NpsGrouping', {
  description:
    'How npsSummary groups answers. DAY, WEEK (ISO, e.g. 2026-W47) and MONTH use the UTC answer ' +
    'date; COMPANY the Planhat company id; ROLE, REGION and DEPARTMENT the user directory. ' +
    'Answers without the attribute fall into the group UNKNOWN.',
  values: ['SOURCE', 'DAY', 'WEEK', 'MONTH', 'COMPANY', 'ROLE', 'REGION', 'DEPARTMENT'] as const,
});

type Grouping = (typeof NpsGrouping)['$inferType'];

const NpsCounts = builder.interfaceRef<NpsTally>('NpsCounts').implement({
  description: 'Counts per NPS category and the score they give.',
  fields: (t) => ({
    score: t.float({
      nullable: true,
      description: '%promoters - %detractors, -100..100 (two decimals); null without responses.',
      resolve: (s) => s.score,
    }),
    responses: t.exposeInt('responses', { nullable: false }),
    promoters: t.exposeInt('promoters', { nullable: false }),
    passives: t.exposeInt('passives', { nullable: false }),
    detractors: t.exposeInt('detractors', { nullable: false }),
  }),
});

type Group = NpsTally & { key: string };

const NpsGroup = builder.objectRef<Group>('NpsGroup').implement({
  interfaces: [NpsCounts],
  isTypeOf: (value) => typeof (value as Partial<Group>).key === 'string',
  fields: (t) => ({ key: t.exposeString('key', { nullable: false }) }),
});

type SummaryShape = NpsTally & { groups: Group[]; missingSources: NpsSource[] };

export const NpsSummary = builder.objectRef<SummaryShape>('NpsSummary').implement({
  interfaces: [NpsCounts],
  isTypeOf: (value) => Array.isArray((value as { groups?: unknown }).groups),
  fields: (t) => ({
    groups: t.field({
      type: [NpsGroup],
      nullable: false,
      description: 'One per group key when groupBy is given, in ascending key order.',
      resolve: (s) => s.groups,
    }),
    missingSources: t.field({
      type: [Source],
      nullable: false,
      description:
        'Sources the filter asked for whose vendor failed: the counts are of the others ' +
        "only, and each failure is in the response's errors (with extensions.code and " +
        "vendor) at this summary's path. Empty when every source answered.",
      resolve: (s) => s.missingSources,
    }),
  }),
});

function groupKey(directory: UserDirectory, grouping: Grouping) {
  const person = (record: NpsCountedRecord) =>
    (record.userlaneUserId ? directory.byUserId(record.userlaneUserId) : undefined) ??
    (record.email ? directory.byEmail(record.email)[0] : undefined);
  switch (grouping) {
    case 'SOURCE':
      return (record: NpsCountedRecord) => record.source;
    case 'DAY':
      return (record: NpsCountedRecord) => record.answeredAt.slice(0, 10);
    case 'WEEK': {
      // Thousands of answers fall on a few dozen days: each day's week is computed once.
      const weeks = new Map<string, string>();
      return (record: NpsCountedRecord) => {
        const day = record.answeredAt.slice(0, 10);
        let week = weeks.get(day);
        if (week === undefined) {
          week = isoWeek(record.answeredAt);
          weeks.set(day, week);
        }
        return week;
      };
    }
    case 'MONTH':
      return (record: NpsCountedRecord) => record.answeredAt.slice(0, 7);
    case 'COMPANY':
      return (record: NpsCountedRecord) => record.companyId;
    case 'ROLE':
      return (record: NpsCountedRecord) => person(record)?.role ?? null;
    case 'REGION':
      return (record: NpsCountedRecord) => person(record)?.region ?? null;
    case 'DEPARTMENT':
      return (record: NpsCountedRecord) => person(record)?.department ?? null;
  }
}

builder.queryField('npsSummary', (t) =>
  t.field({
    extensions: cost({ calls: 3, shared: { reads: npsReads, backed: true } }),
    type: NpsSummary,
    nullable: true,
    description:
      'NPS score and counts over every answer the filter covers (the last 360 days by default), ' +
      'overall and per group. Each vendor range is read once per request.',
    args: {
      filter: t.arg({ type: NpsFilter }),
      groupBy: t.arg({ type: NpsGrouping }),
    },
    resolve: async (_root, args, ctx, info) => {
      const query = npsQuery(args.filter);
      const [{ records, missing }, directory] = await Promise.all([
        loadNpsRecords(ctx, query, asksWholeNpsRecords(ctx)),
        ctx.services.directory(),
      ]);
      if (allMissing(readSources(query), missing)) {
        reportMissing(ctx, info, missing.slice(1));
        throw missing[0]!.error;
      }
      const missingSources = reportMissing(ctx, info, missing);
      const groupBy = args.groupBy;
      // Kept with the records (and the directory) it counts: a dashboard refreshed while its
      // exports are cached is not counted again.
      const counted = ctx.services.caches.derived.get(
        [records, directory],
        `summary:${groupBy}`,
        () => ({
          ...tally(records),
          groups: groupBy ? tallyBy(records, groupKey(directory, groupBy)) : [],
        }),
      );
      return { ...counted, missingSources };
    },
  }),
);
