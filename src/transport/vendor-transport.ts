import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import type { CircuitBreaker } from './breaker.js';
import { BudgetExhausted, type VendorBudget } from './budget.js';
import type { RequestScope } from './deadline.js';
import { abortCause, requestScopeOf } from './deadline.js';
import { capRefusal, noteFailure } from './call-cap.js';
import { registerSecrets, secretsOf, vendorCode, vendorText } from './redact.js';
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
  /** Budget per attempt: connecting, waiting for headers and each wait for body data are bounded by it. */
  timeoutMs: number;
  maxRetries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /**
   * Longest wait (a retry's backoff, a 429's Retry-After, a queue for the rate budget) of a call
   * made outside any GraphQL request; calls of a request may wait until its deadline instead.
   */
  maxRetryWaitMs?: number;
  connections?: number;
  logger?: Logger;
  random?: () => number;
  /** Called after every attempt the vendor answered or failed; feeds health tracking. */
  onOutcome?: (outcome: { ok: boolean; error?: VendorError; at: number }) => void;
  /** Fails calls fast while the vendor keeps failing. */
  breaker?: CircuitBreaker;
  /** The vendor key's rate budget: calls queue for it instead of meeting a 429. */
  budget?: VendorBudget;
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
    /** The vendor's answer headers, when it answered. */
    readonly headers?: VendorResponse['headers'],
    /** The gateway gave up on the call (deadline, client gone): nothing to learn about the vendor. */
    readonly abandoned = false,
  ) {}
}

