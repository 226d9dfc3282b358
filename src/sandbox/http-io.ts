import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxResponse } from './types.js';

/** Uploads are the largest bodies the gateway sends; anything beyond is refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The response's bytes and headers, ready to write (content-type and length filled in). */
export function encodeResponse(response: SandboxResponse): {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer | undefined;
} {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  const { body } = response;
  let bytes: Buffer | undefined;
  if (body === undefined) {
    bytes = undefined;
  } else if (Buffer.isBuffer(body)) {
    bytes = body;
    headers['content-type'] ??= 'application/octet-stream';
  } else if (typeof body === 'string') {
    bytes = Buffer.from(body);
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else {
    bytes = Buffer.from(JSON.stringify(body));
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  headers['content-length'] = String(bytes?.length ?? 0);
  return { status: response.status, headers, bytes };
}

/** Writes the response; returns the bytes of its body (what the request log records). */
export function send(res: ServerResponse, response: SandboxResponse): number {
  const { status, headers, bytes } = encodeResponse(response);
  res.writeHead(status, headers);
  res.end(bytes);
  return bytes?.length ?? 0;
}

/** What the request log keeps of a body: parsed JSON, a multipart summary, or text. */
export function loggedBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/')) return { multipart: true, bytes: body.length };
  const text = body.toString('utf8');
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text.length > 65_536 ? `${text.slice(0, 65_536)}…` : text;
}

export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}
