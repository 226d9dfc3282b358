import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ControlPlane } from './control-plane.js';
import type { FaultRegistry, FaultRule } from './faults.js';
import {
  BodyTooLarge,
  encodeResponse,
  flatHeaders,
  loggedBody,
  queryRecord,
  readBody,
  send,
} from './http-io.js';
import type { RingRequestLog } from './request-log.js';
import type { SandboxResponse, SandboxVendor, VendorApp } from './types.js';
import { vendorError } from './vendor-errors.js';

export interface VendorServerDeps {
  vendor: SandboxVendor;
  /** `/analytics/public`, `/api/v1`, or '' when the vendor serves from the root. */
  basePath: string;
  /** Path prefixes outside the base path the vendor also serves (UserHero's `/api/hooks/`). */
  alsoServes?: readonly string[];
  app: VendorApp;
  log: RingRequestLog;
  faults: FaultRegistry;
  latencyMs: () => number;
  control: ControlPlane;
  /** Aborted when the sandbox closes: pending delays end instead of holding the process. */
  signal: AbortSignal;
}

const NOT_JSON =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

const TRUNCATABLE: SandboxResponse = { status: 200, body: { data: [{ id: 'truncated' }] } };

export function createVendorServer(deps: VendorServerDeps): Server {
  return createServer({ keepAlive: true, keepAliveTimeout: 10_000 }, (req, res) => {
    handle(deps, req, res).catch(() => {
      // Whatever failed, the harness must stay up: drop this connection only.
      if (!res.headersSent) send(res, vendorError(deps.vendor, 500, 'Sandbox failure'));
      else res.destroy();
    });
  });
}

async function handle(deps: VendorServerDeps, req: IncomingMessage, res: ServerResponse) {
  const startedAt = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const pathname = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1));
  const headers = flatHeaders(req);

  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      res.setHeader('connection', 'close');
      send(res, vendorError(deps.vendor, 413, 'Payload too large'));
    } else {
      res.destroy();
    }
    return;
  }

  if (pathname.startsWith('/__sandbox/')) {
    send(res, deps.control.handle(method, pathname, query, body));
    return;
  }

  const { basePath } = deps;
  const underBase = basePath === '' || pathname === basePath || pathname.startsWith(`${basePath}/`);
  const inside = underBase || (deps.alsoServes?.some((p) => pathname.startsWith(p)) ?? false);
  const path = underBase ? pathname.slice(basePath.length) || '/' : pathname;
  const record = (status: number, responseBytes = 0) =>
    deps.log.record({
      vendor: deps.vendor,
      method,
      path,
      query: queryRecord(query),
      headers,
      body: loggedBody(body, headers['content-type']),
      status,
      responseBytes,
      startedAt,
      durationMs: Date.now() - startedAt,
    });

  const fault = inside ? deps.faults.take(deps.vendor, method, path) : undefined;
  const delay = deps.latencyMs() + (fault?.latencyMs ?? 0);
  if (delay > 0) {
    try {
      await sleep(delay, undefined, { signal: deps.signal });
    } catch {
      return;
    }
  }

  if (!inside) {
    record(404, send(res, vendorError(deps.vendor, 404, `No route for ${method} ${pathname}`)));
    return;
  }
  if (fault?.reset) {
    record(0);
    req.socket.resetAndDestroy();
    return;
  }
  if (fault?.hang) {
    // Nothing is written; closing the sandbox destroys the connection.
    record(0);
    return;
  }

  const answer = async (): Promise<SandboxResponse> => {
    try {
      return await deps.app.handle({ method, path, query, headers, body });
    } catch {
      return vendorError(deps.vendor, 500, 'Internal error');
    }
  };

  if (fault?.malformed === 'truncated') {
    const real = encodeResponse(await answer());
    // A bodiless answer (204) cannot be cut short: promise a JSON one instead.
    const cut = real.bytes && real.bytes.length >= 2 ? real : encodeResponse(TRUNCATABLE);
    const full = cut.bytes!;
    res.writeHead(cut.status, cut.headers);
    record(cut.status, full.length);
    res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.destroy());
    return;
  }
  const response = fault ? await faultResponse(deps, fault, answer) : await answer();
  record(response.status, send(res, response));
}

async function faultResponse(
  deps: VendorServerDeps,
  fault: FaultRule,
  answer: () => Promise<SandboxResponse>,
): Promise<SandboxResponse> {
  const json = { 'content-type': 'application/json' };
  let response: SandboxResponse;
  if (fault.malformed === 'not-json') {
    response = { status: 200, headers: json, body: NOT_JSON };
  } else if (fault.malformed === 'wrong-shape') {
    response = { status: 200, headers: json, body: { unexpected: true } };
  } else if (fault.body !== undefined) {
    response = { status: fault.status ?? 200, body: fault.body };
  } else if (fault.status !== undefined) {
    response = vendorError(deps.vendor, fault.status);
  } else {
    response = await answer();
  }
  return fault.headers
    ? { ...response, headers: { ...response.headers, ...fault.headers } }
    : response;
}
