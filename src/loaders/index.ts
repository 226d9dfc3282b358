import DataLoader from 'dataloader';
import { readThrough } from '../cache/freshness.js';
import type { UserLoopSurvey, UserLoopSurveySummary } from '../domain/userloop-surveys.js';
import { VendorError } from '../transport/vendor-error.js';
import { createExportLoaders, type ExportLoaders } from './exports.js';
import { createPlanhatLoaders, type PlanhatLoaders } from './planhat.js';
import type { LoaderScope } from './scope.js';
import { createSurveyLoaders, type SurveyLoaders } from './surveys.js';
import { createUserHeroLoaders, type UserHeroLoaders } from './userhero.js';
import { createUserlaneLoaders, type UserlaneLoaders } from './userlane.js';

/** All of a request's loaders, built by one factory so nothing request-scoped outlives it. */
export interface Loaders {
  userloopSurveys: () => Promise<UserLoopSurveySummary[]>;
  userloopSurvey: DataLoader<string, UserLoopSurvey>;
  /** NPS questions of the surveys this key may read: the UserLoop streams of the NPS feed. */
  userloopNpsQuestions: () => Promise<{ surveyId: string; questionId: string }[]>;
  userhero: UserHeroLoaders;
  exports: ExportLoaders;
  userlane: UserlaneLoaders;
  surveys: SurveyLoaders;
  planhat: PlanhatLoaders;
}

export function createLoaders(ctx: LoaderScope): Loaders {
  const { caches } = ctx.services;
  const signal = ctx.signal;

  const userloopSurveys = once(() =>
    readThrough(ctx, caches.userloopSurveys, 'all', () =>
      ctx.vendor('userloop').surveys({ signal }),
    ),
  );
  // UserLoop reads one survey per call, so the batch is concurrent single reads, matched by key.
  const userloopSurvey = new DataLoader<string, UserLoopSurvey>((ids) =>
    Promise.all(
      ids.map((id) =>
        readThrough(ctx, caches.userloopSurvey, id, () =>
          ctx.vendor('userloop').survey(id, { signal }),
        ).catch((error: unknown) => toError(error)),
      ),
    ),
  );
  const userloopNpsQuestions = once(async () => {
    const surveys = await userloopSurveys();
    const loaded = await userloopSurvey.loadMany(surveys.map((s) => s.id));
    return loaded.flatMap((survey) => {
      // A survey outside this key's allowlist is not ours to read; any other failure is.
      if (survey instanceof VendorError && survey.kind === 'forbidden') return [];
      if (survey instanceof Error) throw survey;
      return survey.questions
        .filter((q) => q.type.toUpperCase() === 'NPS')
        .map((q) => ({ surveyId: survey.id, questionId: q.id }));
    });
  });

  // Each vendor's loaders are made on first use: a request reading one vendor makes only its own.
  const group = <T>(make: () => T): PropertyDescriptor => {
    let value: T | undefined;
    return { get: () => (value ??= make()), enumerable: true };
  };
  return Object.defineProperties(
    { userloopSurveys, userloopSurvey, userloopNpsQuestions },
    {
      userhero: group(() => createUserHeroLoaders(ctx)),
      exports: group(() => createExportLoaders(ctx, { userloopNpsQuestions })),
      userlane: group(() => createUserlaneLoaders(ctx)),
      surveys: group(() => createSurveyLoaders(ctx, { userloopSurveys })),
      planhat: group(() => createPlanhatLoaders(ctx)),
    },
  ) as Loaders;
}

/** A keyless loader: the first call's promise is shared by every later call in the request. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load();
    return value;
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
