import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { redactSecrets, secretsOf } from './redact.js';
import { backoffMs, isReplayable, isRetryableStatus, parseRetryAfter } from './retry-policy.js';
import type {
  QueryValue,
  VendorHttp,
  VendorProfile,
  VendorRequest,
  VendorResponse,
} from './types.js';
import type { VendorErrorKind } from './vendor-error.js';
import { VendorError } from './vendor-error.js';

export interface TransportOptions {
  /** Whole-call budget per attempt: connect, headers and body each bounded by it. */
  timeoutMs: number;
  maxRetries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A vendor asking us to wait longer than this is answered with VENDOR_RATE_LIMITED now. */
  maxRetryWaitMs?: number;
  connections?: number;
  logger?: Logger;
  random?: () => number;
  /** Called after every attempt; feeds health tracking. */
  onOutcome?: (outcome: { ok: boolean; error?: VendorError; at: number }) => void;
}

const STATUS_KINDS: Record<number, VendorErrorKind> = {
  400: 'bad_request',
  401: 'auth',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'bad_request',
  429: 'rate_limited',
};

/** undici error codes (and errno codes) that mean the vendor could not be reached or hung up. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

class AttemptFailure {
  constructor(
    readonly error: VendorError,
    readonly retryable: boolean,
  ) {}
}

/**
 * The one HTTP path to a vendor: a keep-alive undici pool, explicit timeouts, safe retries and
 * typed errors. Auth headers are added here and nowhere else, and never appear in an error.
 */
export class VendorTransport implements VendorHttp {
  readonly vendor: VendorProfile['vendor'];
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly secrets: string[];
  private readonly opts: Required<Omit<TransportOptions, 'onOutcome'>> &
    Pick<TransportOptions, 'onOutcome'>;

  constructor(
    private readonly profile: VendorProfile,
    options: TransportOptions,
  ) {
    this.vendor = profile.vendor;
    this.opts = {
      maxRetries: 2,
      backoffBaseMs: 100,
      backoffMaxMs: 2000,
      maxRetryWaitMs: 5000,
      connections: 32,
      logger: silentLogger,
      random: Math.random,
      ...options,
    };
    const url = new URL(profile.baseUrl);
    this.basePath = url.pathname.replace(/\/$/, '');
    this.pool = new Pool(url.origin, {
      connections: this.opts.connections,
      connectTimeout: this.opts.timeoutMs,
      headersTimeout: this.opts.timeoutMs,
      bodyTimeout: this.opts.timeoutMs,
      keepAliveTimeout: 10_000,
    });
    this.secrets = secretsOf(profile.authHeaders());
  }

