import { DAY_MS } from '../dates.js';
import { commentFor } from '../seed/comments.js';
import { npsScore } from '../seed/nps.js';
import type { UserlaneSurvey } from './catalog.js';
import { pickActive, type UserlaneUser } from './users.js';

/** An NPS (0..10) or survey (1..5) answer; lists hold them newest first. */
export interface ScoredResponse {
  ms: number;
  score: number;
  comment: string;
  user: UserlaneUser;
}

const HISTORY_DAYS = 730;

/** ~1,500 NPS answers per unit of scale over the last two years. */
export function generateNps(
  random: () => number,
  nowMs: number,
  order: readonly UserlaneUser[],
  scale: number,
): ScoredResponse[] {
  const count = Math.max(1, Math.round(1500 * scale));
  const fromMs = nowMs - HISTORY_DAYS * DAY_MS;
  return newestFirst(
    Array.from({ length: count }, () => {
      const score = npsScore(random);
      return {
        ms: fromMs + Math.floor(random() * (nowMs - fromMs)),
        score,
        comment: random() < 0.45 ? '' : commentFor(random, score / 10),
        user: pickActive(random, order),
      };
    }),
  );
}

/** ~300 answers per survey and unit of scale since the survey went live. */
export function generateSurveyResponses(
  random: () => number,
  nowMs: number,
  survey: UserlaneSurvey,
  order: readonly UserlaneUser[],
  scale: number,
): ScoredResponse[] {
  const count = Math.max(1, Math.round(300 * scale));
  const fromMs = survey.startDay * DAY_MS;
  return newestFirst(
    Array.from({ length: count }, () => {
      // Most answers sit near the survey's mood; some users answer anything at all.
      const leaning = survey.mood + (random() - 0.5) * 3.2;
      const score =
        random() < 0.12
          ? 1 + Math.floor(random() * 5)
          : Math.min(5, Math.max(1, Math.round(leaning)));
      return {
        ms: fromMs + Math.floor(random() * (nowMs - fromMs)),
        score,
        comment: random() < 0.6 ? '' : commentFor(random, (score - 1) / 4),
        user: pickActive(random, order),
      };
    }),
  );
}

function newestFirst(responses: ScoredResponse[]): ScoredResponse[] {
  // Whole seconds: the API shows second-precision timestamps, so equal ones must compare equal.
  for (const response of responses) response.ms -= response.ms % 1000;
  return responses.sort((a, b) => b.ms - a.ms || (a.user.id < b.user.id ? -1 : 1));
}
