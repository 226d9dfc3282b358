import { describe, expect, it } from 'vitest';
import { VendorError } from '../../src/transport/vendor-error.js';
import { UserHeroClient } from '../../src/vendors/userhero/client.js';
import { uploadProblem } from '../../src/vendors/userhero/limits.js';
import { userHeroRetryAfter, userheroProfile } from '../../src/vendors/userhero/profile.js';
import { FakeHttp, queryString } from './fake-http.js';

function setup() {
  const http = new FakeHttp('userhero');
  return { http, client: new UserHeroClient(http) };
}

const feedback = {
  id: 'fb_1',
  ticketNumber: 245,
  workspaceId: 'ws_1',
  projectId: 'proj_1',
  widgetId: 'api',
  message: 'Broken',
  category: 'bug',
  rating: null,
  status: 'in-progress',
  statusCategory: 'pending',
  tags: ['critical'],
  priority: 'high',
  assigneeId: null,
  assigneeName: null,
  assigneeEmail: null,
  watcherIds: [],
  dueDate: null,
  slaBreached: false,
  userEmail: 'User@Example.com',
  screenshotUrl: null,
  attachmentUrl: null,
  audioUrl: null,
  videoUrl: null,
  context: { page: '/settings' },
  customMetadata: null,
  votes: 3,
  isPublic: false,
  createdAt: '2026-04-06T10:00:00.000Z',
  updatedAt: '2026-04-06T10:00:00.000Z',
};

const notFound = () =>
  new VendorError({ vendor: 'userhero', kind: 'not_found', message: 'nope', status: 404 });

