import { describe, expect, it } from 'vitest';
import { call, errorCode, makeApp, OTHER_KEY } from './helpers.js';

function firstProject(app: ReturnType<typeof makeApp>) {
  return [...app.data.projects.values()].find((p) => p.workspaceId === app.workspaceId)!;
}

describe('Idempotency-Key on POST', () => {
  it('replays the original status and body and does not create a second item', async () => {
    const app = makeApp();
    const json = { workspaceId: app.workspaceId, projectId: firstProject(app).id, message: 'Hi' };
    const headers = { 'idempotency-key': 'req-1' };
    const before = app.data.feedback.size;
    const first = await call(app, 'POST', '/feedback', { json, headers });
    const again = await call(app, 'POST', '/feedback', { json, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(app.data.feedback.size).toBe(before + 1);
  });

  it('answers 409 conflict when the key is reused with a different body', async () => {
    const app = makeApp();
    const json = { workspaceId: app.workspaceId, projectId: firstProject(app).id, message: 'A' };
    const headers = { 'idempotency-key': 'req-2' };
    await call(app, 'POST', '/feedback', { json, headers });
    const other = await call(app, 'POST', '/feedback', {
      json: { ...json, message: 'B' },
      headers,
    });
    expect(other.status).toBe(409);
    expect(errorCode(other)).toBe('conflict');
  });

  it('keeps keys per API key', async () => {
    const app = makeApp();
    const json = { workspaceId: app.workspaceId, projectId: firstProject(app).id, message: 'A' };
    const headers = { 'idempotency-key': 'shared' };
    const mine = await call(app, 'POST', '/feedback', { json, headers });
    const theirs = await call(app, 'POST', '/feedback', { json, headers, key: OTHER_KEY });
    expect(theirs.status).toBe(201);
    expect(theirs.body.data.id).not.toBe(mine.body.data.id);
  });

  it('replays a customer creation instead of answering the duplicate-email 409', async () => {
    const app = makeApp();
    const json = { workspaceId: app.workspaceId, name: 'Jane', primaryEmail: 'jane@new.example' };
    const headers = { 'idempotency-key': 'cust-1' };
    const first = await call(app, 'POST', '/customers', { json, headers });
    const again = await call(app, 'POST', '/customers', { json, headers });
    expect(again.status).toBe(201);
    expect(again.body.data.id).toBe(first.body.data.id);
    const unkeyed = await call(app, 'POST', '/customers', { json });
    expect(unkeyed.status).toBe(409);
  });

  it('does not remember refused requests, so a corrected retry may reuse the key', async () => {
    const app = makeApp();
    const headers = { 'idempotency-key': 'fix-me' };
    const bad = await call(app, 'POST', '/feedback', {
      json: { workspaceId: app.workspaceId, message: 'no project' },
      headers,
    });
    expect(bad.status).toBe(400);
    const fixed = await call(app, 'POST', '/feedback', {
      json: { workspaceId: app.workspaceId, projectId: firstProject(app).id, message: 'fixed' },
      headers,
    });
    expect(fixed.status).toBe(201);
  });
});
