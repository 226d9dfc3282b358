import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  expectedFeedback,
  FEEDBACK_FIELDS,
  globalId,
  type Json,
  mainWorkspace,
  seedFeedback,
  vendorGet,
} from './userhero-fixtures.js';
import {
  data,
  expectRefused,
  forbiddenWorkspace,
  mainProject,
  received,
  userheroCallCount,
} from './userhero-mutations-fixtures.js';

// Feedback writes: the request UserHero receives, the typed object that comes back, what a later
// read sees, idempotency and retries, and refusals that never become vendor calls.

let gw: TestGateway;
let ws: string;
beforeAll(async () => {
  gw = await startTestGateway();
  ws = mainWorkspace(gw);
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.log.clear());
afterEach(() => gw.sandbox.faults.clear());

const CREATE = `mutation($input: CreateFeedbackInput!) {
  createFeedback(input: $input) { feedback { ${FEEDBACK_FIELDS} } }
}`;
const UPDATE = `mutation($input: UpdateFeedbackInput!) {
  updateFeedback(input: $input) { feedback { ${FEEDBACK_FIELDS} } }
}`;
const DELETE = `mutation($id: ID!) { deleteFeedback(id: $id) { deletedId } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on Feedback { ${FEEDBACK_FIELDS} } } }`;

interface FeedbackOut {
  id: string;
  feedbackId: string;
  status: string;
  statusCategory: string;
  priority: string | null;
  dueDate: string | null;
  tags: string[];
  message: string;
  [key: string]: unknown;
}
type Created = { createFeedback: { feedback: FeedbackOut } };
type Updated = { updateFeedback: { feedback: FeedbackOut } };

const webApp = () => mainProject(gw, (p) => p.customStatuses.length > 0);
const projectId = () => globalId('Project', ws, webApp().id);
const withMessage = (message: string) =>
  [...data(gw).feedback.values()].filter((f) => f.message === message);

async function vendorFeedback(id: string): Promise<Json> {
  return (await vendorGet(gw, `/feedback/${id}`, { workspaceId: ws })).data as Json;
}

describe('createFeedback', () => {
  it('sends the documented body and answers the created item, typed', async () => {
    const result = await gw.query<Created>(CREATE, {
      input: {
        projectId: projectId(),
        message: 'Export to CSV drops the last row',
        category: 'bug',
        rating: 2,
        tags: ['export', 'csv'],
        userEmail: 'Jane.Doe@Example.com',
        priority: 'URGENT',
        screenshotUrl: 'https://storage.googleapis.com/userhero-uploads/shot.png',
        context: { page: '/reports', browser: 'Firefox' },
        customMetadata: { plan: 'enterprise' },
      },
    });
    expect(result.errors, result.body).toEqual([]);

    const posts = received(gw, 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toBe('/feedback');
    expect(posts[0]?.headers['idempotency-key']).toBeUndefined();
    expect(posts[0]?.headers['content-type']).toBe('application/json');
    expect(posts[0]?.body).toEqual({
      workspaceId: ws,
      projectId: webApp().id,
      message: 'Export to CSV drops the last row',
      category: 'bug',
      rating: 2,
      tags: ['export', 'csv'],
      userEmail: 'Jane.Doe@Example.com',
      screenshotUrl: 'https://storage.googleapis.com/userhero-uploads/shot.png',
      priority: 'urgent',
      context: { page: '/reports', browser: 'Firefox' },
      customMetadata: { plan: 'enterprise' },
    });
    expect(userheroCallCount(gw)).toBe(1);

    const [stored] = withMessage('Export to CSV drops the last row');
    const feedback = result.data!.createFeedback.feedback;
    expect(feedback).toEqual(expectedFeedback(await vendorFeedback(stored!.id)));
    expect(feedback).toMatchObject({ status: 'new', statusCategory: 'OPEN', priority: 'urgent' });
    // The project's SLA rule for urgent set the due date.
    expect(feedback.dueDate).not.toBeNull();

    // A later query reads the new item, by node and in the project's list.
    const later = await gw.query<{ node: FeedbackOut; project: unknown }>(NODE, {
      id: feedback.id,
    });
    expect(later.data?.node).toEqual(feedback);
    const list = await gw.query<{ feedback: { nodes: { id: string }[] } }>(
      `query($p: ID) { feedback(filter: { projectId: $p }, first: 1) { nodes { id } } }`,
      { p: projectId() },
    );
    expect(list.data?.feedback.nodes).toEqual([{ id: feedback.id }]);
  });

  it('refuses invalid input naming the field and the rule, with no vendor call', async () => {
    const valid = { projectId: projectId(), message: 'ok' };
    const cases: [Json, string, string][] = [
      [{ message: '   ' }, 'input.message', 'must not be blank'],
      [{ userEmail: 'not-an-email' }, 'input.userEmail', 'email address'],
      [{ priority: 'critical' }, 'input.priority', 'low, medium, high, urgent'],
      [{ screenshotUrl: 'shot.png' }, 'input.screenshotUrl', 'http(s) URL'],
      [{ context: ['page'] }, 'input.context', 'JSON object'],
      [
        { customMetadata: { customFields: 'x' } },
        'input.customMetadata.customFields',
        'JSON object',
      ],
      [{ tags: ['ok', ' '] }, 'input.tags[1]', 'must not be blank'],
      [{ projectId: webApp().id }, 'input.projectId', 'Project id'],
      [
        { projectId: globalId('Feedback', ws, 'fb_1') },
        'input.projectId',
        'got the id of a Feedback',
      ],
      [{ widgetId: globalId('Widget', 'ws_other', 'w1') }, 'input.widgetId', 'another workspace'],
      [{ idempotencyKey: 'has space' }, 'input.idempotencyKey', 'visible ASCII'],
    ];
    for (const [change, field, rule] of cases) {
      const result = await gw.query(CREATE, { input: { ...valid, ...change } });
      const error = expectRefused(gw, result, 'BAD_USER_INPUT', field, rule);
      expect(error.extensions?.field).toBe(field);
    }
    // Every problem at once.
    const many = await gw.query(CREATE, {
      input: { ...valid, message: '', userEmail: 'x', priority: 'p' },
    });
    const error = expectRefused(gw, many, 'BAD_USER_INPUT', 'and 2 more problems');
    expect(error.extensions?.problemCount).toBe(3);
  });

  it('types UserHero refusals: 403 for a workspace without API access, 400 with its message', async () => {
    const locked = forbiddenWorkspace(gw);
    const forbidden = await gw.query(CREATE, {
      input: { projectId: globalId('Project', locked.id, 'proj_any'), message: 'x' },
    });
    expectRefused(gw, forbidden, 'VENDOR_FORBIDDEN');
    const missing = await gw.query(CREATE, {
      input: { projectId: globalId('Project', ws, 'proj_missing'), message: 'x' },
    });
    expectRefused(gw, missing, 'VENDOR_NOT_FOUND', 'Project not found');
    const badField = await gw.query(CREATE, {
      input: {
        projectId: projectId(),
        message: 'x',
        customMetadata: { customFields: { cf_not_defined_here: 1 } },
      },
    });
    const error = expectRefused(gw, badField, 'BAD_USER_INPUT', 'cf_not_defined_here');
    expect(error.extensions?.vendor).toBe('USERHERO');
    expect(received(gw, 'POST')).toHaveLength(3);
  });
});

describe('idempotency and retries', () => {
  it('replays a create with the same key: the same item, created once', async () => {
    const input = {
      projectId: projectId(),
      message: 'Replayed create',
      idempotencyKey: 'fb-replay-1',
    };
    const first = await gw.query<Created>(CREATE, { input });
    const second = await gw.query<Created>(CREATE, { input });
    expect(first.errors, first.body).toEqual([]);
    expect(second.errors, second.body).toEqual([]);
    expect(second.data).toEqual(first.data);
    expect(withMessage('Replayed create')).toHaveLength(1);
    const posts = received(gw, 'POST', '/feedback');
    expect(posts.map((p) => p.headers['idempotency-key'])).toEqual(['fb-replay-1', 'fb-replay-1']);
  });

  it('refuses a key reused with another input as VENDOR_CONFLICT', async () => {
    const base = { projectId: projectId(), idempotencyKey: 'fb-reused-1' };
    const first = await gw.query(CREATE, { input: { ...base, message: 'First body' } });
    expect(first.errors, first.body).toEqual([]);
    const reused = await gw.query(CREATE, { input: { ...base, message: 'Other body' } });
    expectRefused(gw, reused, 'VENDOR_CONFLICT');
    expect(withMessage('Other body')).toHaveLength(0);
  });

  it('sends a create without a key once under a 503, and retries one with a key', async () => {
    gw.sandbox.faults.inject({
      vendor: 'userhero',
      method: 'POST',
      path: '/feedback',
      status: 503,
      times: 1,
    });
    const once = await gw.query(CREATE, {
      input: { projectId: projectId(), message: 'No key, 503' },
    });
    expectRefused(gw, once, 'VENDOR_UNAVAILABLE');
    expect(received(gw, 'POST', '/feedback')).toHaveLength(1);
    expect(withMessage('No key, 503')).toHaveLength(0);

    gw.sandbox.log.clear();
    gw.sandbox.faults.inject({
      vendor: 'userhero',
      method: 'POST',
      path: '/feedback',
      status: 503,
      times: 1,
    });
    const input = { projectId: projectId(), message: 'Keyed, 503', idempotencyKey: 'fb-retry-1' };
    const retried = await gw.query<Created>(CREATE, { input });
    expect(retried.errors, retried.body).toEqual([]);
    const posts = received(gw, 'POST', '/feedback');
    expect(posts.map((p) => p.status)).toEqual([503, 201]);
    expect(posts.map((p) => p.headers['idempotency-key'])).toEqual(['fb-retry-1', 'fb-retry-1']);
    expect(withMessage('Keyed, 503')).toHaveLength(1);
  });
});

describe('updateFeedback', () => {
  it('sends only the changed fields and answers the new state, statusCategory included', async () => {
    const item = seedFeedback(gw, (f) => f.projectId === webApp().id && f.status === 'new')[0]!;
    const member = data(gw).workspaces.get(ws)!.members[1]!;
    const id = globalId('Feedback', ws, item.id);
    const result = await gw.query<Updated>(UPDATE, {
      input: {
        id,
        status: 'resolved',
        priority: 'High',
        tags: ['critical'],
        assigneeId: member.id,
        dueDate: '2030-01-02T03:04:05+02:00',
        isPublic: true,
      },
    });
    expect(result.errors, result.body).toEqual([]);
    const [patch] = received(gw, 'PATCH');
    expect(received(gw)).toHaveLength(1);
    expect(patch?.path).toBe(`/feedback/${item.id}`);
    expect(patch?.body).toEqual({
      workspaceId: ws,
      status: 'resolved',
      tags: ['critical'],
      priority: 'high',
      assigneeId: member.id,
      dueDate: '2030-01-02T01:04:05.000Z',
      isPublic: true,
    });
    const feedback = result.data!.updateFeedback.feedback;
    expect(feedback).toMatchObject({
      id,
      status: 'resolved',
      statusCategory: 'RESOLVED',
      priority: 'high',
      tags: ['critical'],
      assigneeId: member.id,
      assigneeName: member.name,
    });
    const later = await gw.query<{ node: FeedbackOut }>(NODE, { id });
    expect(later.data?.node).toEqual(feedback);
  });

  it("accepts a project's custom status id and lets UserHero judge unknown ones", async () => {
    const project = webApp();
    const custom = project.customStatuses.find((s) => s.category === 'pending')!;
    const item = seedFeedback(gw, (f) => f.projectId === project.id && f.status === 'new')[1]!;
    const id = globalId('Feedback', ws, item.id);
    const set = await gw.query<Updated>(UPDATE, { input: { id, status: custom.id } });
    expect(set.errors, set.body).toEqual([]);
    expect(set.data?.updateFeedback.feedback).toMatchObject({
      status: custom.id,
      statusCategory: 'PENDING',
    });
    gw.sandbox.log.clear();
    const unknown = await gw.query(UPDATE, { input: { id, status: 'waiting-on-the-moon' } });
    const error = expectRefused(gw, unknown, 'BAD_USER_INPUT', 'Unknown status');
    expect(error.extensions?.vendor).toBe('USERHERO');
    expect(received(gw, 'PATCH')).toHaveLength(1);
  });

  it('refuses a misspelt system status, nulls and an empty change before any call', async () => {
    const id = globalId('Feedback', ws, seedFeedback(gw)[0]!.id);
    expectRefused(
      gw,
      await gw.query(UPDATE, { input: { id, status: 'Resolved' } }),
      'BAD_USER_INPUT',
      'input.status',
      'spelled resolved',
    );
    expectRefused(
      gw,
      await gw.query(UPDATE, { input: { id, status: 'in_progress' } }),
      'BAD_USER_INPUT',
      'in-progress',
    );
    expectRefused(
      gw,
      await gw.query(UPDATE, { input: { id, category: null } }),
      'BAD_USER_INPUT',
      'input.category',
      'cannot be null',
    );
    expectRefused(
      gw,
      await gw.query(UPDATE, { input: { id } }),
      'BAD_USER_INPUT',
      'at least one field',
    );
    expectRefused(
      gw,
      await gw.query(UPDATE, { input: { id, priority: 'asap' } }),
      'BAD_USER_INPUT',
      'input.priority',
    );
    const widgetId = globalId('Widget', ws, 'w');
    expectRefused(
      gw,
      await gw.query(UPDATE, { input: { id: widgetId, status: 'new' } }),
      'BAD_USER_INPUT',
      'input.id',
      'Feedback id',
    );
  });
});

describe('deleteFeedback', () => {
  it('deletes with the workspace in the query, and the item no longer resolves', async () => {
    const item = seedFeedback(gw)[5]!;
    const id = globalId('Feedback', ws, item.id);
    const before = await gw.query<{ node: FeedbackOut | null }>(NODE, { id });
    expect(before.data?.node?.feedbackId).toBe(item.id);
    gw.sandbox.log.clear();

    const result = await gw.query<{ deleteFeedback: { deletedId: string } }>(DELETE, { id });
    expect(result.errors, result.body).toEqual([]);
    expect(result.data?.deleteFeedback.deletedId).toBe(id);
    const [call] = received(gw, 'DELETE');
    expect(received(gw)).toHaveLength(1);
    expect(call?.path).toBe(`/feedback/${item.id}`);
    expect(call?.query).toEqual({ workspaceId: ws });
    expect(data(gw).feedback.has(item.id)).toBe(false);

    const after = await gw.query<{ node: FeedbackOut | null }>(NODE, { id });
    expect(after.data?.node).toBeNull();
    gw.sandbox.log.clear();
    const again = await gw.query(DELETE, { id });
    expectRefused(gw, again, 'VENDOR_NOT_FOUND');
    gw.sandbox.log.clear();
    expectRefused(gw, await gw.query(DELETE, { id: 'nope' }), 'BAD_USER_INPUT', 'Feedback id');
  });
});
