import type { DateRange } from '../../src/domain/date-range.js';
import type { SandboxVendor } from '../../src/sandbox/types.js';
import type { VendorClients } from '../../src/services.js';

// Every vendor client method that puts an id in its path, with the path its vendor documents for
// it: hostile-ids.test.ts sends hostile ids through each, and
// test/observability/url-template.test.ts checks the template each one's spans carry.

export type Clients = { [K in keyof VendorClients]-?: NonNullable<VendorClients[K]> };

export interface IdMethod {
  vendor: SandboxVendor;
  method: string;
  http: string;
  /** As the sandbox logs it (relative to the vendor's base path); `{id}` is the id's segment. */
  path: string;
  /** `workspace`: the sandbox's UserHero workspace, for the methods that name one. */
  call(c: Clients, id: string, workspace: string): Promise<unknown>;
}

const RANGE: DateRange = { from: '2026-03-01', to: '2026-03-31' };

const m = (
  vendor: SandboxVendor,
  method: string,
  http: string,
  path: string,
  call: IdMethod['call'],
): IdMethod => ({ vendor, method, http, path, call });

/** Every client method taking an id that goes into the path. */
export const METHODS: IdMethod[] = [
  m('userlane', 'surveyResponses', 'GET', '/properties/{property}/surveys/{id}', (c, id) =>
    c.userlane.surveyResponses(id, RANGE, {}, 1, 10),
  ),
  m('userloop', 'survey', 'GET', '/surveys/{id}', (c, id) => c.userloop.survey(id)),
  m('userloop', 'response', 'GET', '/responses/{id}', (c, id) => c.userloop.response(id)),
  m('userhero', 'workspace', 'GET', '/workspace/{id}', (c, id) => c.userhero.workspace(id)),
  m('userhero', 'usage', 'GET', '/workspace/{id}/usage', (c, id) => c.userhero.usage(id)),
  m('userhero', 'getFeedback', 'GET', '/feedback/{id}', (c, id, ws) =>
    c.userhero.getFeedback(ws, id),
  ),
  m('userhero', 'updateFeedback', 'PATCH', '/feedback/{id}', (c, id, ws) =>
    c.userhero.updateFeedback(id, { workspaceId: ws, status: 'new' }),
  ),
  m('userhero', 'deleteFeedback', 'DELETE', '/feedback/{id}', (c, id, ws) =>
    c.userhero.deleteFeedback(ws, id),
  ),
  m('userhero', 'listComments', 'GET', '/feedback/{id}/comments', (c, id) =>
    c.userhero.listComments(id),
  ),
  m('userhero', 'addComment', 'POST', '/feedback/{id}/comments', (c, id) =>
    c.userhero.addComment(id, { message: 'hello' }),
  ),
  m('userhero', 'listNotes', 'GET', '/feedback/{id}/notes', (c, id) => c.userhero.listNotes(id)),
  m('userhero', 'addNote', 'POST', '/feedback/{id}/notes', (c, id) =>
    c.userhero.addNote(id, { content: 'hello' }),
  ),
  m('userhero', 'getProject', 'GET', '/projects/{id}', (c, id, ws) =>
    c.userhero.getProject(ws, id),
  ),
  m('userhero', 'updateProject', 'PATCH', '/projects/{id}', (c, id, ws) =>
    c.userhero.updateProject(id, { workspaceId: ws, name: 'x' }),
  ),
  m('userhero', 'deleteProject', 'DELETE', '/projects/{id}', (c, id, ws) =>
    c.userhero.deleteProject(ws, id),
  ),
  m('userhero', 'getWidget', 'GET', '/widgets/{id}', (c, id, ws) => c.userhero.getWidget(ws, id)),
  m('userhero', 'updateWidget', 'PATCH', '/widgets/{id}', (c, id, ws) =>
    c.userhero.updateWidget(id, { workspaceId: ws, enabled: false }),
  ),
  m('userhero', 'deleteWidget', 'DELETE', '/widgets/{id}', (c, id, ws) =>
    c.userhero.deleteWidget(ws, id),
  ),
  m('userhero', 'deleteWebhook', 'DELETE', '/webhooks/{id}', (c, id, ws) =>
    c.userhero.deleteWebhook(ws, id),
  ),
  m('userhero', 'getCustomer', 'GET', '/customers/{id}', (c, id) => c.userhero.getCustomer(id)),
  m('userhero', 'updateCustomer', 'PATCH', '/customers/{id}', (c, id) =>
    c.userhero.updateCustomer(id, { name: 'x' }),
  ),
  m('userhero', 'deleteCustomer', 'DELETE', '/customers/{id}', (c, id) =>
    c.userhero.deleteCustomer(id),
  ),
  m('userhero', 'mergeCustomers', 'POST', '/customers/{id}/merge', (c, id) =>
    c.userhero.mergeCustomers(id, 'cus_source'),
  ),
  m('userhero', 'getAutomation', 'GET', '/automations/{id}', (c, id) =>
    c.userhero.getAutomation(id),
  ),
  m('userhero', 'automationRuns', 'GET', '/automations/{id}/runs', (c, id) =>
    c.userhero.automationRuns(id),
  ),
  m('userhero', 'runMacro', 'POST', '/automations/{id}/run', (c, id) =>
    c.userhero.runMacro(id, 'fb_1'),
  ),
  m('planhat', 'getNps', 'GET', '/nps/{id}', (c, id) => c.planhat.getNps(id)),
  m('planhat', 'updateNps', 'PUT', '/nps/{id}', (c, id) => c.planhat.updateNps(id, { score: 9 })),
  m('planhat', 'deleteNps', 'DELETE', '/nps/{id}', (c, id) => c.planhat.deleteNps(id)),
  m('planhat', 'getNps by source id', 'GET', '/nps/srcid-{id}', (c, id) =>
    c.planhat.getNps({ sourceId: id }),
  ),
  m('planhat', 'updateNps by source id', 'PUT', '/nps/srcid-{id}', (c, id) =>
    c.planhat.updateNps({ sourceId: id }, { score: 9 }),
  ),
  m('planhat', 'deleteNps by source id', 'DELETE', '/nps/srcid-{id}', (c, id) =>
    c.planhat.deleteNps({ sourceId: id }),
  ),
];

/** Methods whose id is a number: only an integer is meant to reach their path. */
export const NUMBERED: IdMethod[] = [
  m('userlane', 'taskActions', 'GET', '/properties/{property}/tasks/{id}/actions', (c, id) =>
    c.userlane.taskActions(id as unknown as number, RANGE, null, 10),
  ),
  m('userhero', 'feedbackByTicket', 'GET', '/feedback/number/{id}', (c, id, ws) =>
    c.userhero.feedbackByTicket(ws, id as unknown as number),
  ),
];
