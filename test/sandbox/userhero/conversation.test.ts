import { describe, expect, it } from 'vitest';
import { call, errorCode, makeApp } from './helpers.js';

const attachment = {
  id: 'att_1712345678_abc123',
  url: 'https://storage.googleapis.com/x.png',
  type: 'image',
  fileName: 'x.png',
  fileSize: 10,
  mimeType: 'image/png',
};

function setup() {
  const app = makeApp();
  const ws = app.workspaceId;
  const items = [...app.data.feedback.values()].filter((f) => f.workspaceId === ws);
  const open = items.find((f) => f.customerCommentsEnabled && !app.data.comments.has(f.id))!;
  const closed = items.find((f) => !f.customerCommentsEnabled)!;
  return { app, ws, open, closed };
}

describe('comments', () => {
  it('adds an agent comment by default, authored by the API key user', async () => {
    const { app, open } = setup();
    const res = await call(app, 'POST', `/feedback/${open.id}/comments`, {
      json: { message: 'On it' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      message: 'On it',
      authorType: 'agent',
      authorName: 'Alex Morgan',
      attachments: [],
    });
    expect(res.body.data.id).toMatch(/^cc_\d+_[a-z0-9]{6}$/);
    const list = await call(app, 'GET', `/feedback/${open.id}/comments`);
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([res.body.data.id]);
  });

  it('needs authorName and authorEmail for customer comments', async () => {
    const { app, open } = setup();
    const path = `/feedback/${open.id}/comments`;
    const customer = {
      message: 'Still broken',
      authorType: 'customer',
      authorName: 'John',
      authorEmail: 'john@x.example',
    };
    expect((await call(app, 'POST', path, { json: customer })).status).toBe(201);
    expect(
      (await call(app, 'POST', path, { json: { ...customer, authorName: undefined } })).status,
    ).toBe(400);
    expect(
      (await call(app, 'POST', path, { json: { ...customer, authorEmail: undefined } })).status,
    ).toBe(400);
    expect(
      (await call(app, 'POST', path, { json: { ...customer, authorType: 'bot' } })).status,
    ).toBe(400);
  });

  it('answers 403 forbidden for customer comments where they are disabled, but takes agent ones', async () => {
    const { app, closed } = setup();
    const path = `/feedback/${closed.id}/comments`;
    const res = await call(app, 'POST', path, {
      json: { message: 'Hi', authorType: 'customer', authorName: 'J', authorEmail: 'j@x.example' },
    });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('forbidden');
    expect((await call(app, 'POST', path, { json: { message: 'Agent reply' } })).status).toBe(201);
  });

  it('limits message to 2000 characters and requires it unless attachments are sent', async () => {
    const { app, open } = setup();
    const path = `/feedback/${open.id}/comments`;
    expect((await call(app, 'POST', path, { json: { message: 'x'.repeat(2000) } })).status).toBe(
      201,
    );
    expect((await call(app, 'POST', path, { json: { message: 'x'.repeat(2001) } })).status).toBe(
      400,
    );
    expect((await call(app, 'POST', path, { json: {} })).status).toBe(400);
    const onlyFile = await call(app, 'POST', path, { json: { attachments: [attachment] } });
    expect(onlyFile.status).toBe(201);
    expect(onlyFile.body.data.attachments).toEqual([attachment]);
  });

  it('takes at most 3 well-formed attachments', async () => {
    const { app, open } = setup();
    const path = `/feedback/${open.id}/comments`;
    const four = Array.from({ length: 4 }, () => attachment);
    expect(
      (await call(app, 'POST', path, { json: { message: 'x', attachments: four } })).status,
    ).toBe(400);
    expect(
      (await call(app, 'POST', path, { json: { message: 'x', attachments: [{ url: 'u' }] } }))
        .status,
    ).toBe(400);
  });

  it('answers 404 for an unknown feedback item and 403 for one in the disabled workspace', async () => {
    const { app } = setup();
    expect((await call(app, 'GET', '/feedback/fb_nope/comments')).status).toBe(404);
    const disabled = [...app.data.workspaces.values()].find((w) => !w.apiAccessEnabled)!;
    const hidden = [...app.data.feedback.values()].find((f) => f.workspaceId === disabled.id)!;
    expect((await call(app, 'GET', `/feedback/${hidden.id}/comments`)).status).toBe(403);
  });
});

describe('internal notes', () => {
  it('adds a note and makes mentioned members watchers', async () => {
    const { app, ws, open } = setup();
    const member = app.data.workspaces.get(ws)!.members[2]!;
    open.watcherIds = [];
    const res = await call(app, 'POST', `/feedback/${open.id}/notes`, {
      json: {
        content: 'Repro on Chrome',
        contentHtml: '<p>Repro on Chrome</p>',
        mentions: [member.id],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      content: 'Repro on Chrome',
      authorName: 'Alex Morgan',
      attachments: [],
    });
    expect(res.body.data.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const item = await call(app, 'GET', `/feedback/${open.id}`, { query: { workspaceId: ws } });
    expect(item.body.data.watcherIds).toContain(member.id);
    expect(item.body.data.internalNotes.at(-1).id).toBe(res.body.data.id);
    const list = await call(app, 'GET', `/feedback/${open.id}/notes`);
    expect(list.body.data.at(-1).content).toBe('Repro on Chrome');
  });

  it('limits content to 5000 characters, 3 attachments and workspace members as mentions', async () => {
    const { app, open } = setup();
    const path = `/feedback/${open.id}/notes`;
    expect((await call(app, 'POST', path, { json: { content: 'x'.repeat(5000) } })).status).toBe(
      201,
    );
    expect((await call(app, 'POST', path, { json: { content: 'x'.repeat(5001) } })).status).toBe(
      400,
    );
    expect((await call(app, 'POST', path, { json: {} })).status).toBe(400);
    expect(
      (await call(app, 'POST', path, { json: { content: 'x', mentions: ['user_nobody'] } })).status,
    ).toBe(400);
    const four = Array.from({ length: 4 }, () => attachment);
    expect(
      (await call(app, 'POST', path, { json: { content: 'x', attachments: four } })).status,
    ).toBe(400);
  });
});
