// One attempt on the wire: a keep-alive undici pool per vendor, the request as vendors take it
// (auth headers, JSON or streamed body, Idempotency-Key, query string) and the whole answer body
// read as text. What an answer means is for classify.ts: this module only says whether one came.
import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import type { QueryValue, VendorRequest, VendorResponse } from './types.js';
import { sentPath } from './types.js';

/** A vendor answer as it came off the wire, whatever its status. */
export interface WireAnswer {
  status: number;
  headers: VendorResponse['headers'];
  text: string;
}

/** No complete answer came: undici's (or the socket's) error, and whether the headers had come. */
export class WireFailure {
  constructor(
    readonly cause: unknown,
    readonly duringBody: boolean,
  ) {}
}

export interface WireOptions {
  /** Bounds connecting, waiting for headers and each wait for body data. */
  timeoutMs: number;
  connections: number;
}

/** The vendor's pool. Auth headers are added here and nowhere else. */
export class Wire {
  private readonly pool: Pool;
  private readonly basePath: string;
  private active = 0;

  constructor(
    baseUrl: string,
    private readonly authHeaders: () => Record<string, string>,
    options: WireOptions,
  ) {
    const url = new URL(baseUrl);
    this.basePath = url.pathname.replace(/\/$/, '');
    this.pool = new Pool(url.origin, {
      connections: options.connections,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  /** Attempts on the wire right now; a cancelled request leaves none behind. */
  get inFlight(): number {
    return this.active;
  }

  /**
   * Sends one attempt and reads its answer. Rejects with a WireFailure when no complete answer
   * came; anything else it rejects with (a body that cannot be serialised) is the caller's bug.
   */
  async send(req: VendorRequest, extraHeaders?: Record<string, string>): Promise<WireAnswer> {
    this.active += 1;
    try {
      return await this.exchange(req, extraHeaders);
    } finally {
      this.active -= 1;
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** `extraHeaders`: the trace context (`traceparent`); never overrides the auth headers. */
  private async exchange(
    req: VendorRequest,
    extraHeaders: Record<string, string> | undefined,
  ): Promise<WireAnswer> {
    // The pool's connect, headers and body timeouts bound the attempt; the request's signal
    // (deadline, client gone) is passed as is: no timer or signal is made per attempt.
    const signal = req.signal;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...extraHeaders,
      ...req.headers,
      ...(req.withoutAuth ? {} : this.authHeaders()),
    };
    let body: Dispatcher.DispatchOptions['body'];
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.raw) {
      headers['content-type'] = req.raw.contentType;
      if (req.raw.length !== undefined) headers['content-length'] = String(req.raw.length);
      body = req.raw.body as Dispatcher.DispatchOptions['body'];
    }
    if (req.idempotencyKey !== undefined) headers['idempotency-key'] = req.idempotencyKey;

    let res: Dispatcher.ResponseData;
    try {
      res = await this.pool.request({
        method: req.method,
        path: (req.basePath ?? this.basePath) + sentPath(req.path) + queryString(req.query),
        headers,
        body,
        signal,
      });
    } catch (cause) {
      throw new WireFailure(cause, false);
    }

    let text: string;
    try {
      text = await res.body.text();
    } catch (cause) {
      throw new WireFailure(cause, true);
    }
    return { status: res.statusCode, headers: res.headers as VendorResponse['headers'], text };
  }
}

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