  async request(req: VendorRequest): Promise<VendorResponse> {
    const replayable = isReplayable(req);
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      try {
        const response = await this.attempt(req);
        this.opts.onOutcome?.({ ok: true, at: Date.now() });
        this.log('debug', req, { status: response.status, ms: Date.now() - started, attempt });
        return response;
      } catch (thrown) {
        if (!(thrown instanceof AttemptFailure)) throw thrown;
        const { error } = thrown;
        this.opts.onOutcome?.({ ok: false, error, at: Date.now() });
        const wait = this.retryWait(error, attempt);
        const retry = replayable && thrown.retryable && attempt < this.opts.maxRetries;
        this.log(retry && wait !== undefined ? 'info' : 'warn', req, {
          status: error.status,
          kind: error.kind,
          ms: Date.now() - started,
          attempt,
          retryInMs: retry ? wait : undefined,
        });
        if (!retry || wait === undefined) throw error;
        await sleep(wait, req.signal).catch(() => {
          throw error;
        });
      }
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** Milliseconds to wait before the next attempt, or undefined when waiting is not worth it. */
  private retryWait(error: VendorError, attempt: number): number | undefined {
    if (error.retryAfter !== undefined) {
      const ms = error.retryAfter * 1000;
      return ms <= this.opts.maxRetryWaitMs ? ms : undefined;
    }
    return backoffMs(attempt, this.opts.backoffBaseMs, this.opts.backoffMaxMs, this.opts.random);
  }

  private async attempt(req: VendorRequest): Promise<VendorResponse> {
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.profile.authHeaders(),
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
        path: this.basePath + req.path + queryString(req.query),
        headers,
        body,
        signal,
      });
    } catch (cause) {
      throw this.networkFailure(req, cause, timeout.aborted, false);
    }

    let text: string;
    try {
      text = await res.body.text();
    } catch (cause) {
      throw this.networkFailure(req, cause, timeout.aborted, true);
    }
    const responseHeaders = res.headers as VendorResponse['headers'];
    const parsed = parseBody(text);

    if (res.statusCode >= 200 && res.statusCode < 300) {
      if (parsed.kind === 'text') {
        throw new AttemptFailure(
          this.error(
            req,
            'bad_response',
            `answered ${res.statusCode} with a body that is not JSON`,
            {
              status: res.statusCode,
            },
          ),
          false,
        );
      }
      return { status: res.statusCode, headers: responseHeaders, body: parsed.value };
    }
    throw this.statusFailure(req, res.statusCode, responseHeaders, parsed.value);
  }

  private statusFailure(
    req: VendorRequest,
    status: number,
    headers: VendorResponse['headers'],
    body: unknown,
  ): AttemptFailure {
    const now = Date.now();
    const vendorSays = this.profile.parseError(status, body);
    const kind: VendorErrorKind =
      STATUS_KINDS[status] ?? (status >= 500 ? 'unavailable' : 'bad_request');
    const retryAfter =
      kind === 'rate_limited' || status >= 500
        ? (parseRetryAfter(headers, now) ?? this.profile.retryAfterFromHeaders?.(headers, now))
        : undefined;
    const vendorMessage = vendorSays.message
      ? redactSecrets(vendorSays.message, this.secrets).slice(0, 500)
      : undefined;
    const error = this.error(
      req,
      kind,
      `answered HTTP ${status}${vendorMessage ? `: ${vendorMessage}` : ''}`,
      {
        status,
        vendorCode: vendorSays.code,
        vendorMessage,
        retryAfter: retryAfter === undefined ? undefined : Math.ceil(retryAfter),
      },
    );
    return new AttemptFailure(error, isRetryableStatus(status));
  }

  private networkFailure(
    req: VendorRequest,
    cause: unknown,
    timedOut: boolean,
    duringBody: boolean,
  ): AttemptFailure {
    const code = (cause as { code?: string } | null)?.code ?? '';
    if (timedOut || TIMEOUT_CODES.has(code)) {
      return new AttemptFailure(
        this.error(req, 'timeout', `did not answer within ${this.opts.timeoutMs} ms`, {}),
        false,
      );
    }
    if (req.signal?.aborted) {
      // The caller gave up (client disconnect or request deadline): not the vendor's fault.
      return new AttemptFailure(
        this.error(req, 'unavailable', 'call aborted by the gateway request', {}),
        false,
      );
    }
    if (duringBody || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
      return new AttemptFailure(
        this.error(req, 'bad_response', 'response body was cut off', {}),
        true,
      );
    }
    const known = NETWORK_CODES.has(code);
    return new AttemptFailure(
      this.error(req, 'unavailable', known ? `is unreachable (${code})` : 'request failed', {}),
      true,
    );
  }

  private error(
    req: VendorRequest,
    kind: VendorErrorKind,
    what: string,
    extra: Partial<Pick<VendorError, 'status' | 'vendorCode' | 'vendorMessage' | 'retryAfter'>>,
  ): VendorError {
    return new VendorError({
      vendor: this.vendor,
      kind,
      operation: req.operation,
      message: `${displayName(this.vendor)} ${req.operation} ${what}`,
      ...definedOnly(extra),
    });
  }

  private log(
    level: 'debug' | 'info' | 'warn',
    req: VendorRequest,
    fields: Record<string, unknown>,
  ) {
    this.opts.logger[level]('vendor call', {
      vendor: this.vendor,
      operation: req.operation,
      method: req.method,
      ...fields,
    });
  }
}

export function displayName(vendor: VendorProfile['vendor']): string {
  return { userlane: 'Userlane', userloop: 'UserLoop', userhero: 'UserHero', planhat: 'Planhat' }[
    vendor
  ];
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

type ParsedBody = { kind: 'json'; value: unknown } | { kind: 'text'; value: string | undefined };

/** Vendors document JSON bodies whatever their content-type says; text is only tolerated on errors. */
function parseBody(text: string): ParsedBody {
  if (text.length === 0) return { kind: 'json', value: undefined };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'text', value: text.slice(0, 2000) };
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

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
