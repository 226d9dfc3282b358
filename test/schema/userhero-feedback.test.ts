import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Feedback as SeedFeedback } from '../../src/sandbox/userhero/model.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  expectedFeedback,
  FEEDBACK_FIELDS,
  globalId,
  type Json,
  mainWorkspace,
  seedFeedback,
  userheroCalls,
  vendorGet,
} from './userhero-fixtures.js';

let gw: TestGateway;
let ws: string;

beforeAll(async () => {
  gw = await startTestGateway();
  ws = mainWorkspace(gw);
});
afterAll(async () => gw.close());
beforeEach(() => {
  gw.sandbox.faults.clear();
  gw.sandbox.log.clear();
});

interface Page {
  feedback: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Json[];
  } | null;
}

const ids = (page: Page) => page.feedback?.nodes.map((n) => n.feedbackId);

describe('Query.feedback', () => {
  it('resolves every documented field as UserHero sends it, in one list call', async () => {
    const wire = (await vendorGet(gw, '/feedback', { workspaceId: ws, pageSize: 8 }))
      .data as Json[];
    const res = await gw.query<Page>(
      `{ feedback(first: 8) { totalCount nodes { ${FEEDBACK_FIELDS} } } }`,
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.feedback?.nodes).toEqual(wire.map(expectedFeedback));
    expect(res.data?.feedback?.totalCount).toBeNull();
    expect(userheroCalls(gw)).toBe(1);
  });

  it('pages forward exactly: page 2 follows page 1 with no gap or repeat', async () => {
    const expected = seedFeedback(gw)
      .slice(0, 14)
      .map((f) => f.id);
    const one = await gw.query<Page>(
      '{ feedback(first: 7) { pageInfo { hasNextPage endCursor } nodes { feedbackId } } }',
    );
    const after = one.data?.feedback?.pageInfo.endCursor;
    gw.sandbox.log.clear();
    const two = await gw.query<Page>(
      'query($after: String) { feedback(first: 7, after: $after) { nodes { feedbackId } } }',
      { after },
    );
    expect([...(ids(one.data as Page) ?? []), ...(ids(two.data as Page) ?? [])]).toEqual(expected);
    expect(one.data?.feedback?.pageInfo.hasNextPage).toBe(true);
    expect(userheroCalls(gw, '/feedback')).toBe(1);
  });

  it('applies every filter through UserHero: status, category, projectId (own or global id), userEmail', async () => {
    const sample = seedFeedback(gw).find((f) => f.userEmail && f.category && f.status);
    if (!sample?.userEmail || !sample.category) throw new Error('seed has no complete item');
    const cases: [Json, (f: SeedFeedback) => boolean][] = [
      [{ status: 'resolved' }, (f) => f.status === 'resolved'],
      [{ category: sample.category }, (f) => f.category === sample.category],
      [{ projectId: sample.projectId }, (f) => f.projectId === sample.projectId],
      [
        { projectId: globalId('Project', ws, sample.projectId), status: sample.status },
        (f) => f.projectId === sample.projectId && f.status === sample.status,
      ],
      [
        { userEmail: sample.userEmail.toUpperCase() },
        (f) => f.userEmail?.toLowerCase() === sample.userEmail?.toLowerCase(),
      ],
      [{ workspaceId: globalId('Workspace', ws) }, () => true],
    ];
    for (const [filter, keep] of cases) {
      const res = await gw.query<Page>(
        'query($filter: FeedbackFilter) { feedback(filter: $filter, first: 10) { nodes { feedbackId } } }',
        { filter },
      );
      expect(res.errors).toEqual([]);
      expect(ids(res.data as Page)).toEqual(
        seedFeedback(gw, keep)
          .slice(0, 10)
          .map((f) => f.id),
      );
    }
  });

  it('reads another workspace when the filter names it', async () => {
    const other = [...gw.sandbox.seed.userhero.data.workspaces.values()].find(
      (w) => w.id !== ws && w.apiAccessEnabled,
    );
    if (!other) throw new Error('seed has one workspace');
    const res = await gw.query<Page>(
      `{ feedback(filter: { workspaceId: "${other.id}" }, first: 5) { nodes { feedbackId workspaceId } } }`,
    );
    expect(ids(res.data as Page)).toEqual(
      seedFeedback(gw, () => true, other.id)
        .slice(0, 5)
        .map((f) => f.id),
    );
  });

  it('refuses malformed input before any vendor call', async () => {
    const bad = [
      '{ feedback(first: 101) { nodes { id } } }',
      '{ feedback(first: 2, after: "not-a-cursor") { nodes { id } } }',
      '{ feedback(filter: { userEmail: "nobody" }) { nodes { id } } }',
      '{ feedback(filter: { status: "  " }) { nodes { id } } }',
      '{ feedbackByTicket(ticketNumber: 0) { id } }',
      '{ feedbackByTicket(ticketNumber: -4) { id } }',
    ];
    for (const query of bad) {
      const res = await gw.query(query);
      expect(res.errors[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
    // A cursor of another list, or of the same list under another filter.
    const page = await gw.query<Page>(
      '{ feedback(filter: { status: "new" }, first: 1) { pageInfo { endCursor } } }',
    );
    gw.sandbox.log.clear();
    const cursor = page.data?.feedback?.pageInfo.endCursor;
    for (const query of [
      'query($c: String) { feedback(first: 1, after: $c) { nodes { id } } }',
      'query($c: String) { workspaces { feedback(status: "new", first: 1, after: $c) { nodes { id } } } }',
    ]) {
      const res = await gw.query(query, { c: cursor });
      expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(userheroCalls(gw, /^\/feedback/)).toBe(0);
  });
});

describe('feedbackByTicket and the conversation', () => {
  it('finds an item by ticket number, with its comments and notes from the same call', async () => {
    const item = seedFeedback(gw).find(
      (f) => (gw.sandbox.seed.userhero.data.comments.get(f.id)?.length ?? 0) > 1,
    );
    if (!item?.ticketNumber) throw new Error('seed has no conversation');
    const wire = (await vendorGet(gw, `/feedback/${item.id}`, { workspaceId: ws })).data as Json;
    const res = await gw.query<{ feedbackByTicket: Json }>(
      `{ feedbackByTicket(ticketNumber: ${item.ticketNumber}) {
          ${FEEDBACK_FIELDS}
          comments { id message authorType authorName authorEmail createdAt
            attachments { id url type fileName fileSize mimeType } }
          notes { id content contentHtml authorName authorEmail mentions createdAt
            attachments { id url type fileName fileSize mimeType } }
        } }`,
    );
    expect(res.errors).toEqual([]);
    const { comments, notes, ...fields } = res.data?.feedbackByTicket ?? {};
    expect(fields).toEqual(expectedFeedback(wire));
    const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : null);
    expect(comments).toEqual(
      (wire.customerComments as Json[]).map((c) => ({
        ...c,
        authorEmail: lower(c.authorEmail),
        attachments: c.attachments,
      })),
    );
    expect(notes).toEqual(
      (wire.internalNotes as Json[]).map((n) => ({
        ...n,
        authorEmail: lower(n.authorEmail),
        contentHtml: n.contentHtml ?? null,
        mentions: n.mentions ?? [],
      })),
    );
    expect(userheroCalls(gw)).toBe(1);
    expect(userheroCalls(gw, `/feedback/number/${item.ticketNumber}`)).toBe(1);
  });

  it('answers null for an unknown ticket number', async () => {
    const res = await gw.query('{ feedbackByTicket(ticketNumber: 999999) { id } }');
    expect(res.errors).toEqual([]);
    expect(res.data).toEqual({ feedbackByTicket: null });
  });

  it('reads comments and notes of listed items through their list endpoints, once per item', async () => {
    const items = seedFeedback(gw).slice(0, 3);
    const res = await gw.query<Page>(
      '{ feedback(first: 3) { nodes { comments { id } notes { id } again: comments { message } } } }',
    );
    expect(res.errors).toEqual([]);
    const { comments, notes } = gw.sandbox.seed.userhero.data;
    expect(res.data?.feedback?.nodes).toEqual(
      items.map((f) => ({
        comments: (comments.get(f.id) ?? []).map((c) => ({ id: c.id })),
        notes: (notes.get(f.id) ?? []).map((n) => ({ id: n.id })),
        again: (comments.get(f.id) ?? []).map((c) => ({ message: c.message })),
      })),
    );
    expect(userheroCalls(gw, /\/comments$/)).toBe(3);
    expect(userheroCalls(gw, /\/notes$/)).toBe(3);
  });
});

describe('Feedback links', () => {
  it('links project, widget, workspace, customer and labelled custom fields', async () => {
    const data = gw.sandbox.seed.userhero.data;
    const items = seedFeedback(gw).slice(0, 30);
    const res = await gw.query<Page>(
      `{ feedback(first: 30) { nodes {
          project { projectId name } widget { widgetId name } workspace { workspaceId name }
          customer { email } customFields { fieldId value label definition { id type } }
        } } }`,
    );
    expect(res.errors).toEqual([]);
    const labels = (projectId: string, fieldId: string) =>
      data.projects.get(projectId)?.customFieldDefinitions.find((d) => d.id === fieldId);
    expect(res.data?.feedback?.nodes).toEqual(
      items.map((f) => {
        const project = data.projects.get(f.projectId);
        const widget = data.widgets.get(f.widgetId);
        const fields = (f.customMetadata?.customFields ?? {}) as Record<string, unknown>;
        return {
          project: { projectId: project?.id, name: project?.name },
          widget: widget ? { widgetId: widget.id, name: widget.name } : null,
          workspace: { workspaceId: ws, name: data.workspaces.get(ws)?.name },
          customer: f.userEmail ? { email: f.userEmail.toLowerCase() } : null,
          customFields: Object.entries(fields).map(([fieldId, value]) => {
            const def = labels(f.projectId, fieldId);
            return {
              fieldId,
              value,
              label: def?.label ?? null,
              definition: def ? { id: def.id, type: def.type } : null,
            };
          }),
        };
      }),
    );
    expect(res.data?.feedback?.nodes.some((n) => (n.customFields as unknown[]).length > 0)).toBe(
      true,
    );
    // One list each, however many items share them.
    expect(userheroCalls(gw, '/projects')).toBeLessThanOrEqual(1);
    expect(userheroCalls(gw, '/widgets')).toBe(1);
    expect(userheroCalls(gw, `/workspace/${ws}`)).toBe(1);
  });

  it('serves Workspace.feedback and Project.feedback with their filters', async () => {
    const project = [...gw.sandbox.seed.userhero.data.projects.values()].find(
      (p) => p.workspaceId === ws,
    );
    if (!project) throw new Error('no project');
    const res = await gw.query<{
      workspaces: {
        feedback: Page['feedback'];
        projects: { nodes: { projectId: string; feedback: Page['feedback'] }[] };
      }[];
    }>(
      `{ workspaces { workspaceId feedback(first: 4, category: "bug") { nodes { feedbackId } }
          projects { nodes { projectId feedback(first: 3, status: "new") { nodes { feedbackId } } } } } }`,
    );
    expect(res.errors).toEqual([]);
    const main = res.data?.workspaces.find((w) => (w as Json).workspaceId === ws);
    expect(main?.feedback?.nodes.map((n) => n.feedbackId)).toEqual(
      seedFeedback(gw, (f) => f.category === 'bug')
        .slice(0, 4)
        .map((f) => f.id),
    );
    const node = main?.projects.nodes.find((p) => p.projectId === project.id);
    expect(node?.feedback?.nodes.map((n) => n.feedbackId)).toEqual(
      seedFeedback(gw, (f) => f.projectId === project.id && f.status === 'new')
        .slice(0, 3)
        .map((f) => f.id),
    );
  });
});

describe('Feedback node', () => {
  it('refetches by global id through Get Feedback, and answers null for unknown ids without a call', async () => {
    const [a, b] = seedFeedback(gw);
    if (!a || !b) throw new Error('no feedback');
    const res = await gw.query<{ nodes: (Json | null)[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Feedback { feedbackId ticketNumber } } }',
      {
        ids: [
          globalId('Feedback', ws, a.id),
          globalId('Feedback', ws, b.id),
          globalId('Feedback', ws, 'fb_missing'),
          globalId('Feedback', 'only-one-part'),
        ],
      },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.nodes).toEqual([
      { id: globalId('Feedback', ws, a.id), feedbackId: a.id, ticketNumber: a.ticketNumber },
      { id: globalId('Feedback', ws, b.id), feedbackId: b.id, ticketNumber: b.ticketNumber },
      null,
      null,
    ]);
    expect(userheroCalls(gw, /^\/feedback\//)).toBe(3);
  });

  it('a listed id refetches to the same item', async () => {
    const list = await gw.query<Page>('{ feedback(first: 1) { nodes { id message } } }');
    const node = list.data?.feedback?.nodes[0];
    const res = await gw.query<{ node: Json }>(
      'query($id: ID!) { node(id: $id) { ... on Feedback { id message } } }',
      { id: node?.id },
    );
    expect(res.data?.node).toEqual(node);
  });
});
