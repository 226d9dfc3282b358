import { cost, READ } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../types.js';
import { isCalendarDate } from '../../domain/date-range.js';
import type { HeartScore as HeartScoreShape } from '../../domain/userlane-analytics.js';
import { heartList } from '../../lists/userlane.js';
import { mapLimit } from '../../loaders/limit.js';
import { connectionFromAdapter } from '../../pagination/index.js';
import { checkedRange, DateRange } from '../shared/inputs.js';

/** Userlane has no get-by-day: one day's window of the list holds the day, or nothing. */
async function loadHeartDay(
  ctx: GatewayContext,
  date: string,
): Promise<HeartScoreShape | Error | null> {
  if (!isCalendarDate(date)) return null;
  try {
    const days = await ctx
      .vendor('userlane')
      .heart({ from: date, to: date }, 1, HEART_DAY_PAGE, { signal: ctx.signal });
    return days.find((day) => day.date === date) ?? null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

// A one-day window holds one row; a few more leave room for a vendor that repeats a day.
const HEART_DAY_PAGE = 5;
// Refetching many days at once is one call per day: bounded, as for every unbatchable fan-out.
const HEART_DAY_CONCURRENCY = 4;

export const HeartScore = builder.loadableNode('HeartScore', {
  description:
    'One day of Userlane HEART scores (smoothed by Userlane over a rolling 90-day window).',
  id: { resolve: (score: HeartScoreShape) => score.date },
  load: (dates: string[], ctx) =>
    mapLimit(dates, HEART_DAY_CONCURRENCY, (date) => loadHeartDay(ctx, date)),
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

const HeartScoreConnection = builder.connectionObject({
  type: HeartScore,
  name: 'HeartScoreConnection',
});

builder.queryField('heartScores', (t) =>
  t.connection(
    {
      extensions: cost(READ),
      type: HeartScore,
      description:
        'Daily HEART scores, newest day first. totalCount is null: Userlane reports none.',
      args: { range: t.arg({ type: DateRange, required: true }) },
      resolve: (_root, args, ctx) => {
        const range = checkedRange(args.range);
        return connectionFromAdapter(heartList(ctx.vendor('userlane'), range), args, {
          field: 'Query.heartScores',
          filters: { range },
          signal: ctx.signal,
        });
      },
    },
    HeartScoreConnection,
  ),
);
