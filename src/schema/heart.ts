import { builder } from '../builder.js';
import type { HeartScore as HeartScoreShape } from '../domain/userlane-analytics.js';
import { heartList } from '../lists/userlane.js';
import { connectionFromAdapter } from '../pagination/index.js';
import { checkedRange, DateRange } from './inputs.js';

const HeartScore = builder.objectRef<HeartScoreShape>('HeartScore').implement({
  description:
    'One day of Userlane HEART scores (smoothed by Userlane over a rolling 90-day window).',
  fields: (t) => ({
    date: t.field({ type: 'Date', nullable: false, resolve: (s) => s.date }),
    users: t.exposeInt('users', { nullable: true }),
    sessions: t.exposeInt('sessions', { nullable: true }),
    happiness: t.exposeInt('happiness', { nullable: true }),
    engagement: t.exposeInt('engagement', { nullable: true }),
    adoption: t.exposeInt('adoption', { nullable: true }),
    retention: t.exposeInt('retention', { nullable: true }),
    taskSuccess: t.exposeInt('taskSuccess', { nullable: true }),
    heart: t.exposeInt('heart', { nullable: true, description: 'The overall composite score.' }),
  }),
});

builder.queryField('heartScores', (t) =>
  t.connection({
    type: HeartScore,
    description: 'Daily HEART scores, newest day first. totalCount is null: Userlane reports none.',
    args: { range: t.arg({ type: DateRange, required: true }) },
    resolve: (_root, args, ctx) => {
      const range = checkedRange(args.range);
      return connectionFromAdapter(heartList(ctx.vendor('userlane'), range), args, {
        field: 'Query.heartScores',
        filters: { range },
        signal: ctx.signal,
      });
    },
  }),
);
