import { execute, parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContextFactory } from '../../src/context.js';
import { schema } from '../../src/schema/index.js';
import { checkedUpload } from '../../src/writes/userhero-upload.js';
import { InputChecks } from '../../src/writes/validate.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { globalId, mainWorkspace, seedFeedback } from './userhero-fixtures.js';
import {
  data,
  expectRefused,
  mainProject,
  received,
  uploadRequest,
} from './userhero-mutations-fixtures.js';

// uploadFeedbackMedia through the GraphQL multipart request spec: each media category reaches
// UserHero as a streamed multipart body, and a file UserHero would refuse never leaves the gateway.

let gw: TestGateway;
let ws: string;
beforeAll(async () => {
  gw = await startTestGateway();
  ws = mainWorkspace(gw);
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.log.clear());

const MB = 1024 * 1024;

const UPLOAD = `mutation($file: Upload!, $feedbackId: ID, $projectId: ID, $workspaceId: ID) {
  uploadFeedbackMedia(file: $file, feedbackId: $feedbackId, projectId: $projectId, workspaceId: $workspaceId) {
    url contentType size attachment { id url type fileName fileSize mimeType }
  }
}`;

interface Uploaded {
  uploadFeedbackMedia: {
    url: string;
    contentType: string | null;
    size: number | null;
    attachment: {
      id: string;
      url: string;
      type: string;
      fileName: string;
      fileSize: number;
      mimeType: string;
    } | null;
  };
}

/** Recognisable bytes of a given length. */
function bytes(length: number, seed = 7): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) % 251;
  return out;
}

function upload(
  file: { name: string; type: string; data: Uint8Array },
  vars: Record<string, unknown> = {},
) {
  return uploadRequest<Uploaded>(gw, UPLOAD, { file: null, ...vars }, [
    { path: 'variables.file', ...file },
  ]);
}

