// Which client methods only read (GET): the request's call memo (loaders/call-memo.ts) makes each
// distinct read once per request; any other method is a write and forgets the vendor's reads.
import type { VendorName } from '../transport/types.js';
import type { PlanhatClient } from './planhat/client.js';
import type { UserHeroClient } from './userhero/client.js';
import type { UserlaneClient } from './userlane/client.js';
import type { UserLoopClient } from './userloop/client.js';

interface Clients {
  userlane: UserlaneClient;
  userloop: UserLoopClient;
  userhero: UserHeroClient;
  planhat: PlanhatClient;
}

export const VENDOR_READS = {
  userlane: ['heart', 'nps', 'surveyResponses', 'tags', 'tasks', 'taskActions'],
  userloop: ['health', 'surveys', 'survey', 'counts', 'openResponses', 'responses', 'response'],
  planhat: ['listNps', 'getNps'],
  userhero: [
    'workspaces',
    'workspace',
    'usage',
    'listFeedback',
    'getFeedback',
    'feedbackByTicket',
    'listComments',
    'listNotes',
    'listProjects',
    'getProject',
    'listWidgets',
    'getWidget',
    'listWebhooks',
    'listCustomers',
    'lookupCustomer',
    'getCustomer',
    'listAutomations',
    'getAutomation',
    'automationRuns',
  ],
} as const satisfies { [K in VendorName]: readonly (keyof Clients[K] & string)[] };
