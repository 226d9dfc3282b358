import { cost } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type { DateRange as DateRangeShape } from '../../domain/date-range.js';
import { defaultNpsRange } from '../../domain/nps-range.js';
import type { UserLoopSurveySettings } from '../../domain/userloop-surveys.js';
import { arrayList } from '../../pagination/index.js';
import { type SurveyRecord, surveyKey } from '../../lists/surveys.js';
import { surveySources } from '../../loaders/surveys.js';
import { connectionFromAdapter } from '../../pagination/index.js';
import { checkedRange } from '../shared/inputs.js';
import { Source } from '../shared/source.js';
import { loadSurvey } from './nodes.js';

export const RANGE_DESCRIPTION =
  'Answer dates (inclusive UTC days); the last 360 days when omitted, as for NPS.';

/** Where UserLoop's documented default applies (breakdowns and open answers). */
export const USERLOOP_DEFAULT_RANGE_DESCRIPTION =
  'Answer dates (inclusive UTC days). When omitted: UserLoop questions cover its documented ' +
  'default, 1970-01-01 through today (no dates sent); Userlane ones the last 360 days.';

/** The caller's range, checked, or undefined: UserLoop then applies its documented default. */
export function userloopRange(
  range: DateRangeShape | null | undefined,
): DateRangeShape | undefined {
  return range ? checkedRange(range) : undefined;
}

/** The caller's range, checked, or the default window: the same rule for both vendors. */
export function surveyRange(range: DateRangeShape | null | undefined): DateRangeShape {
  return range ? checkedRange(range) : defaultNpsRange(new Date());
}

const USERLOOP_ONLY = 'UserLoop catalog field; null for Userlane surveys.';

export const Survey = builder.loadableNode('Survey', {
  description:
    'A UserLoop survey (from its catalog) or a Userlane in-app survey (from the USERLANE_SURVEYS ' +
    'configuration, as Userlane has no catalog endpoint).',
  id: { resolve: (s: SurveyRecord) => surveyKey(s) },
  load: (keys: string[], ctx) => Promise.all(keys.map((key) => loadSurvey(ctx, key))),
  fields: (t) => {
    const settings = (name: keyof UserLoopSurveySettings) =>
      t.field({
        type: 'JSON',
        nullable: true,
        description: `UserLoop's grouped \`${name}\` configuration, keys in snake_case as sent; null for Userlane surveys.`,
        resolve: (s) => s.userloop?.settings[name] ?? null,
      });
    return {
      surveyId: t.exposeID('id', { nullable: false, description: "The vendor's own survey id." }),
      source: t.field({ type: Source, nullable: false, resolve: (s) => s.source }),
      title: t.exposeString('title', { nullable: false }),
      status: t.string({
        nullable: true,
        description: 'UserLoop: `active` or `archived`. Userlane reports none: null.',
        resolve: (s) => s.userloop?.status ?? null,
      }),
      format: t.string({
        nullable: true,
        description: `Channel: Email, Checkout, Link, ... ${USERLOOP_ONLY}`,
        resolve: (s) => s.userloop?.format ?? null,
      }),
      questionCount: t.int({
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: (s) => s.userloop?.questionCount ?? null,
      }),
      questionIds: t.idList({
        nullable: true,
        description: `UserLoop question ids. ${USERLOOP_ONLY}`,
        resolve: (s) => s.userloop?.questionIds ?? null,
      }),
      createdAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: (s) => s.userloop?.createdAt ?? null,
      }),
      updatedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: (s) => s.userloop?.updatedAt ?? null,
      }),
      toggles: settings('toggles'),
      schedule: settings('schedule'),
      triggers: settings('triggers'),
      discount: settings('discount'),
      colors: settings('colors'),
      recipients: settings('recipients'),
      flags: settings('flags'),
      incentives: settings('incentives'),
      sharing: settings('sharing'),
      integrations: settings('integrations'),
      companyId: t.id({
        extensions: cost({ itemRead: { read: 'surveyMetadata', weight: 1 } }),
        nullable: true,
        description:
          'The UserLoop company owning the survey (from its metadata). Null for Userlane.',
        resolve: async (s, _args, ctx) =>
          s.source === 'USERLOOP'
            ? ((await ctx.loaders.userloopSurvey.load(s.id)).companyId ?? null)
            : null,
      }),
    };
  },
});

builder.queryField('surveys', (t) =>
  t.connection(
    {
      extensions: cost({ calls: 2 }),
      type: Survey,
      nullable: true,
      description:
        "UserLoop's survey catalog (latest update first), then the configured Userlane surveys. " +
        'Exact: totalCount is always given. Without `sources`, every configured survey vendor; a ' +
        'source other than USERLOOP and USERLANE contributes nothing.',
      args: { sources: t.arg({ type: [Source] }) },
      resolve: (_root, args, ctx) => {
        const sources = surveySources(ctx, args.sources);
        return connectionFromAdapter(
          arrayList(() => ctx.loaders.surveys.catalog(sources)),
          args,
          { field: 'Query.surveys', filters: { sources }, signal: ctx.signal },
        );
      },
    },
    { name: 'SurveyConnection' },
    { name: 'SurveyEdge' },
  ),
);
