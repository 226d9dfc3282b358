import { cost } from '../../cost/declare.js';
import { ACCOUNT, walkPages, USERLANE_PAGE } from '../../cost/rules.js';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../types.js';
import type { DateRange } from '../../domain/date-range.js';
import type {
  AnswerBreakdown as AnswerBreakdownShape,
  AnswerCount as AnswerCountShape,
  SurveyAnswer as SurveyAnswerShape,
} from '../../domain/userloop-surveys.js';
import { BadUserInputError } from '../../errors.js';
import {
  type QuestionRecord,
  questionKey,
  scoreBreakdown,
  surveyKey,
} from '../../lists/surveys.js';
import { DateRange as DateRangeInput } from '../shared/inputs.js';
import { Source } from '../shared/source.js';
import { loadQuestion, surveyQuestions } from './nodes.js';
import {
  Survey,
  surveyRange,
  USERLOOP_DEFAULT_RANGE_DESCRIPTION,
  userloopRange,
} from './surveys.js';

const SurveyAnswer = builder.objectRef<SurveyAnswerShape>('SurveyAnswer').implement({
  description: 'An answer option of a question.',
  fields: (t) => ({
    id: t.exposeID('id', {
      nullable: false,
      description: "The vendor's answer id (Userlane: the score).",
    }),
    text: t.exposeString('text', { nullable: false }),
  }),
});

const AnswerCount = builder.objectRef<AnswerCountShape>('AnswerCount').implement({
  description: 'Answers given for one option.',
  fields: (t) => ({
    answerId: t.exposeID('answerId', { nullable: false }),
    answerText: t.exposeString('answerText', { nullable: true }),
    count: t.exposeInt('count', { nullable: false }),
    percentage: t.exposeFloat('percentage', {
      nullable: false,
      description: 'Share of the counted answers, 0..100.',
    }),
    revenue: t.exposeFloat('revenue', {
      nullable: true,
      description:
        'UserLoop: sum of the order totals of these answers (rounded). Null for Userlane.',
    }),
    aov: t.exposeFloat('aov', {
      nullable: true,
      description: 'UserLoop: average order value of these answers (rounded). Null for Userlane.',
    }),
    currency: t.exposeString('currency', { nullable: true }),
  }),
});

const BreakdownFilters = builder
  .objectRef<AnswerBreakdownShape['filters']>('AnswerBreakdownFilters')
  .implement({
    description: 'The filters the breakdown applied.',
    fields: (t) => ({
      answerIds: t.exposeIDList('answerIds', { nullable: false }),
      startDate: t.field({ type: 'Date', nullable: true, resolve: (f) => f.startDate }),
      endDate: t.field({ type: 'Date', nullable: true, resolve: (f) => f.endDate }),
    }),
  });

const AnswerBreakdown = builder.objectRef<AnswerBreakdownShape>('AnswerBreakdown').implement({
  description: 'Answer counts of one question.',
  fields: (t) => ({
    totalResponses: t.exposeInt('totalResponses', { nullable: false }),
    uniqueCustomers: t.exposeInt('uniqueCustomers', {
      nullable: false,
      description: 'UserLoop: distinct respondents. Userlane: distinct Userlane users.',
    }),
    sumResponses: t.exposeInt('sumResponses', {
      nullable: false,
      description: 'Sum of the answer counts (UserLoop falls back to totalResponses).',
    }),
    answers: t.field({
      type: [AnswerCount],
      nullable: false,
      description: 'Most answered first.',
      resolve: (b) => b.answers,
    }),
    filters: t.field({ type: BreakdownFilters, nullable: false, resolve: (b) => b.filters }),
  }),
});

export const SurveyQuestion = builder.loadableNode('SurveyQuestion', {
  description:
    'A question of a survey. A Userlane survey has exactly one, implicit question: its in-app ' +
    'rating, of type SCORE_1_5 (CSAT-like), with answers 1..5 (answer id = score); its text is ' +
    "the survey's title, as Userlane's API carries no question wording.",
  id: { resolve: (q: QuestionRecord) => questionKey(q) },
  load: (keys: string[], ctx) => Promise.all(keys.map((key) => loadQuestion(ctx, key))),
  fields: (t) => ({
    questionId: t.exposeID('id', { nullable: false, description: "The vendor's question id." }),
    source: t.field({ type: Source, nullable: false, resolve: (q) => q.source }),
    text: t.exposeString('text', { nullable: false }),
    type: t.exposeString('type', {
      nullable: false,
      description: 'UserLoop: CSAT, NPS, MULTIPLE_CHOICE, OPEN_ENDED, ... Userlane: SCORE_1_5.',
    }),
    answers: t.field({ type: [SurveyAnswer], nullable: false, resolve: (q) => q.answers }),
    survey: t.field({
      type: Survey,
      nullable: true,
      resolve: (q) => surveyKey({ source: q.source, id: q.surveyId }),
    }),
    breakdown: t.field({
      extensions: cost({ calls: walkPages(ACCOUNT.userlaneSurveyAnswers, USERLANE_PAGE) }),
      type: AnswerBreakdown,
      nullable: true,
      description:
        'Counts per answer. UserLoop: its counts view (with revenue). Userlane: counted from the ' +
        "survey's answers in the range (one read per survey and range per request).",
      args: {
        range: t.arg({ type: DateRangeInput, description: USERLOOP_DEFAULT_RANGE_DESCRIPTION }),
        answerIds: t.arg.idList({ description: 'Only these answers; all by default.' }),
      },
      resolve: (q, args, ctx) =>
        breakdown(
          ctx,
          q,
          q.source === 'USERLOOP' ? userloopRange(args.range) : surveyRange(args.range),
          args.answerIds?.map(String) ?? null,
        ),
    }),
  }),
});

function checkedAnswerIds(q: QuestionRecord, answerIds: readonly string[] | null): string[] | null {
  if (!answerIds?.length) return null;
  const unknown = answerIds.find((id) => !q.answers.some((a) => a.id === id));
  if (unknown !== undefined) {
    throw new BadUserInputError(
      `answerIds: "${unknown.slice(0, 80)}" is not an answer of this question; use SurveyQuestion.answers ids`,
      { argument: 'answerIds' },
    );
  }
  return [...new Set(answerIds)];
}

async function breakdown(
  ctx: GatewayContext,
  q: QuestionRecord,
  range: DateRange | undefined,
  requested: readonly string[] | null,
): Promise<AnswerBreakdownShape> {
  const answerIds = checkedAnswerIds(q, requested);
  const { surveys } = ctx.loaders;
  if (q.source === 'USERLOOP') return surveys.userloopCounts(q.surveyId, q.id, answerIds, range);
  range ??= surveyRange(null);
  const { records } = await surveys.userlaneExport(q.surveyId, range);
  return scoreBreakdown(q, records, answerIds ?? q.answers.map((a) => a.id), range);
}

builder.objectField(Survey, 'questions', (t) =>
  t.field({
    extensions: cost({ lookup: true, itemRead: { read: 'surveyMetadata', weight: 1 } }),
    type: [SurveyQuestion],
    nullable: true,
    description:
      'UserLoop: from the survey metadata (cached). Userlane: its one implicit SCORE_1_5 question.',
    resolve: (s, _args, ctx) => surveyQuestions(ctx, s),
  }),
);