/** Whether an answer (or its absence) counts against the vendor's circuit. */
function isVendorFault(failure: AttemptFailure): boolean {
  if (failure.abandoned) return false;
  const { kind } = failure.error;
  // 5xx and network failures are `unavailable`; a 4xx or a 429 comes from a vendor that works.
  return kind === 'unavailable' || kind === 'timeout' || kind === 'bad_response';
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
  private readonly opts: Required<Omit<TransportOptions, 'onOutcome' | 'breaker' | 'budget'>> &
    Pick<TransportOptions, 'onOutcome' | 'breaker' | 'budget'>;
  private active = 0;

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
    registerSecrets(this.secrets);
  }

  /** Attempts on the wire right now; a cancelled request leaves none behind. */
  get inFlight(): number {
    return this.active;
  }

  async request(req: VendorRequest): Promise<VendorResponse> {
    const replayable = isReplayable(req);
    const scope = requestScopeOf(req.signal);
    let previous: VendorError | undefined;
    for (let attempt = 0; ; attempt++) {
      const probe = await this.admit(req, scope, previous).catch((error: unknown) => {
        // Still rate limited where the last answer was a 429: that answer says it best.
        const limited = error instanceof VendorError && error.kind === 'rate_limited';
        if (limited && previous?.kind === 'rate_limited') throw previous;
        throw error;
      });
      const started = Date.now();
      let failure: AttemptFailure;
      try {
        const response = await this.attempt(req);
        this.opts.budget?.settle(response.headers);
        this.opts.breaker?.success(probe);
        this.opts.onOutcome?.({ ok: true, at: Date.now() });
        this.log('debug', req, { status: response.status, ms: Date.now() - started, attempt });
        return response;
      } catch (thrown) {
        if (!(thrown instanceof AttemptFailure)) {
          this.opts.budget?.settle();
          this.opts.breaker?.abandoned(probe);
          throw thrown;
        }
        failure = thrown;
      }
      const { error } = failure;
      previous = error;
      this.settleFailure(failure, probe);
      if (!failure.abandoned) noteFailure(scope, error);
      const wait = this.retryWait(failure, attempt, scope);
      const retry = replayable && failure.retryable && attempt < this.opts.maxRetries;
      this.log(retry && wait !== undefined ? 'info' : 'warn', req, {
        status: error.status,
        kind: error.kind,
        aborted: abortCause(req.signal),
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

  close(): Promise<void> {
    this.opts.budget?.close();
    return this.pool.close();
  }

  /**
   * Lets a call through the circuit, the request's call cap and the rate budget, in that order,
   * or throws the typed reason it may not be sent. Resolves with whether the call is the probe of
   * a half-open circuit. A retry the call cap refuses fails with the `previous` attempt's error.
   */
  private async admit(
    req: VendorRequest,
    scope: RequestScope | undefined,
    previous: VendorError | undefined,
  ): Promise<boolean> {
    if (req.signal?.aborted) throw this.abandonedError(req, abortCause(req.signal));
    const breaker = this.opts.breaker;
    const verdict = breaker?.admit() ?? { admitted: true as const, probe: false };
    if (!verdict.admitted) {
      const seconds = Math.ceil(verdict.retryInMs / 1000);
      this.log('debug', req, { circuit: 'OPEN', refused: true });
      throw new VendorError({
        vendor: this.vendor,
        kind: 'unavailable',
        operation: req.operation,
        message: `${displayName(this.vendor)} ${req.operation} was not sent: ${displayName(this.vendor)} failed ${verdict.consecutiveFailures} calls in a row, so its circuit is open; the next probe goes out in ${seconds} s`,
        retryAfter: seconds,
        circuitOpen: true,
      });
    }
    const { probe } = verdict;
    if (scope && !scope.takeCall(this.vendor)) {
      breaker?.abandoned(probe);
      this.log('debug', req, { callCap: scope.callCap, refused: true });
      throw previous ?? capRefusal(scope, this.vendor, displayName(this.vendor), req.operation);
    }
    const budget = this.opts.budget;
    if (!budget) return probe;
    try {
      await budget.acquire(this.deadlineOf(scope), req.signal);
    } catch (error) {
      breaker?.abandoned(probe);
      if (!(error instanceof BudgetExhausted))
        throw this.abandonedError(req, abortCause(req.signal));
      const seconds = Math.max(1, Math.ceil(error.waitMs / 1000));
      throw new VendorError({
        vendor: this.vendor,
        kind: 'rate_limited',
        operation: req.operation,
        message:
          error.reason === 'rate_limited'
            ? `${displayName(this.vendor)} ${req.operation} was not sent: ${displayName(this.vendor)} asked us to wait ${seconds} s, longer than this request may`
            : `${displayName(this.vendor)} ${req.operation} was not sent: ${displayName(this.vendor)}'s rate budget is spent and frees up in ${seconds} s, after this request's deadline`,
        retryAfter: seconds,
      });
    }
    return probe;
  }

  private deadlineOf(scope: RequestScope | undefined): number {
    return scope ? scope.deadlineAt : Date.now() + this.opts.maxRetryWaitMs;
  }

  /** Feeds a failed attempt to the budget, the circuit and health tracking. */
  private settleFailure(failure: AttemptFailure, probe: boolean): void {
    const { error } = failure;
    this.opts.budget?.settle(failure.headers);
    if (error.kind === 'rate_limited') this.opts.budget?.rateLimited(error.retryAfter);
    const breaker = this.opts.breaker;
    if (failure.abandoned) breaker?.abandoned(probe);
    else if (isVendorFault(failure)) breaker?.failure(probe);
    else breaker?.success(probe);
    if (!failure.abandoned) this.opts.onOutcome?.({ ok: false, error, at: Date.now() });
  }

  /**
   * Milliseconds to wait before the next attempt, or undefined when waiting is not worth it. A
   * 429 waits in the rate budget instead, which knows when the vendor takes calls again.
   */
  private retryWait(
    failure: AttemptFailure,
    attempt: number,
    scope: RequestScope | undefined,
  ): number | undefined {
    const { error } = failure;
    if (failure.abandoned) return undefined;
    const room = this.deadlineOf(scope) - Date.now();
    if (error.kind === 'rate_limited') {
      if (this.opts.budget) return 0;
      const ms = (error.retryAfter ?? 1) * 1000;
      return ms <= Math.min(room, this.opts.maxRetryWaitMs) ? ms : undefined;
    }
    const ms =
      error.retryAfter !== undefined
        ? error.retryAfter * 1000
        : backoffMs(attempt, this.opts.backoffBaseMs, this.opts.backoffMaxMs, this.opts.random);
    return ms <= Math.min(room, this.opts.maxRetryWaitMs) ? ms : undefined;
  }

  private abandonedError(
    req: VendorRequest,
    cause: 'deadline' | 'client' | undefined,
  ): VendorError {
    return cause === 'deadline'
      ? this.error(req, 'timeout', 'was stopped at the request deadline (REQUEST_DEADLINE_MS)', {})
      : this.error(req, 'unavailable', 'was cancelled: the client went away', {});
  }

  private async attempt(req: VendorRequest): Promise<VendorResponse> {
    this.active += 1;
    try {
      return await this.send(req);
    } finally {
      this.active -= 1;
    }
  }

  private async send(req: VendorRequest): Promise<VendorResponse> {
    // The pool's connect, headers and body timeouts bound the attempt; the request's signal
    // (deadline, client gone) is passed as is: no timer or signal is made per attempt.
    const signal = req.signal;
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
      throw this.networkFailure(req, cause, false);
    }

    let text: string;
    try {
      text = await res.body.text();
    } catch (cause) {
      throw this.networkFailure(req, cause, true);
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
            { status: res.statusCode },
          ),
          false,
          responseHeaders,
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
    // Vendor text is redacted and bounded here, where every vendor's error is made.
    const vendorMessage = vendorText(vendorSays.message, this.secrets);
    const error = this.error(
      req,
      kind,
      `answered HTTP ${status}${vendorMessage ? `: ${vendorMessage}` : ''}`,
      {
        status,
        vendorCode: vendorCode(vendorSays.code, this.secrets),
        vendorMessage,
        // A header's number may be anything: a day is longer than any wait worth reporting.
        retryAfter: retryAfter === undefined ? undefined : Math.min(Math.ceil(retryAfter), 86_400),
      },
    );
    return new AttemptFailure(error, isRetryableStatus(status), headers);
  }

  private networkFailure(req: VendorRequest, cause: unknown, duringBody: boolean): AttemptFailure {
    const code = (cause as { code?: string } | null)?.code ?? '';
    const timedOut = TIMEOUT_CODES.has(code);
    if (req.signal?.aborted && !timedOut) {
      // Not answered by the request's deadline counts against the vendor like a timeout; a
      // client that went away says nothing about it.
      const cause = abortCause(req.signal);
      return new AttemptFailure(
        this.abandonedError(req, cause),
        false,
        undefined,
        cause !== 'deadline',
      );
    }
    if (timedOut) {
      return new AttemptFailure(
        this.error(req, 'timeout', `did not answer within ${this.opts.timeoutMs} ms`, {}),
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
