// Refetching surveys, questions and answers by their node keys (see src/lists/surveys.ts).
import type { GatewayContext } from '../../types.js';
import {
  fromUserLoopRaw,
  parseQuestionKey,
  parseResponseKey,
  parseSurveyKey,
  type QuestionRecord,
  type SurveyRecord,
  type SurveyResponseRecord,
  USERLANE_QUESTION_ID,
  userlaneAnswerDay,
  userlaneQuestion,
} from '../../lists/surveys.js';
import { isInaccessible } from '../../loaders/surveys.js';

type Loaded<T> = T | null | Error;

async function settle<T>(load: () => Promise<T | null>): Promise<Loaded<T>> {
  try {
    return await load();
  } catch (error) {
    if (isInaccessible(error)) return null;
    return error instanceof Error ? error : new Error(String(error));
  }
}

function configuredUserlane(ctx: GatewayContext, surveyId: string) {
  return ctx.services.config.userlaneSurveys.find((s) => s.id === surveyId) ?? null;
}

/**
 * A Userlane survey by id: a configured one (USERLANE_SURVEYS, the catalog) as configured; any
 * other one Userlane knows (one page of one answer of today answers, 404 when it does not),
 * titled by its id, as Userlane has no catalog to read a title from.
 */
export async function userlaneSurvey(
  ctx: GatewayContext,
  surveyId: string,
): Promise<{ id: string; title: string } | null> {
  const configured = configuredUserlane(ctx, surveyId);
  if (configured) return configured;
  // The docs: survey ids are numeric (found in the Portal's survey URL); anything else names none.
  if (!/^\d{1,20}$/.test(surveyId)) return null;
  const today = new Date().toISOString().slice(0, 10);
  try {
    await ctx
      .vendor('userlane')
      .surveyResponses(surveyId, { from: today, to: today }, {}, 1, 1, { signal: ctx.signal });
  } catch (error) {
    if (isInaccessible(error)) return null;
    throw error;
  }
  return { id: surveyId, title: `Userlane survey ${surveyId}` };
}

/** A UserLoop survey is one the catalog lists: a survey off the key's allowlist is null. */
export function loadSurvey(ctx: GatewayContext, key: string): Promise<Loaded<SurveyRecord>> {
  return settle(async () => {
    const parsed = parseSurveyKey(key);
    if (!parsed) return null;
    const { source, id } = parsed;
    if (source === 'USERLANE') {
      const survey = await userlaneSurvey(ctx, id);
      return survey && { source, id, title: survey.title, userloop: null };
    }
    const summary = (await ctx.loaders.userloopSurveys()).find((s) => s.id === id);
    return summary ? { source, id, title: summary.title, userloop: summary } : null;
  });
}

export async function surveyQuestions(
  ctx: GatewayContext,
  survey: { source: SurveyRecord['source']; id: string; title: string },
): Promise<QuestionRecord[]> {
  if (survey.source === 'USERLANE') return [userlaneQuestion(survey)];
  const metadata = await ctx.loaders.userloopSurvey.load(survey.id);
  return metadata.questions.map((q) => ({ ...q, source: 'USERLOOP' }));
}

export function loadQuestion(ctx: GatewayContext, key: string): Promise<Loaded<QuestionRecord>> {
  return settle(async () => {
    const parsed = parseQuestionKey(key);
    if (!parsed) return null;
    const { source, surveyId, id: questionId } = parsed;
    if (source === 'USERLANE') {
      if (questionId !== USERLANE_QUESTION_ID) return null;
      const survey = await userlaneSurvey(ctx, surveyId);
      return survey && userlaneQuestion(survey);
    }
    const questions = await surveyQuestions(ctx, { source, id: surveyId, title: '' });
    return questions.find((q) => q.id === questionId) ?? null;
  });
}

/**
 * UserLoop reads one answer by id. Userlane has no read by id: the synthetic id holds the
 * answer's instant, so that day's page of the survey holds it (shared by answers of one day).
 */
export function loadResponse(
  ctx: GatewayContext,
  key: string,
): Promise<Loaded<SurveyResponseRecord>> {
  return settle(async () => {
    const parsed = parseResponseKey(key);
    if (!parsed) return null;
    if (parsed.source === 'USERLOOP') {
      const row = await ctx.loaders.surveys.userloopResponse.load(parsed.id);
      return row && fromUserLoopRaw(row);
    }
    const { surveyId, id } = parsed;
    const day = userlaneAnswerDay(id);
    if (day === null || !(await userlaneSurvey(ctx, surveyId))) return null;
    const rows = await ctx.loaders.surveys.userlaneDay(surveyId, day);
    return rows.find((r) => r.id === id) ?? null;
  });
}
