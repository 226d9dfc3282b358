import { cost, READ, LOOKUP } from '../../cost/declare.js';
import { surveyAnswers, surveyResponsesCalls } from '../../cost/reads.js';
import { builder } from '../../builder.js';
import { arrayList } from '../../pagination/index.js';
import type { GatewayContext } from '../../types.js';
import { BadUserInputError } from '../../errors.js';
import type { DirectoryPerson } from '../../identity/user-directory.js';
import {
  checkedScores,
  questionKey,
  responseKey,
  type SurveyResponseRecord,
  surveyKey,
  type UserLoopResponseDetails,
  userlaneResponsesList,
  userloopOpenList,
  userloopResponsesList,
} from '../../lists/surveys.js';
import { customerSurveyResponses } from '../../loaders/surveys.js';
import { connectionFromAdapter } from '../../pagination/index.js';
import { Customer } from '../customers/customer.js';
import { startsEarly } from '../shared/early-reads.js';
import { DateRange } from '../shared/inputs.js';
import { Respondent } from '../nps/nps.js';
import { Source } from '../shared/source.js';
import { loadResponse } from './nodes.js';
import { SurveyQuestion } from './questions.js';
import { RANGE_DESCRIPTION, Survey, surveyRange } from './surveys.js';
import { USERLOOP_DEFAULT_RANGE_DESCRIPTION, userloopRange } from './surveys.js';
import { UserlaneUser } from '../userlane/users.js';

async function personOf(
  ctx: GatewayContext,
  r: SurveyResponseRecord,
): Promise<DirectoryPerson | null> {
  if (!r.user) return null;
  const directory = await ctx.services.directory();
  return (
    directory.byUserId(r.user.id) ?? directory.byApplicationUserId(r.user.applicationUserId) ?? null
  );
}

const USERLOOP_ONLY = 'UserLoop only; null for Userlane answers.';

export const SurveyResponse = builder.loadableNode('SurveyResponse', {
  description:
    'One survey answer. UserLoop: one row per question answered (its raw export, or its open ' +
    'view). Userlane: one in-app rating (1..5) with an optional comment, the answer to the ' +
    "survey's implicit question.",
  id: { resolve: (r: SurveyResponseRecord) => responseKey(r) },
  load: (keys: string[], ctx) => Promise.all(keys.map((key) => loadResponse(ctx, key))),
  fields: (t) => {
    const userloop =
      <K extends keyof UserLoopResponseDetails>(name: K) =>
      (r: SurveyResponseRecord) =>
        r.userloop?.[name] ?? null;
    const utm = (key: string) =>
      t.string({
        nullable: true,
        description: `UserLoop's \`${key}\`. ${USERLOOP_ONLY}`,
        resolve: (r) => {
          const value = r.userloop?.extra[key];
          return typeof value === 'string' ? value : null;
        },
      });
    return {
      responseId: t.exposeID('id', {
        nullable: false,
        description: "UserLoop's response id; for Userlane, which has none, a synthetic stable id.",
      }),
      source: t.field({ type: Source, nullable: false, resolve: (r) => r.source }),
      survey: t.field({
        type: Survey,
        nullable: true,
        resolve: (r) => surveyKey({ source: r.source, id: r.surveyId }),
      }),
      question: t.field({
        type: SurveyQuestion,
        nullable: true,
        resolve: (r) =>
          r.questionId === null
            ? null
            : questionKey({ source: r.source, surveyId: r.surveyId, id: r.questionId }),
      }),
      score: t.exposeInt('score', {
        nullable: true,
        description: 'The numeric answer (Userlane 1..5; UserLoop CSAT/NPS values), else null.',
      }),
      answer: t.exposeString('answer', { nullable: true, description: 'The answer text.' }),
      answerId: t.exposeID('answerId', { nullable: true }),
      comment: t.exposeString('comment', {
        nullable: true,
        description: 'UserLoop: the open-ended answer. Userlane: the comment.',
      }),
      answeredAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: "Null only when UserLoop's single-record read leaves the date out.",
        resolve: (r) => r.answeredAt,
      }),
      respondent: t.field({
        extensions: cost({ free: 'the user directory, a CSV file (USER_DIRECTORY)' }),
        type: Respondent,
        nullable: false,
        description: 'For Userlane, the email comes from the user directory.',
        resolve: async (r, _args, ctx) => ({
          email: r.email ?? (await personOf(ctx, r))?.email ?? null,
          userlaneUserId: r.user?.id ?? null,
          applicationUserId: r.user?.applicationUserId ?? null,
        }),
      }),
      customer: t.field({
        extensions: cost(LOOKUP),
        type: Customer,
        nullable: true,
        description:
          'UserLoop: the recipient. Userlane: the user through the user directory. Null when neither names a person.',
        resolve: async (r, _args, ctx) => {
          const email = r.email ?? (await personOf(ctx, r))?.email ?? null;
          return email ? { email } : null;
        },
      }),
      userlaneUser: t.field({
        type: UserlaneUser,
        nullable: true,
        description: 'Userlane only.',
        resolve: (r) => r.user,
      }),
      recipient: t.exposeString('email', {
        nullable: true,
        description: `UserLoop's recipient email, lower-cased. ${USERLOOP_ONLY}`,
      }),
      uniqueId: t.string({
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: userloop('uniqueId'),
      }),
      questionText: t.string({
        nullable: true,
        description: `The question as worded when answered. ${USERLOOP_ONLY}`,
        resolve: userloop('questionText'),
      }),
      orderTotal: t.float({
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: userloop('orderTotal'),
      }),
      currency: t.string({
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: userloop('currency'),
      }),
      lineItems: t.stringList({
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: userloop('lineItems'),
      }),
      lineItemsCount: t.int({
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: userloop('lineItemsCount'),
      }),
      utmSource: utm('utm_source'),
      utmMedium: utm('utm_medium'),
      utmCampaign: utm('utm_campaign'),
      utmTerm: utm('utm_term'),
      utmContent: utm('utm_content'),
      environment: t.string({
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: userloop('environment'),
      }),
      surface: t.string({
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: userloop('surface'),
      }),
      landingSite: t.string({
        nullable: true,
        description: USERLOOP_ONLY,
        resolve: userloop('landingSite'),
      }),
      extra: t.field({
        type: 'JSON',
        nullable: true,
        description: `Every other key of a raw UserLoop row, as sent. ${USERLOOP_ONLY}`,
        resolve: (r) => r.userloop?.extra ?? null,
      }),
    };
  },
});

