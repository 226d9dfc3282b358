import { intBetween } from '../random.js';

// What the Userlane Portal knows and the API never returns: tag, task, action and survey names.
// The sandbox writes them as the Portal's CSV exports; the API only carries ids.

export interface UserlaneTag {
  tagId: string;
  name: string;
  /** The day (number) the tag was created in the Portal: no interactions before it. */
  createdDay: number;
  /** Relative share of daily interactions. */
  weight: number;
}

export interface TaskAction {
  actionId: number;
  name: string;
  actionType: string;
  url: string;
}

export interface UserlaneTask {
  taskId: number;
  name: string;
  taskVersion: number;
  actions: TaskAction[];
  /** Chance that a session at step i goes on to step i + 1: the funnel's shape. */
  continueRates: number[];
  createdDay: number;
  weight: number;
}

export interface UserlaneSurvey {
  id: string;
  title: string;
  type: string;
  startDay: number;
  /** Average score 1..5 this survey's respondents lean to. */
  mood: number;
}

// biome-ignore format: word lists read best packed
const TAG_NAMES = [
  'Create report',
  'Export to CSV',
  'Invite teammate',
  'Open settings',
  'Save filter',
  'Share dashboard',
  'Click "Upgrade plan"',
  'Search bar',
  'Help center link',
  'New project',
  'Archive item',
  'Download invoice',
  'Connect Salesforce',
  'Edit profile',
  'Switch workspace',
  'Bulk edit, table view',
  'Schedule report',
  'Add comment',
  'Mark as done',
  'Import contacts',
  'Notifications bell',
  'Dark mode toggle',
  'Calendar view',
  'Approve request',
  'Logout',
];

// biome-ignore format: one task per line
const TASKS: [name: string, steps: [string, string][]][] = [
  [
    'Create your first report',
    [
      ['page_load', 'Open Reports'],
      ['click', 'Click "New report"'],
      ['input', 'Enter report name'],
      ['click', 'Click SAVE'],
    ],
  ],
  [
    'Invite a teammate',
    [
      ['page_load', 'Open Team page'],
      ['click', 'Click Invite'],
      ['input', 'Enter email'],
      ['click', 'Send invite'],
    ],
  ],
  [
    'Set up SSO',
    [
      ['page_load', 'Open Security settings'],
      ['click', 'Choose SAML'],
      ['input', 'Paste metadata URL'],
      ['click', 'Test connection'],
      ['click', 'Enable SSO'],
    ],
  ],
  [
    'Connect Salesforce',
    [
      ['page_load', 'Open Integrations'],
      ['click', 'Select Salesforce'],
      ['click', 'Authorize'],
      ['select', 'Pick objects to sync'],
      ['click', 'Start sync'],
    ],
  ],
  [
    'Export data',
    [
      ['page_load', 'Open Data'],
      ['select', 'Choose format'],
      ['click', 'Click Export'],
    ],
  ],
  [
    'Configure notifications',
    [
      ['page_load', 'Open Notifications'],
      ['click', 'Toggle email digest'],
      ['select', 'Pick frequency'],
      ['click', 'Save'],
    ],
  ],
  [
    'Create a dashboard',
    [
      ['page_load', 'Open Dashboards'],
      ['click', 'New dashboard'],
      ['click', 'Add widget'],
      ['select', 'Choose chart type'],
      ['input', 'Name the dashboard'],
      ['click', 'Click SAVE'],
    ],
  ],
  [
    'Submit expense',
    [
      ['page_load', 'Open Expenses'],
      ['click', 'New expense'],
      ['input', 'Enter amount'],
      ['click', 'Attach receipt'],
      ['click', 'Submit'],
    ],
  ],
  [
    'Approve a request',
    [
      ['page_load', 'Open Inbox'],
      ['click', 'Open request'],
      ['click', 'Approve'],
    ],
  ],
  [
    'Update billing details',
    [
      ['page_load', 'Open Billing'],
      ['click', 'Edit payment method'],
      ['input', 'Enter card'],
      ['click', 'Save'],
    ],
  ],
  [
    'Schedule a report',
    [
      ['page_load', 'Open report'],
      ['click', 'Click Schedule'],
      ['select', 'Pick recipients'],
      ['select', 'Pick time'],
      ['click', 'Confirm'],
    ],
  ],
  [
    'Import contacts',
    [
      ['page_load', 'Open Contacts'],
      ['click', 'Click Import'],
      ['click', 'Upload file'],
      ['select', 'Map columns'],
      ['click', 'Run import'],
      ['click', 'Review results'],
      ['click', 'Done'],
    ],
  ],
];

/** A retired task: listed in the Portal export, with no activity in the API. */
const RETIRED_TASK = 'Legacy export wizard';

const SURVEYS: [title: string, mood: number, ageDays: number][] = [
  ['Onboarding checklist satisfaction', 4.1, 700],
  ['Reporting dashboard feedback', 3.4, 500],
  ['Billing page experience', 2.9, 260],
];

export interface UserlaneCatalog {
  tags: UserlaneTag[];
  tasks: UserlaneTask[];
  retiredTask: { taskId: number; name: string };
  surveys: UserlaneSurvey[];
}

export function generateCatalog(random: () => number, today: number): UserlaneCatalog {
  const tags = TAG_NAMES.map((name, i) => ({
    tagId: String(101 + i),
    name,
    createdDay: today - intBetween(random, 20, 900),
    weight: 0.2 + random() ** 2 * 5,
  }));
  let taskId = 100;
  let actionId = 500;
  const tasks = TASKS.map(([name, steps], i) => {
    taskId += intBetween(random, 5, 30);
    return {
      taskId,
      name,
      taskVersion: intBetween(random, 1, 4),
      actions: steps.map(([actionType, actionName], index) => {
        actionId += intBetween(random, 1, 9);
        return {
          actionId,
          name: actionName,
          actionType,
          url: `https://app.example.com/${slug(name)}${index === 0 ? '' : `#step-${index}`}`,
        };
      }),
      continueRates: steps.slice(1).map(() => 0.72 + random() * 0.25),
      // Two tasks were published recently, so their activity starts mid-history.
      createdDay: i === 6 ? today - 200 : i === 11 ? today - 90 : today - 1000,
      weight: 0.3 + random() * 2,
    };
  });
  let surveyId = 4000;
  const surveys = SURVEYS.map(([title, mood, ageDays]) => {
    surveyId += intBetween(random, 100, 900);
    return { id: String(surveyId), title, type: 'custom', startDay: today - ageDays, mood };
  });
  return {
    tags,
    tasks,
    retiredTask: { taskId: taskId + intBetween(random, 5, 30), name: RETIRED_TASK },
    surveys,
  };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
