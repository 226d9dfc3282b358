import { DAY_MS } from '../dates.js';
import { intBetween } from '../random.js';
import { bubbleId } from '../seed/ids.js';

export type QuestionType = 'CSAT' | 'NPS' | 'OPEN_ENDED' | 'MULTIPLE_CHOICE';

export interface LoopAnswer {
  answer_id: string;
  answer: string;
}

export interface LoopQuestion {
  question_id: string;
  question: string;
  type: QuestionType;
  answers: LoopAnswer[];
}

export interface LoopSurvey {
  id: string;
  title: string;
  format: string;
  status: 'active' | 'archived';
  createdMs: number;
  updatedMs: number;
  /** Responses arrive between these instants. */
  activeFrom: number;
  activeUntil: number;
  currency: string;
  /** Share of all submissions this survey receives. */
  weight: number;
  /** False for the survey kept off this key's allowlist. */
  allowed: boolean;
  questions: LoopQuestion[];
  config: Record<string, Record<string, unknown>>;
}

interface QuestionTemplate {
  type: QuestionType;
  text: string;
  choices?: readonly string[];
}

interface SurveyTemplate {
  title: string;
  format: string;
  ageDays: number;
  archivedDaysAgo?: number;
  currency: string;
  weight: number;
  allowed?: false;
  questions: QuestionTemplate[];
  config: Record<string, Record<string, unknown>>;
}

const HEAR_ABOUT = ['Instagram', 'Google search', 'A friend', 'Podcast', 'TikTok', 'Other'];

const TEMPLATES: SurveyTemplate[] = [
  {
    title: 'Post Purchase Email Survey',
    format: 'Email',
    ageDays: 1400,
    currency: 'USD',
    weight: 0.32,
    questions: [
      { type: 'CSAT', text: 'How satisfied were you with your recent order?' },
      { type: 'NPS', text: 'How likely are you to recommend us to a friend?' },
      { type: 'MULTIPLE_CHOICE', text: 'Where did you first hear about us?', choices: HEAR_ABOUT },
      { type: 'OPEN_ENDED', text: 'What could we do better?' },
    ],
    config: {
      schedule: { post_purchase: 'in 2 days' },
      triggers: { order_fulfilled: true },
      discount: {
        header: 'Your 10% Coupon Awaits',
        shopify_price_rules: [{ api_c2_id: '1032299675825' }],
      },
      incentives: { type: 'coupon', value: '10%' },
    },
  },
  {
    title: 'Checkout Attribution',
    format: 'Checkout',
    ageDays: 900,
    currency: 'USD',
    weight: 0.26,
    questions: [
      { type: 'MULTIPLE_CHOICE', text: 'How did you hear about us?', choices: HEAR_ABOUT },
      { type: 'OPEN_ENDED', text: 'Anything else you would like to tell us?' },
    ],
    config: { schedule: { display: 'thank_you_page' }, triggers: { checkout_completed: true } },
  },
  {
    title: 'Quarterly NPS',
    format: 'Email',
    ageDays: 1100,
    currency: 'USD',
    weight: 0.2,
    questions: [
      { type: 'NPS', text: 'How likely are you to recommend Acme to a colleague?' },
      { type: 'OPEN_ENDED', text: 'What is the main reason for your score?' },
    ],
    config: { schedule: { recurring: 'every 90 days' }, triggers: { segment: 'active_customers' } },
  },
  {
    title: 'Onboarding Feedback',
    format: 'Link',
    ageDays: 500,
    currency: 'EUR',
    weight: 0.12,
    questions: [
      { type: 'CSAT', text: 'How easy was it to get started?' },
      {
        type: 'MULTIPLE_CHOICE',
        text: 'Which feature did you try first?',
        choices: ['Dashboard', 'Reports', 'Integrations', 'Mobile app'],
      },
      { type: 'OPEN_ENDED', text: 'What almost stopped you from signing up?' },
    ],
    config: { sharing: { public_link: true }, triggers: { signup_completed: true } },
  },
  {
    title: 'Holiday Campaign',
    format: 'Email',
    ageDays: 760,
    archivedDaysAgo: 560,
    currency: 'USD',
    weight: 0.06,
    questions: [
      { type: 'CSAT', text: 'How was your holiday shopping experience?' },
      {
        type: 'MULTIPLE_CHOICE',
        text: 'Who did you buy for?',
        choices: ['Myself', 'Family', 'Friends', 'Colleagues'],
      },
    ],
    config: {
      schedule: { post_purchase: 'in 1 day' },
      incentives: { type: 'gift', value: 'tote bag' },
    },
  },
  {
    title: 'Wholesale Partner Survey',
    format: 'Link',
    ageDays: 600,
    currency: 'USD',
    weight: 0.04,
    allowed: false,
    questions: [
      { type: 'NPS', text: 'How likely are you to recommend our wholesale program?' },
      { type: 'OPEN_ENDED', text: 'How can we support your store better?' },
    ],
    config: { recipients: { segment: 'wholesale_partners' } },
  },
];

const HISTORY_DAYS = 730;

export function generateCatalog(random: () => number, now: number): LoopSurvey[] {
  return TEMPLATES.map((template) => {
    const createdMs = now - template.ageDays * DAY_MS - intBetween(random, 0, DAY_MS);
    const activeUntil =
      template.archivedDaysAgo === undefined ? now : now - template.archivedDaysAgo * DAY_MS;
    const updatedMs = activeUntil - intBetween(random, DAY_MS, 40 * DAY_MS);
    let questionMs = createdMs;
    const questions = template.questions.map((question) => {
      questionMs += intBetween(random, 1000, 60_000);
      return {
        question_id: bubbleId(questionMs, random),
        question: question.text,
        type: question.type,
        answers: answerTexts(question).map((answer) => ({
          answer,
          answer_id: bubbleId(questionMs + intBetween(random, 1, 5000), random),
        })),
      };
    });
    const id = bubbleId(createdMs, random);
    return {
      id,
      title: template.title,
      format: template.format,
      status: template.archivedDaysAgo === undefined ? 'active' : 'archived',
      createdMs,
      updatedMs,
      activeFrom: Math.max(createdMs, now - HISTORY_DAYS * DAY_MS),
      activeUntil,
      currency: template.currency,
      weight: template.weight,
      allowed: template.allowed ?? true,
      questions,
      config: surveyConfig(template, id),
    };
  });
}

function answerTexts(question: QuestionTemplate): string[] {
  if (question.type === 'NPS') return Array.from({ length: 11 }, (_, i) => String(i));
  if (question.type === 'CSAT') return ['1', '2', '3', '4', '5'];
  return [...(question.choices ?? [])];
}

/** Every grouped metadata object the docs list, with the template's own values on top. */
function surveyConfig(template: SurveyTemplate, id: string): LoopSurvey['config'] {
  const discount = template.config.discount !== undefined;
  return {
    toggles: {
      progress_bar: true,
      discount_enabled: discount,
      allow_skip: template.format !== 'Checkout',
    },
    schedule: {},
    triggers: {},
    discount: {},
    colors: { primary: '#4f46e5', background: '#ffffff', text: '#111827' },
    recipients: { segment: 'all_customers', exclude_repeat_days: 30 },
    flags: { is_template: false, is_test: false },
    incentives: {},
    sharing: { public_link: false, share_url: `https://survey.userloop.io/s/${id}` },
    integrations: { shopify: true, klaviyo: template.format === 'Email' },
    ...template.config,
  };
}
