import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DateRange } from '../../src/domain/date-range.js';
import { InvalidInputError } from '../../src/domain/input-error.js';
import { encodeGlobalId } from '../../src/global-id.js';
import type { SandboxVendor } from '../../src/sandbox/types.js';
import type { VendorClients } from '../../src/services.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { globalId } from '../schema/userhero-fixtures.js';

// Every vendor client method that puts an id in its path, called with hostile ids against the
// sandbox: an id that is, or decodes to, an empty or dot segment is refused before any request
// (a normalising proxy would turn `/customers/.` or `/feedback/../comments` into another
// endpoint); any other id arrives as exactly one encoded segment where the method puts it.

let gw: TestGateway;
let workspace: string;
beforeAll(async () => {
  gw = await startTestGateway();
  workspace = gw.sandbox.seed.userhero.workspaceId;
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.log.clear());

type Clients = { [K in keyof VendorClients]-?: NonNullable<VendorClients[K]> };

interface IdMethod {
  vendor: SandboxVendor;
  method: string;
  http: string;
  /** As the sandbox logs it (relative to the vendor's base path); `{id}` is the id's segment. */
  path: string;
  call(c: Clients, id: string): Promise<unknown>;
}

const RANGE: DateRange = { from: '2026-03-01', to: '2026-03-31' };
const ws = () => workspace;

const m = (
  vendor: SandboxVendor,
  method: string,
  http: string,
  path: string,
  call: IdMethod['call'],
): IdMethod => ({ vendor, method, http, path, call });

/** Every client method taking an id that goes into the path. */
const METHODS: IdMethod[] = [
  m('userlane', 'surveyResponses', 'GET', '/properties/{property}/surveys/{id}', (c, id) =>
    c.userlane.surveyResponses(id, RANGE, {}, 1, 10),
  ),
  m('userloop', 'survey', 'GET', '/surveys/{id}', (c, id) => c.userloop.survey(id)),
  m('userloop', 'response', 'GET', '/responses/{id}', (c, id) => c.userloop.response(id)),
  m('userhero', 'workspace', 'GET', '/workspace/{id}', (c, id) => c.userhero.workspace(id)),
  m('userhero', 'usage', 'GET', '/workspace/{id}/usage', (c, id) => c.userhero.usage(id)),
  m('userhero', 'getFeedback', 'GET', '/feedback/{id}', (c, id) =>
    c.userhero.getFeedback(ws(), id),
  ),
  m('userhero', 'updateFeedback', 'PATCH', '/feedback/{id}', (c, id) =>
    c.userhero.updateFeedback(id, { workspaceId: ws(), status: 'new' }),
  ),
  m('userhero', 'deleteFeedback', 'DELETE', '/feedback/{id}', (c, id) =>
    c.userhero.deleteFeedback(ws(), id),
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
  m('userhero', 'getProject', 'GET', '/projects/{id}', (c, id) => c.userhero.getProject(ws(), id)),
  m('userhero', 'updateProject', 'PATCH', '/projects/{id}', (c, id) =>
    c.userhero.updateProject(id, { workspaceId: ws(), name: 'x' }),
  ),
  m('userhero', 'deleteProject', 'DELETE', '/projects/{id}', (c, id) =>
    c.userhero.deleteProject(ws(), id),
  ),
  m('userhero', 'getWidget', 'GET', '/widgets/{id}', (c, id) => c.userhero.getWidget(ws(), id)),
  m('userhero', 'updateWidget', 'PATCH', '/widgets/{id}', (c, id) =>
    c.userhero.updateWidget(id, { workspaceId: ws(), enabled: false }),
  ),
  m('userhero', 'deleteWidget', 'DELETE', '/widgets/{id}', (c, id) =>
    c.userhero.deleteWidget(ws(), id),
  ),
  m('userhero', 'deleteWebhook', 'DELETE', '/webhooks/{id}', (c, id) =>
    c.userhero.deleteWebhook(ws(), id),
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
const NUMBERED: IdMethod[] = [
  m('userlane', 'taskActions', 'GET', '/properties/{property}/tasks/{id}/actions', (c, id) =>
    c.userlane.taskActions(id as unknown as number, RANGE, null, 10),
  ),
  m('userhero', 'feedbackByTicket', 'GET', '/feedback/number/{id}', (c, id) =>
    c.userhero.feedbackByTicket(ws(), id as unknown as number),
  ),
];

/** Empty, dot segments, and what decodes to them once, twice or leniently. */
const REFUSED = [
  '',
  '.',
  '..',
  '%2e',
  '%2E%2E',
  '.%2e',
  '%252e',
  '%252e%252e',
  '%%32e',
  'x/..',
  '../x',
  'x%2F..',
  '..\\x',
];

/** Hostile but harmless: each must arrive as this one segment, and decode back to the id. */
const ACCEPTED: [id: string, segment: string][] = [
  ['a/b', 'a%2Fb'],
  ['a?b', 'a%3Fb'],
  ['a#b', 'a%23b'],
  ['%2F', '%252F'],
  ['/', '%2F'],
  ['x%2e', 'x%252e'],
  ['..a', '..a'],
  ['a..', 'a..'],
  ['...', '...'],
  [' a b ', '%20a%20b%20'],
  ['é✓😀', '%C3%A9%E2%9C%93%F0%9F%98%80'],
  ['a;b', 'a%3Bb'],
  ['a:b', 'a%3Ab'],
  ['%zz', '%25zz'],
  ['a\\b', 'a%5Cb'],
];

const clients = () => gw.services.vendors as Clients;
const received = (vendor: SandboxVendor) =>
  gw.sandbox.log.entries({ vendor }).map((e) => `${e.method} ${e.path}`);

async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

const expected = (row: IdMethod, segment: string) =>
  `${row.http} ${row.path
    .replace('{property}', encodeURIComponent(gw.sandbox.env.USERLANE_PROPERTY_ID!))
    .replace('{id}', segment)}`;

describe.each(METHODS)('$vendor $method', (row) => {
  it('refuses empty and dot-segment ids as input before any request', async () => {
    expect(REFUSED.length).toBeGreaterThan(0);
    for (const id of REFUSED) {
      const error = await outcome(() => row.call(clients(), id));
      expect(error, JSON.stringify(id)).toBeInstanceOf(InvalidInputError);
      expect(gw.sandbox.log.entries(), JSON.stringify(id)).toEqual([]);
    }
  });

  it('sends every other hostile id as exactly one encoded segment', async () => {
    expect(ACCEPTED.length).toBeGreaterThan(0);
    for (const [id, segment] of ACCEPTED) {
      gw.sandbox.log.clear();
      expect(decodeURIComponent(segment)).toBe(id);
      const error = await outcome(() => row.call(clients(), id));
      expect(error, JSON.stringify(id)).not.toBeInstanceOf(InvalidInputError);
      const sent = received(row.vendor);
      expect(sent, JSON.stringify(id)).not.toEqual([]);
      for (const request of sent) expect(request, JSON.stringify(id)).toBe(expected(row, segment));
    }
  });
});

describe.each(NUMBERED)('$vendor $method (a number id)', (row) => {
  it('sends an integer id as its digits', async () => {
    await outcome(() => row.call(clients(), 245 as unknown as string));
    const sent = received(row.vendor);
    expect(sent).not.toEqual([]);
    for (const request of sent) expect(request).toBe(expected(row, '245'));
  });

  it('refuses a dot-segment id passed past its type before any request', async () => {
    expect(REFUSED.length).toBeGreaterThan(0);
    for (const id of REFUSED) {
      expect(await outcome(() => row.call(clients(), id)), JSON.stringify(id)).toBeInstanceOf(
        Error,
      );
      expect(gw.sandbox.log.entries(), JSON.stringify(id)).toEqual([]);
    }
  });
});

describe('hostile ids through GraphQL', () => {
  const refusedAsInput = (result: Awaited<ReturnType<TestGateway['query']>>, id: string) => {
    expect(result.errors, result.body).toHaveLength(1);
    expect(result.errors[0]!.extensions?.code, result.body).toBe('BAD_USER_INPUT');
    expect(result.errors[0]!.message).toBe(
      `${JSON.stringify(id)} is not a valid id: an id cannot be empty, "." or "..", nor have ` +
        '"." or ".." between slashes, percent-encoded or not',
    );
    expect(gw.sandbox.log.entries()).toEqual([]);
  };

  it('deleteCustomer on a customer whose id is "." calls no vendor', async () => {
    const result = await gw.query(`mutation($id: ID!) { deleteCustomer(id: $id) { deletedId } }`, {
      id: encodeGlobalId('UserHeroCustomer', '.'),
    });
    refusedAsInput(result, '.');
  });

  it('addFeedbackComment on a feedback whose id is ".." calls no vendor', async () => {
    const result = await gw.query(
      `mutation($input: AddCommentInput!) { addFeedbackComment(input: $input) { comment { id } } }`,
      { input: { feedbackId: globalId('Feedback', workspace, '..'), message: 'hello' } },
    );
    refusedAsInput(result, '..');
  });

  it('node on a feedback whose id is "%2e" calls no vendor', async () => {
    const result = await gw.query(`query($id: ID!) { node(id: $id) { id } }`, {
      id: globalId('Feedback', workspace, '%2e'),
    });
    refusedAsInput(result, '%2e');
  });
});