describe('uploads of each media category', () => {
  it('streams an image to Upload Media and answers its URL, type and size', async () => {
    const project = mainProject(gw);
    const file = { name: 'screenshot.png', type: 'image/png', data: bytes(4096) };
    const result = await upload(file, { projectId: globalId('Project', ws, project.id) });

    expect(result.errors, result.body).toEqual([]);
    const [call] = received(gw);
    expect(received(gw)).toHaveLength(1);
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/feedback/upload');
    expect(call?.query).toEqual({ workspaceId: ws });
    expect(call?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(call?.headers['idempotency-key']).toBeUndefined();
    // The size is known up front, so the streamed body still carries its length.
    expect(Number(call?.headers['content-length'])).toBe((call?.body as { bytes: number }).bytes);

    const stored = data(gw).uploads.at(-1)!;
    expect(stored).toMatchObject({
      workspaceId: ws,
      projectId: project.id,
      feedbackId: null,
      fileName: 'screenshot.png',
      contentType: 'image/png',
      size: 4096,
    });
    expect(result.data?.uploadFeedbackMedia).toEqual({
      url: stored.url,
      contentType: 'image/png',
      size: 4096,
      attachment: null,
    });
  });

  it('stores audio as a conversation attachment of a feedback item, ready for a comment', async () => {
    const item = seedFeedback(gw, (f) => f.customerCommentsEnabled)[0]!;
    const file = { name: 'recording.webm', type: 'audio/webm', data: bytes(20_000) };
    const result = await upload(file, { feedbackId: globalId('Feedback', ws, item.id) });

    expect(result.errors, result.body).toEqual([]);
    expect(received(gw, 'POST', '/feedback/upload')).toHaveLength(1);
    const stored = data(gw).uploads.at(-1)!;
    expect(stored).toMatchObject({ feedbackId: item.id, size: 20_000, contentType: 'audio/webm' });
    const attachment = result.data?.uploadFeedbackMedia.attachment;
    expect(attachment).toMatchObject({
      url: stored.url,
      type: 'audio',
      fileName: 'recording.webm',
      fileSize: 20_000,
      mimeType: 'audio/webm',
    });
    expect(result.data?.uploadFeedbackMedia).toMatchObject({
      url: stored.url,
      contentType: 'audio/webm',
      size: 20_000,
    });

    // The attachment object goes straight into a comment.
    gw.sandbox.log.clear();
    const comment = await gw.query<{ addFeedbackComment: { comment: { attachments: unknown[] } } }>(
      `mutation($input: AddCommentInput!) {
        addFeedbackComment(input: $input) { comment { attachments { id url type fileName fileSize mimeType } } }
      }`,
      { input: { feedbackId: globalId('Feedback', ws, item.id), attachments: [attachment] } },
    );
    expect(comment.errors, comment.body).toEqual([]);
    expect(comment.data?.addFeedbackComment.comment.attachments).toEqual([attachment]);
    expect(received(gw, 'POST')[0]?.body).toEqual({ attachments: [attachment] });
  });

  it('uploads a video', async () => {
    const file = { name: 'bug.mp4', type: 'video/mp4', data: bytes(64 * 1024) };
    const result = await upload(file);
    expect(result.errors, result.body).toEqual([]);
    expect(result.data?.uploadFeedbackMedia).toMatchObject({
      contentType: 'video/mp4',
      size: 64 * 1024,
    });
    expect(received(gw, 'POST', '/feedback/upload')).toHaveLength(1);
    expect(data(gw).uploads.at(-1)).toMatchObject({ fileName: 'bug.mp4', size: 64 * 1024 });
  });
});

describe('files UserHero would refuse are refused before any call', () => {
  it('refuses a video just over 50 MB sent through the multipart request', async () => {
    const result = await upload({
      name: 'long.webm',
      type: 'video/webm',
      data: new Uint8Array(50 * MB + 1),
    });
    const error = expectRefused(gw, result, 'BAD_USER_INPUT', '50 MB for video files');
    expect(error.extensions?.field).toBe('file');
  });

  it('refuses a video over 50 MB on its size alone, without reading it', async () => {
    // The check needs only file.size: driven here with a File whose bytes do not exist.
    let read = false;
    const huge = {
      name: 'long.webm',
      type: 'video/webm',
      size: 50 * MB + 1,
      stream: () => {
        read = true;
        throw new Error('must not be read');
      },
    };
    const context = createContextFactory(gw.services)(new Request('http://gateway.test/graphql'));
    const result = await execute({
      schema,
      document: parse(UPLOAD),
      variableValues: { file: huge },
      contextValue: context,
    });
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toContain('50 MB for video files');
    expect(result.errors?.[0]?.extensions.field).toBe('file');
    expect(read).toBe(false);
    expect(received(gw)).toEqual([]);
  });

  it('refuses an image over 5 MB, a size audio may have', async () => {
    const big = new Uint8Array(5 * MB + 1);
    expectRefused(
      gw,
      await upload({ name: 'huge.png', type: 'image/png', data: big }),
      'BAD_USER_INPUT',
      '5 MB',
      'image',
    );
  });

  it('refuses a type outside the documented table, and an empty file', async () => {
    const pdf = await upload({ name: 'spec.pdf', type: 'application/pdf', data: bytes(10) });
    expectRefused(gw, pdf, 'BAD_USER_INPUT', 'application/pdf', 'image/png');
    const empty = await upload({ name: 'empty.png', type: 'image/png', data: new Uint8Array(0) });
    expectRefused(gw, empty, 'BAD_USER_INPUT', 'empty');
  });

  it('refuses ids of the wrong type and ids of different workspaces', async () => {
    const project = mainProject(gw);
    const file = { name: 'a.png', type: 'image/png', data: bytes(10) };
    const wrongType = await upload(file, { feedbackId: globalId('Project', ws, project.id) });
    expectRefused(gw, wrongType, 'BAD_USER_INPUT', 'feedbackId', 'Feedback id');
    const raw = await upload(file, { projectId: project.id });
    expectRefused(gw, raw, 'BAD_USER_INPUT', 'projectId');
    const elsewhere = await upload(file, {
      projectId: globalId('Project', ws, project.id),
      workspaceId: Buffer.from('Workspace:ws_other').toString('base64url'),
    });
    expectRefused(gw, elsewhere, 'BAD_USER_INPUT', 'another workspace');
  });
});

describe('the upload stream', () => {
  it('reads the file as a stream, never as one buffer', async () => {
    class StreamOnly extends File {
      override arrayBuffer(): Promise<ArrayBuffer> {
        throw new Error('arrayBuffer must not be used');
      }
      override text(): Promise<string> {
        throw new Error('text must not be used');
      }
    }
    const content = bytes(300_000);
    const checks = new InputChecks('file');
    const file = checkedUpload(
      checks,
      'file',
      new StreamOnly([content], 'a.ogg', { type: 'audio/ogg' }),
    );
    checks.done();
    expect(file).toMatchObject({ filename: 'a.ogg', mimeType: 'audio/ogg', length: 300_000 });
    const chunks: Uint8Array[] = [];
    for await (const chunk of file!.stream)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    expect(Buffer.concat(chunks).equals(Buffer.from(content))).toBe(true);
  });
});