describe('UserHeroClient feedback', () => {
  it('lists with filters and page size, mapping emails and status categories', async () => {
    const { http, client } = setup();
    http.reply({
      body: {
        data: [
          feedback,
          { ...feedback, id: 'fb_2', statusCategory: undefined, status: 'archived' },
        ],
      },
    });
    const items = await client.listFeedback(
      { workspaceId: 'ws_1', status: 'new', userEmail: 'a@b.c' },
      2,
      50,
    );
    expect(http.last).toMatchObject({
      method: 'GET',
      path: '/feedback',
      operation: 'feedback.list',
    });
    expect(queryString(http.last)).toBe(
      'workspaceId=ws_1&status=new&userEmail=a%40b.c&page=2&pageSize=50',
    );
    expect(items[0]).toMatchObject({
      userEmail: 'user@example.com',
      statusCategory: 'pending',
      customerComments: null,
    });
    expect(items[1]?.statusCategory).toBe('closed');
  });

  it('refuses a page size over 100', async () => {
    const { client } = setup();
    await expect(client.listFeedback({ workspaceId: 'ws_1' }, 1, 101)).rejects.toThrow(RangeError);
  });

  it('reads the full item with its comments and notes', async () => {
    const { http, client } = setup();
    const attachment = {
      id: 'att_1',
      url: 'https://s/x.png',
      type: 'image',
      fileName: 'x.png',
      fileSize: 10,
      mimeType: 'image/png',
    };
    http.reply({
      body: {
        data: {
          ...feedback,
          customerComments: [
            {
              id: 'cc_1',
              message: 'Hi',
              authorType: 'customer',
              authorName: 'J',
              attachments: [attachment],
              createdAt: '2026-04-06T11:00:00.000Z',
            },
          ],
          internalNotes: [
            {
              id: 'n1',
              content: 'Escalated',
              authorName: 'Jane',
              authorEmail: 'Jane@Company.com',
              attachments: [],
              createdAt: '2026-04-06T10:30:00.000Z',
            },
          ],
        },
      },
    });
    const item = await client.getFeedback('ws_1', 'fb/1');
    expect(http.last.path).toEqual({ path: '/feedback/fb%2F1', template: '/feedback/{id}' });
    expect(http.last.query).toEqual({ workspaceId: 'ws_1' });
    expect(item.customerComments?.[0]?.attachments[0]).toEqual(attachment);
    expect(item.internalNotes?.[0]?.authorEmail).toBe('jane@company.com');
  });

  it('answers null for an unknown ticket number and rethrows other failures', async () => {
    const { http, client } = setup();
    const forbidden = new VendorError({ vendor: 'userhero', kind: 'forbidden', message: 'no' });
    http.reply(notFound(), { body: { data: feedback } }, forbidden);
    expect(await client.feedbackByTicket('ws_1', 999)).toBeNull();
    expect((await client.feedbackByTicket('ws_1', 245))?.id).toBe('fb_1');
    expect(http.last.path).toEqual({
      path: '/feedback/number/245',
      template: '/feedback/number/{id}',
    });
    await expect(client.feedbackByTicket('ws_1', 1)).rejects.toBe(forbidden);
  });

  it('creates with an idempotency key and the body as given', async () => {
    const { http, client } = setup();
    http.reply({ status: 201, body: { data: feedback } });
    const input = { workspaceId: 'ws_1', projectId: 'proj_1', message: 'Broken' };
    await client.createFeedback(input, { idempotencyKey: 'key-1' });
    expect(http.last).toMatchObject({
      method: 'POST',
      path: '/feedback',
      json: input,
      idempotencyKey: 'key-1',
    });
  });

  it('updates with PATCH and never sends an idempotency key there', async () => {
    const { http, client } = setup();
    http.reply({ body: { data: feedback } });
    await client.updateFeedback('fb_1', { workspaceId: 'ws_1', status: 'resolved' });
    expect(http.last).toMatchObject({
      method: 'PATCH',
      path: { path: '/feedback/fb_1', template: '/feedback/{id}' },
      idempotencyKey: undefined,
    });
  });

  it('accepts DELETE answered 204 or 200 with a body', async () => {
    const { http, client } = setup();
    http.reply(
      { status: 204, body: undefined },
      { status: 200, body: { data: { id: 'wh_1', deleted: true } } },
    );
    await expect(client.deleteFeedback('ws_1', 'fb_1')).resolves.toBeUndefined();
    await expect(client.deleteWebhook('ws_1', 'wh_1')).resolves.toBeUndefined();
    expect(http.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['DELETE', { path: '/feedback/fb_1', template: '/feedback/{id}' }, { workspaceId: 'ws_1' }],
      ['DELETE', { path: '/webhooks/wh_1', template: '/webhooks/{id}' }, { workspaceId: 'ws_1' }],
    ]);
  });

  it('uploads a streamed multipart body and reads either answer', async () => {
    const { http, client } = setup();
    async function* bytes() {
      yield Buffer.from('PNG');
    }
    http.reply(
      { body: { data: { url: 'https://s/x.png', contentType: 'image/png', size: 3 } } },
      {
        body: {
          data: {
            id: 'att_1',
            url: 'https://s/y.png',
            type: 'image',
            fileName: 'y.png',
            fileSize: 3,
            mimeType: 'image/png',
          },
        },
      },
    );
    const file = () => ({ filename: 'x.png', mimeType: 'image/png', stream: bytes(), length: 3 });
    const media = await client.uploadMedia({
      workspaceId: 'ws_1',
      file: file(),
      projectId: 'proj_1',
    });
    expect(media).toEqual({
      url: 'https://s/x.png',
      contentType: 'image/png',
      size: 3,
      attachment: null,
    });
    expect(http.last).toMatchObject({
      method: 'POST',
      path: '/feedback/upload',
      query: { workspaceId: 'ws_1' },
    });
    expect(http.last.raw?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(http.last.json).toBeUndefined();
    const attached = await client.uploadMedia({
      workspaceId: 'ws_1',
      file: file(),
      feedbackId: 'fb_1',
    });
    expect(attached.attachment?.id).toBe('att_1');
    expect(attached.contentType).toBe('image/png');
  });

  it('answers bad_response for wrong envelopes', async () => {
    const { http, client } = setup();
    http.reply(
      { body: [feedback] },
      { body: { data: { ...feedback, id: 7 } } },
      { body: { data: {} } },
    );
    const kinds = await Promise.all([
      client.listFeedback({ workspaceId: 'ws_1' }, 1, 20).catch((e: VendorError) => e.kind),
      client.getFeedback('ws_1', 'fb_1').catch((e: VendorError) => e.kind),
      client.listComments('fb_1').catch((e: VendorError) => e.kind),
    ]);
    expect(kinds).toEqual(['bad_response', 'bad_response', 'bad_response']);
  });
});

