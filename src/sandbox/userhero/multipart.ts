// A minimal multipart/form-data reader over the buffered body: enough for the upload endpoint's
// three fields, binary-safe, and strict about framing so that a broken body is a 400.
import { badRequest } from './errors.js';

export interface FormPart {
  name: string;
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string {
  const match = /^multipart\/form-data\s*;.*?boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(
    contentType ?? '',
  );
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw badRequest('Content-Type must be multipart/form-data with a boundary');
  return boundary;
}

function dispositionParam(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  if (match?.[1] !== undefined) return match[1].replace(/\\(.)/g, '$1');
  return new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(header)?.[1];
}

function parseHeaders(block: string): FormPart | undefined {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  const name = dispositionParam(disposition, 'name');
  if (!/^form-data/i.test(disposition) || name === undefined) return undefined;
  return {
    name,
    fileName: dispositionParam(disposition, 'filename'),
    contentType: headers.get('content-type')?.split(';')[0]?.trim().toLowerCase(),
    data: Buffer.alloc(0),
  };
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const malformed = () => badRequest('Malformed multipart body');
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw malformed();
  pos += delimiter.length;
  const parts: FormPart[] = [];
  for (;;) {
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return parts;
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') throw malformed();
    const headerEnd = body.indexOf('\r\n\r\n', pos + 2);
    if (headerEnd < 0) throw malformed();
    const part = parseHeaders(body.subarray(pos + 2, headerEnd).toString('utf8'));
    const end = body.indexOf(nextDelimiter, headerEnd + 4);
    if (end < 0 || !part) throw malformed();
    part.data = body.subarray(headerEnd + 4, end);
    parts.push(part);
    pos = end + nextDelimiter.length;
  }
}
