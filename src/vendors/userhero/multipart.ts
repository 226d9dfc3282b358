// A multipart/form-data body that streams the file through: media up to 50 MB is never held in
// memory, and nothing is read from the file until the transport starts sending.
import { randomBytes } from 'node:crypto';

export interface UploadFile {
  filename: string;
  mimeType: string;
  stream: AsyncIterable<Uint8Array | string>;
  /** Bytes, when known: lets the body carry a Content-Length. */
  length?: number;
}

export interface MultipartBody {
  contentType: string;
  body: AsyncIterable<Uint8Array>;
  length?: number;
}

const CRLF = '\r\n';

/**
 * Text fields first, so the server knows them (e.g. `feedbackId`) before the file arrives. The
 * body can be iterated once only, like the stream inside it.
 */
export function multipartBody(
  fields: Record<string, string | undefined>,
  file: UploadFile,
  fileField = 'file',
  boundary = `----userhero-${randomBytes(16).toString('hex')}`,
): MultipartBody {
  const head = Buffer.from(
    Object.entries(fields)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(
        ([name, value]) =>
          `--${boundary}${CRLF}Content-Disposition: form-data; name="${quoteName(name)}"${CRLF}${CRLF}${value}${CRLF}`,
      )
      .join('') +
      `--${boundary}${CRLF}` +
      `Content-Disposition: form-data; name="${quoteName(fileField)}"; filename="${quoteName(file.filename)}"${CRLF}` +
      `Content-Type: ${file.mimeType.replace(/[\r\n]/g, '')}${CRLF}${CRLF}`,
  );
  const tail = Buffer.from(`${CRLF}--${boundary}--${CRLF}`);

  async function* parts(): AsyncGenerator<Uint8Array> {
    yield head;
    for await (const chunk of file.stream) {
      yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    }
    yield tail;
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: parts(),
    length: file.length === undefined ? undefined : head.length + file.length + tail.length,
  };
}

/** As browsers encode names in form-data headers (WHATWG): quotes and line breaks escaped. */
function quoteName(name: string): string {
  return name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}