describe('UserHeroClient customers', () => {
  const customer = {
    id: 'cust_1',
    workspaceId: 'ws_1',
    name: 'Jane',
    primaryEmail: 'Jane@Example.com',
    emails: ['Jane@Example.com', 'jane@example.com', 'J@Other.io'],
    phones: [],
    socialHandles: [{ platform: 'x', handle: '@jane' }],
    tags: [],
    feedbackCount: 2,
    channels: ['widget'],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('looks up by lower-cased email, null when nobody matches', async () => {
    const { http, client } = setup();
    http.reply({ body: { data: customer } }, notFound());
    const found = await client.lookupCustomer('ws_1', { email: 'JANE@example.com' });
    expect(http.last.query).toEqual({
      workspaceId: 'ws_1',
      email: 'jane@example.com',
      phone: undefined,
    });
    expect(found).toMatchObject({
      primaryEmail: 'jane@example.com',
      emails: ['jane@example.com', 'j@other.io'],
      socialHandles: [{ platform: 'x', handle: '@jane', accountId: null }],
      notes: null,
    });
    expect(await client.lookupCustomer('ws_1', { phone: '+1' })).toBeNull();
    await expect(client.lookupCustomer('ws_1', {})).rejects.toThrow(TypeError);
  });

  it('lists with sort and order, and merges', async () => {
    const { http, client } = setup();
    http.reply(
      { body: { data: [customer] } },
      { body: { data: { id: 'cust_1', mergedSourceId: 'cust_2', mergedFeedbackCount: 5 } } },
    );
    await client.listCustomers(
      { workspaceId: 'ws_1', tag: 'vip', sort: 'name', order: 'asc' },
      1,
      100,
    );
    expect(http.last.query).toMatchObject({
      tag: 'vip',
      sort: 'name',
      order: 'asc',
      page: 1,
      pageSize: 100,
    });
    const merged = await client.mergeCustomers('cust_1', 'cust_2', { idempotencyKey: 'm1' });
    expect(http.last).toMatchObject({
      path: { path: '/customers/cust_1/merge', template: '/customers/{id}/merge' },
      json: { sourceCustomerId: 'cust_2' },
      idempotencyKey: 'm1',
    });
    expect(merged.mergedFeedbackCount).toBe(5);
  });
});

describe('UserHeroClient projects', () => {
  it('types custom field definitions', async () => {
    const { http, client } = setup();
    http.reply({
      body: {
        data: {
          id: 'proj_456',
          workspaceId: 'ws_123',
          name: 'My App',
          domain: 'app.example.com',
          publicKey: 'pk_live_abc123',
          customFieldDefinitions: [
            {
              id: 'cf_plan_abc12',
              label: 'Plan',
              type: 'select',
              required: false,
              options: ['Free', 'Pro'],
            },
            {
              id: 'cf_score_xyz',
              label: 'NPS Score',
              type: 'number',
              required: false,
              validation: { min: 0, max: 10 },
            },
            {
              id: 'cf_sub',
              label: 'Sub',
              type: 'select',
              visibilityCondition: { fieldId: 'cf_plan_abc12', value: 'Pro' },
              optionsByParent: { parentFieldId: 'cf_plan_abc12', map: { Pro: ['a', 'b'] } },
            },
            { label: 'no id' },
          ],
          disabledDefaultFields: [],
        },
      },
    });
    const project = await client.getProject('ws_123', 'proj_456');
    expect(project.customFieldDefinitions).toHaveLength(3);
    expect(project.customFieldDefinitions[0]).toMatchObject({
      options: ['Free', 'Pro'],
      validation: null,
      isDefault: false,
    });
    expect(project.customFieldDefinitions[1]?.validation).toEqual({
      min: 0,
      max: 10,
      minLength: null,
      maxLength: null,
    });
    expect(project.customFieldDefinitions[2]).toMatchObject({
      visibilityCondition: { fieldId: 'cf_plan_abc12', value: 'Pro' },
      optionsByParent: { parentFieldId: 'cf_plan_abc12', map: { Pro: ['a', 'b'] } },
    });
  });
});

describe('UserHeroClient automations', () => {
  const automation = {
    id: 'au_1',
    name: 'Auto-assign billing',
    scope: 'manual',
    enabled: true,
    priority: 0,
    systemGenerated: false,
    conditions: { combinator: 'and', rules: [] },
    actions: [{ type: 'assign_agent', params: { userId: 'user_abc' } }],
    runStats: { matched7d: 42, errored7d: 0 },
    lastRunAt: null,
  };

  it('pages by cursor and stamps the project on the items', async () => {
    const { http, client } = setup();
    http.reply({ body: { automations: [automation], nextCursor: 'au_1' } });
    const page = await client.listAutomations({ projectId: 'proj_1', enabled: true }, 'au_0', 100);
    expect(queryString(http.last)).toBe('projectId=proj_1&enabled=true&cursor=au_0&limit=100');
    expect(page.nextCursor).toBe('au_1');
    expect(page.items[0]).toMatchObject({
      projectId: 'proj_1',
      runStats: { matched7d: 42, errored7d: 0 },
    });
    await expect(client.listAutomations({ projectId: 'p' }, null, 101)).rejects.toThrow(RangeError);
  });

  it('reads an automation with or without the data envelope', async () => {
    const { http, client } = setup();
    http.reply({ body: { data: automation } }, { body: automation }, { body: { data: [] } });
    expect((await client.getAutomation('au_1')).id).toBe('au_1');
    expect((await client.getAutomation('au_1')).id).toBe('au_1');
    await expect(client.getAutomation('au_1')).rejects.toMatchObject({ kind: 'bad_response' });
  });

  it('reads runs and a bare macro result', async () => {
    const { http, client } = setup();
    const actionsExecuted = [
      { type: 'set_status', success: true },
      { type: 'add_tag', success: false, error: 'x' },
    ];
    http.reply(
      {
        body: {
          runs: [
            {
              id: 'run_1',
              outcome: 'matched',
              runAt: '2026-05-30T10:00:00.000Z',
              feedbackId: 'fb_1',
              actionsExecuted,
              actor: { userId: 'u', name: 'Alice', system: false },
            },
          ],
        },
      },
      { body: { runId: 'run_2', outcome: 'error', actionsExecuted } },
      { body: { data: { runId: 'run_3', outcome: 'matched' } } },
    );
    const runs = await client.automationRuns('au_1');
    expect(runs[0]).toMatchObject({
      automationId: 'au_1',
      actor: { name: 'Alice', system: false },
    });
    const result = await client.runMacro('au_1', 'fb_1', { idempotencyKey: 'r1' });
    expect(http.last).toMatchObject({
      method: 'POST',
      path: { path: '/automations/au_1/run', template: '/automations/{id}/run' },
      json: { feedbackId: 'fb_1' },
    });
    expect(result).toEqual({
      runId: 'run_2',
      outcome: 'error',
      actionsExecuted: [
        { type: 'set_status', success: true, error: null },
        { type: 'add_tag', success: false, error: 'x' },
      ],
    });
    await expect(client.runMacro('au_1', 'fb_1')).rejects.toMatchObject({ kind: 'bad_response' });
  });
});

describe('userheroProfile', () => {
  const profile = userheroProfile({ apiKey: 'sk_live_1' });

  it('authenticates with a bearer token', () => {
    expect(profile.authHeaders()).toEqual({ Authorization: 'Bearer sk_live_1' });
    expect(profile.baseUrl).toBe('https://userhero.co/api/v1');
  });

  it('reads the error envelope, text and garbage', () => {
    expect(
      profile.parseError(404, { error: { code: 'not_found', message: 'Feedback item not found' } }),
    ).toEqual({
      code: 'not_found',
      message: 'Feedback item not found',
    });
    expect(profile.parseError(500, 'upstream exploded')).toEqual({ message: 'upstream exploded' });
    for (const garbage of [undefined, null, 1, [], { error: 5 }, '<html/>', '{"error":']) {
      expect(() => profile.parseError(500, garbage)).not.toThrow();
    }
  });

  it('waits until the reset when no requests are left', () => {
    const now = 1_700_000_000_000;
    const reset = String(now / 1000 + 42);
    expect(
      userHeroRetryAfter({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, now),
    ).toBe(42);
    expect(
      userHeroRetryAfter({ 'X-RateLimit-Remaining': ['0'], 'X-RateLimit-Reset': [reset] }, now),
    ).toBe(42);
    expect(
      userHeroRetryAfter({ 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': reset }, now),
    ).toBeUndefined();
    // A 429 that leaves the remaining count out.
    expect(userHeroRetryAfter({ 'x-ratelimit-reset': reset }, now)).toBe(42);
    expect(
      userHeroRetryAfter(
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 - 5) },
        now,
      ),
    ).toBe(0);
    expect(
      userHeroRetryAfter({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'soon' }, now),
    ).toBeUndefined();
    expect(profile.retryAfterFromHeaders).toBe(userHeroRetryAfter);
  });
});

describe('uploadProblem', () => {
  it('names unsupported types and oversized files', () => {
    expect(uploadProblem('image/png', 1024)).toBeNull();
    expect(uploadProblem('image/gif')).toMatch(/does not accept image\/gif/);
    expect(uploadProblem('image/png', 6 * 1024 * 1024)).toMatch(/5 MB/);
    expect(uploadProblem('video/mp4', 49 * 1024 * 1024)).toBeNull();
  });
});
