import type { RequestListener, Server } from 'node:http';
import { createServer } from 'node:http';

/** How long a request's headers may take to arrive, at most (a slowloris holds a socket here). */
const MAX_HEADERS_MS = 10_000;
/** How often Node looks for requests past those limits (its default, 30 s, lets them overstay). */
const CHECK_EVERY_MS = 1_000;

/**
 * The Node HTTP server in front of the gateway, with the time a client may take to send its
 * request tied to REQUEST_DEADLINE_MS: a request whose headers and body have not arrived within
 * the deadline could not be answered within it anyway, so its socket is closed (408) instead of
 * being held for Node's default five minutes. Time spent answering is the deadline's own
 * business (src/transport/deadline.ts), not this.
 */
export function createHttpServer(
  listener: RequestListener,
  options: { requestDeadlineMs: number },
): Server {
  const requestTimeout = options.requestDeadlineMs;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(MAX_HEADERS_MS, requestTimeout),
      connectionsCheckingInterval: CHECK_EVERY_MS,
    },
    listener,
  );
  server.keepAliveTimeout = 30_000;
  return server;
}
