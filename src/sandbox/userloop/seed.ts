import { intBetween, pick } from '../random.js';
import { commentFor } from '../seed/comments.js';
import { bubbleId } from '../seed/ids.js';
import { vendorSpelling } from '../seed/people.js';
import type { VendorContext } from '../types.js';
import type { LoopAnswer, LoopQuestion, LoopSurvey } from './catalog.js';

/** What one customer's survey submission shares across its per-question rows. */
export interface Submission {
  recipient: string;
  orderTotal: number;
  currency: string;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  landingSite: string;
  surface: string;
  lineItems: readonly string[];
}

/** One raw row: a submission's answer to one question, as the CSV export has it. */
export interface LoopResponse {
  id: string;
  createdMs: number;
  survey: LoopSurvey;
  question: LoopQuestion;
  answer: LoopAnswer | null;
  text: string | null;
  submission: Submission;
}

const PRODUCTS = [
  'Classic Tee',
  'Canvas Tote',
  'Trail Runner Shoes',
  'Merino Beanie',
  'Ceramic Mug',
  'Leather Wallet',
  'Rain Jacket',
  'Yoga Mat',
  'Water Bottle',
  'Gift Card',
];
const UTM = [
  [null, null, null],
  ['google', 'cpc', 'brand_search'],
  ['instagram', 'social', 'spring_drop'],
  ['newsletter', 'email', 'weekly_digest'],
  ['tiktok', 'social', 'creator_collab'],
] as const;
const SURFACES = ['email', 'checkout', 'order_status', 'web'];

/**
 * ~5,000 rows per unit of scale: submissions spread over each survey's active window (the last
 * two years at most), one row per question answered. Rows come back newest first.
 */
export function generateResponses(
  ctx: VendorContext,
  surveys: readonly LoopSurvey[],
): LoopResponse[] {
  const { random, people } = ctx;
  const target = Math.max(1, Math.round(5000 * ctx.scale));
  const totalWeight = surveys.reduce((sum, survey) => sum + survey.weight, 0);
  const rows: LoopResponse[] = [];
  while (rows.length < target) {
    const survey = pickWeighted(random, surveys, totalWeight);
    const createdMs =
      survey.activeFrom + Math.floor(random() * (survey.activeUntil - survey.activeFrom));
    const person = pick(random, people);
    const utm = pick(random, UTM);
    const items = Array.from({ length: intBetween(random, 1, 3) }, () => pick(random, PRODUCTS));
    const submission: Submission = {
      recipient: vendorSpelling(random, person.email),
      orderTotal: Math.round((15 + random() ** 2 * 400) * 100) / 100,
      currency: survey.currency,
      utmSource: utm[0],
      utmMedium: utm[1],
      utmCampaign: utm[2],
      landingSite: pick(random, ['/', '/collections/new', '/products/classic-tee', '/sale']),
      surface: pick(random, SURFACES),
      lineItems: items,
    };
    // A customer's mood carries across the questions of one submission.
    const mood = random();
    let rowMs = createdMs;
    for (const question of survey.questions) {
      if (question.type === 'OPEN_ENDED' ? random() < 0.45 : random() < 0.04) continue;
      rowMs += intBetween(random, 2000, 40_000);
      const answer = answerFor(random, question, mood);
      rows.push({
        id: bubbleId(rowMs, random),
        createdMs: Math.min(rowMs, survey.activeUntil),
        survey,
        question,
        answer: typeof answer === 'string' ? null : answer,
        text: typeof answer === 'string' ? answer : null,
        submission,
      });
    }
  }
  return rows.sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1));
}

function pickWeighted(
  random: () => number,
  surveys: readonly LoopSurvey[],
  totalWeight: number,
): LoopSurvey {
  let roll = random() * totalWeight;
  for (const survey of surveys) {
    roll -= survey.weight;
    if (roll < 0) return survey;
  }
  return surveys[surveys.length - 1]!;
}

/** The chosen answer, or the free text of an open-ended question. */
function answerFor(
  random: () => number,
  question: LoopQuestion,
  mood: number,
): LoopAnswer | string {
  const { answers } = question;
  if (question.type === 'OPEN_ENDED') return commentFor(random, mood);
  if (question.type === 'MULTIPLE_CHOICE') return pick(random, answers);
  // Scales lean towards the top, as real satisfaction data does.
  const jitter = (random() - 0.5) * 0.3;
  const position = Math.min(1, Math.max(0, Math.sqrt(mood) + jitter));
  return answers[Math.round(position * (answers.length - 1))] ?? answers[0]!;
}
