import { describe, expect, it } from 'vitest';
import { call, errorCode, makeApp, multipart } from './helpers.js';

const MB = 1024 * 1024;
const app = makeApp();
const ws = app.workspaceId;
const feedback = [...app.data.feedback.values()].find((f) => f.workspaceId === ws)!;

function upload(
  file: { size: number; type?: string; name?: string },
  extra: { name: string; value: string }[] = [],
  workspaceId: string | null = ws,
) {
  const form = multipart([
    {
      name: 'file',
      value: Buffer.alloc(file.size, 1),
      fileName: file.name ?? 'file.bin',
      contentType: file.type,
    },
    ...extra,
  ]);
  return call(app, 'POST', '/feedback/upload', {
    query: workspaceId ? { workspaceId } : {},
    body: form.body,
    headers: { 'content-type': form.contentType },
  });
}

describe('POST /feedback/upload', () => {
  it('stores feedback media and answers { url, contentType, size }', async () => {
    const res = await upload({ size: 102400, type: 'image/png', name: 'screenshot.png' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      url: expect.stringMatching(/^https:\/\/storage\.googleapis\.com\//),
      contentType: 'image/png',
      size: 102400,
    });
    expect(app.data.uploads.at(-1)).toMatchObject({ size: 102400, feedbackId: null });
  });

  it('returns an attachment object when feedbackId is given', async () => {
    const res = await upload({ size: 2048, type: 'audio/webm', name: 'rec.webm' }, [
      { name: 'feedbackId', value: feedback.id },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      id: expect.stringMatching(/^att_\d+_[a-z0-9]+$/),
      url: expect.any(String),
      type: 'audio',
      fileName: 'rec.webm',
      fileSize: 2048,
      mimeType: 'audio/webm',
    });
    const comment = await call(app, 'POST', `/feedback/${feedback.id}/comments`, {
      json: { attachments: [res.body.data] },
    });
    expect(comment.status).toBe(201);
  });

  it('accepts each category up to its maximum size', async () => {
    expect((await upload({ size: 5 * MB, type: 'image/webp' })).status).toBe(200);
    expect((await upload({ size: 10 * MB, type: 'audio/wav' })).status).toBe(200);
    expect((await upload({ size: 50 * MB, type: 'video/mp4' })).status).toBe(200);
  });

  it('refuses files over the category maximum with 400', async () => {
    for (const [type, max] of [
      ['image/jpeg', 5],
      ['audio/mpeg', 10],
      ['video/webm', 50],
    ] as const) {
      const res = await upload({ size: max * MB + 1, type });
      expect(res.status).toBe(400);
      expect(errorCode(res)).toBe('bad_request');
    }
  });

  it('refuses unsupported types and files without a type', async () => {
    for (const type of ['image/gif', 'application/pdf', 'video/quicktime', undefined]) {
      expect((await upload({ size: 10, type })).status).toBe(400);
    }
  });

  it('refuses a missing file, missing workspaceId, non-multipart and broken bodies', async () => {
    const onlyField = multipart([{ name: 'projectId', value: 'x' }]);
    const noFile = await call(app, 'POST', '/feedback/upload', {
      query: { workspaceId: ws },
      body: onlyField.body,
      headers: { 'content-type': onlyField.contentType },
    });
    expect(noFile.status).toBe(400);
    expect((await upload({ size: 10, type: 'image/png' }, [], null)).status).toBe(400);
    const json = await call(app, 'POST', '/feedback/upload', {
      query: { workspaceId: ws },
      json: {},
    });
    expect(json.status).toBe(400);
    const broken = await call(app, 'POST', '/feedback/upload', {
      query: { workspaceId: ws },
      body: '--abc\r\nContent-Disposition: form-data; name="file"\r\n\r\nno end',
      headers: { 'content-type': 'multipart/form-data; boundary=abc' },
    });
    expect(broken.status).toBe(400);
  });

  it('answers 404 for a projectId or feedbackId outside the workspace', async () => {
    expect(
      (await upload({ size: 10, type: 'image/png' }, [{ name: 'projectId', value: 'proj_x' }]))
        .status,
    ).toBe(404);
    expect(
      (await upload({ size: 10, type: 'image/png' }, [{ name: 'feedbackId', value: 'fb_x' }]))
        .status,
    ).toBe(404);
  });
});
