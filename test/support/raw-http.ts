import type { Server } from 'node:http';
import { connect } from 'node:net';
import { createHttpServer } from '../../src/http/node-server.js';
import type { TestGateway } from './gateway.js';

/** A real Node server in front of a test gateway, as `npm start` builds it. */
export async function listen(
  gw: TestGateway,
  options: { requestDeadlineMs?: number } = {},
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createHttpServer(gw.yoga, {
    requestDeadlineMs: options.requestDeadlineMs ?? gw.services.config.requestDeadlineMs,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/**
 * One request written byte for byte, so the request target is exactly `target` (fetch and
 * http.request normalise paths; an attacker's client does not).
 */
export function rawRequest(
  port: number,
  request: { method: string; target: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const body = request.body ?? '';
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    connection: 'close',
    ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...request.headers,
  };
  const head =
    `${request.method} ${request.target} HTTP/1.1\r\n` +
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    '\r\n';
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, head: text.slice(0, split), body: text.slice(split + 4) });
    });
    // Not `end()`: a client that half-closes may see Node drop the answer; `connection: close`
    // makes the server close once it has answered.
    socket.write(head + body);
  });
}
