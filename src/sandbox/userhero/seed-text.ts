// Vocabulary for realistic seeded feedback, comments and notes.
import { pick } from '../random.js';

export const CATEGORIES = ['bug', 'feature', 'question', 'praise'] as const;
export type Category = (typeof CATEGORIES)[number];

const AREAS = [
  'dashboard',
  'billing page',
  'CSV export',
  'search',
  'notifications panel',
  'SSO login',
  'reports view',
  'Slack integration',
  'user settings',
  'onboarding checklist',
  'calendar view',
  'API tokens page',
  'team invites',
  'file uploader',
  'mobile app',
];
const ACTIONS = [
  'upload a file',
  'filter by date',
  'switch workspaces',
  'export to CSV',
  'invite a teammate',
  'change my password',
  'sort by name',
  'open it in Safari',
  'share a report',
  'add a second admin',
];
const CAPABILITIES = [
  'bulk editing',
  'keyboard shortcuts',
  'scheduled exports',
  'a dark theme',
  'role-based permissions',
  'an audit log',
  'Excel export',
  'saved filters',
  'two-factor authentication',
  'custom date ranges',
];
const TEAMS = ['sales team', 'support team', 'finance team', 'engineering team', 'ops team'];

const TEMPLATES: Record<Category, readonly string[]> = {
  bug: [
    'The {area} crashes when I try to {action}.',
    'Getting a blank screen on the {area} since the last update.',
    'The {area} takes more than 30 seconds to load for our {team}.',
    'I clicked save on the {area} and my changes were lost.',
    'Error 500 every time I {action}. Tried twice this morning.',
    'The {area} shows times in the wrong timezone for our {team}.',
    'Buttons on the {area} overlap on smaller screens, I cannot {action}.',
  ],
  feature: [
    'It would be great if the {area} supported {capability}.',
    'Could you add {capability} to the {area}?',
    'We need {capability} before we can roll this out to the whole {team}.',
    'Please let us {action} straight from the {area}.',
    'Any plans for {capability}? Our {team} keeps asking.',
  ],
  question: [
    'How do I {action} from the {area}?',
    'Is there a way to {action} without admin rights?',
    'Does the {area} support {capability}?',
    'Where did the {area} go after the redesign?',
    'Can our {team} {action} in bulk?',
  ],
  praise: [
    'Love the new {area}! It saves our {team} hours every week.',
    'The {area} redesign is fantastic, thank you.',
    'Support was super quick to help with the {area}. Great job!',
    'Being able to {action} in one click is a game changer.',
  ],
};

export function feedbackMessage(random: () => number, category: Category): string {
  return pick(random, TEMPLATES[category])
    .replace('{area}', pick(random, AREAS))
    .replace('{action}', pick(random, ACTIONS))
    .replace('{capability}', pick(random, CAPABILITIES))
    .replace('{team}', pick(random, TEAMS));
}

export const AGENT_REPLIES = [
  "Thanks for reporting this! We're looking into it.",
  'Could you share a screenshot of what you see?',
  'This is fixed in the latest release, please refresh and try again.',
  'Good idea, I have passed it on to our product team.',
  'You can find this under Settings > Workspace.',
  "We've reproduced the issue and a fix is scheduled for this week.",
];

export const CUSTOMER_REPLIES = [
  'Thanks! Here is what I see.',
  'The issue is still happening on my side.',
  'That worked, thank you so much!',
  'Any update on this?',
  'It happens on both Chrome and Firefox.',
];

export const NOTE_TEXTS = [
  'Escalated to engineering team.',
  'Customer is on an enterprise contract, renewal next quarter.',
  'Duplicate of an older ticket, linking them.',
  'Reproducible on Chrome 124, not on Firefox.',
  'Discussed in the weekly triage; planned for next sprint.',
];

export const TAGS = [
  'billing',
  'ui',
  'performance',
  'mobile',
  'onboarding',
  'export',
  'integrations',
  'security',
  'accessibility',
  'api',
];

export const CUSTOMER_TAGS = ['enterprise', 'beta', 'vip', 'trial', 'churn-risk', 'champion'];

export const PAGES = ['/dashboard', '/settings', '/billing', '/reports', '/search', '/onboarding'];
export const BROWSERS = ['Chrome 124', 'Firefox 126', 'Safari 17.4', 'Edge 124'];
export const OPERATING_SYSTEMS = ['macOS 14', 'Windows 11', 'Ubuntu 22.04', 'iOS 17', 'Android 14'];
export const TIMEZONES = [
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Australia/Sydney',
];
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja'];