const SurveyResponseConnection = builder.connectionObject(
  { type: SurveyResponse, name: 'SurveyResponseConnection' },
  { name: 'SurveyResponseEdge' },
);

builder.objectField(Survey, 'responses', (t) =>
  t.connection(
    {
      extensions: cost({ byArguments: surveyResponsesCalls }),
      type: SurveyResponse,
      nullable: true,
      description:
        'Answers, newest first. Userlane: filtered by Userlane itself (`score`, `commentOnly`, ' +
        '`type`); totalCount is null until the end is read. UserLoop: every raw row (one per ' +
        'question answered); `scores` (numeric answers) and `commentOnly` are applied by the ' +
        'gateway; totalCount as UserLoop reports it when unfiltered.',
      args: {
        range: t.arg({ type: DateRange, description: RANGE_DESCRIPTION }),
        scores: t.arg.intList({
          description: 'Only these numeric answers: 1..5 for Userlane, 0..10 for UserLoop.',
        }),
        commentOnly: t.arg.boolean({ description: 'Only answers with a comment.' }),
        type: t.arg.string({
          description: "Userlane's survey type filter (e.g. `custom`); Userlane only.",
        }),
      },
      resolve: (s, args, ctx) => {
        const range = surveyRange(args.range);
        const scores = checkedScores(s.source, args.scores);
        const commentOnly = args.commentOnly ?? false;
        const type = args.type ?? null;
        if (type !== null && s.source !== 'USERLANE') {
          throw new BadUserInputError('type applies to Userlane surveys only: leave it out', {
            argument: 'type',
          });
        }
        const adapter =
          s.source === 'USERLANE'
            ? userlaneResponsesList(ctx.vendor('userlane'), s.id, range, {
                scores: scores ?? undefined,
                commentOnly: commentOnly || undefined,
                type: type ?? undefined,
              })
            : userloopResponsesList(ctx.vendor('userloop'), s.id, { range, scores, commentOnly });
        return connectionFromAdapter(adapter, args, {
          field: 'Survey.responses',
          filters: { survey: surveyKey(s), range, scores, commentOnly, type },
          signal: ctx.signal,
        });
      },
    },
    SurveyResponseConnection,
  ),
);

builder.objectField(SurveyQuestion, 'openResponses', (t) =>
  t.connection(
    {
      extensions: cost(READ),
      type: SurveyResponse,
      nullable: true,
      description:
        "Free-text answers, newest first. UserLoop: its open view, with a total and each answer's " +
        'order context. Userlane: the answers with a comment (Userlane filters them).',
      args: {
        range: t.arg({ type: DateRange, description: USERLOOP_DEFAULT_RANGE_DESCRIPTION }),
      },
      resolve: (q, args, ctx) => {
        const lane = q.source === 'USERLANE' ? surveyRange(args.range) : null;
        const range = lane ?? userloopRange(args.range);
        const adapter = lane
          ? userlaneResponsesList(ctx.vendor('userlane'), q.surveyId, lane, { commentOnly: true })
          : userloopOpenList(ctx.vendor('userloop'), q.surveyId, q.id, range);
        return connectionFromAdapter(adapter, args, {
          field: 'SurveyQuestion.openResponses',
          filters: { question: questionKey(q), range: range ?? null },
          signal: ctx.signal,
        });
      },
    },
    SurveyResponseConnection,
  ),
);

builder.objectField(Customer, 'surveyResponses', (t) =>
  t.connection(
    {
      extensions: {
        ...cost({ calls: 2, shared: { reads: () => surveyAnswers, backed: true } }),
        ...startsEarly((ctx) => customerSurveyResponses(ctx, '')),
      },
      type: SurveyResponse,
      nullable: true,
      description:
        "The person's survey answers of the last 360 days, newest first: UserLoop rows by " +
        'recipient email, and Userlane answers of their Userlane users (user directory). Served ' +
        'from request-wide exports: the vendor calls do not grow with the number of customers.',
      resolve: (c, args, ctx) =>
        connectionFromAdapter(
          arrayList(() => customerSurveyResponses(ctx, c.email)),
          args,
          { field: 'Customer.surveyResponses', filters: { email: c.email }, signal: ctx.signal },
        ),
    },
    SurveyResponseConnection,
  ),
);
