import { describe, expect, it } from 'vitest';
import { multipartBody } from '../../src/vendors/userhero/multipart.js';

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function trackedStream(chunks: string[]) {
  const state = { started: false };
  async function* stream() {
    state.started = true;
    for (const chunk of chunks) yield Buffer.from(chunk);
  }
  return { state, stream: stream() };
}

describe('multipartBody', () => {
  it('streams the text fields, then the file, between boundaries', async () => {
    const { stream } = trackedStream(['PNG', 'DATA']);
    const body = multipartBody(
      { projectId: 'proj_1', feedbackId: undefined },
      { filename: 'shot.png', mimeType: 'image/png', stream, length: 7 },
      'file',
      'BOUNDARY',
    );
    expect(body.contentType).toBe('multipart/form-data; boundary=BOUNDARY');
    const bytes = await collect(body.body);
    expect(bytes.toString()).toBe(
      [
        '--BOUNDARY',
        'Content-Disposition: form-data; name="projectId"',
        '',
        'proj_1',
        '--BOUNDARY',
        'Content-Disposition: form-data; name="file"; filename="shot.png"',
        'Content-Type: image/png',
        '',
        'PNGDATA',
        '--BOUNDARY--',
        '',
      ].join('\r\n'),
    );
    expect(body.length).toBe(bytes.length);
  });

  it('does not read the file before the body is consumed', async () => {
    const { state, stream } = trackedStream(['x']);
    const body = multipartBody({}, { filename: 'a.webm', mimeType: 'audio/webm', stream });
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.started).toBe(false);
    expect(body.length).toBeUndefined();
    const iterator = body.body[Symbol.asyncIterator]();
    await iterator.next(); // the head
    expect(state.started).toBe(false);
    await iterator.next();
    expect(state.started).toBe(true);
  });

  it('escapes quotes and line breaks in the file name and uses a random boundary', async () => {
    const { stream } = trackedStream([]);
    const body = multipartBody({}, { filename: 'a"b\r\n.png', mimeType: 'image/png', stream });
    const boundary = body.contentType.split('boundary=')[1]!;
    expect(boundary).toMatch(/^----userhero-[0-9a-f]{32}$/);
    const text = (await collect(body.body)).toString();
    expect(text).toContain('filename="a%22b%0D%0A.png"');
    expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
  });
});
