// When a failed vendor call is sent again, how often and after how long. A retry must be safe
// (the vendor cannot apply the call twice), useful (the failure is one that passes) and affordable
// (its wait fits in what is left of the request's time); the transport asks `nextRetry` after
// every failed attempt and follows its answer.
import type { RequestScope } from './deadline.js';
import type { VendorProfile, VendorRequest, VendorResponse } from './types.js';
import type { VendorError } from './vendor-error.js';

/**
 * How an attempt failed, as far as sending the call again goes: the HTTP status of a vendor answer
 * that is not a 2xx, or what came instead of a usable answer.
 */
export type AttemptOutcome =
  | number
  /** A 2xx whose body is not JSON. */
  | 'not_json'
  /** No answer within the attempt's timeout (connect, headers or a wait for body data). */
  | 'timeout'
  /** The connection was refused, reset or lost before an answer came. */
  | 'unreachable'
  /** The answer's body was cut off. */
  | 'cut_off'
  /** Still on the wire when the request's deadline passed. */
  | 'deadline'
  /** Stopped because the client went away. */
  | 'cancelled';

/** What the retry decision needs of a failed attempt. */
export interface FailedAttempt {
  readonly error: VendorError;
  readonly outcome: AttemptOutcome;
}

export interface RetrySettings {
  /** Attempts after the first. */
  maxRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Longest wait of a call made outside any GraphQL request (see TransportOptions). */
  maxRetryWaitMs: number;
  random: () => number;
}

/** Only calls that cannot change vendor state twice may be sent again. */
export function isReplayable(req: VendorRequest): boolean {
  if (req.raw) return false; // a streamed body is consumed by the first attempt
  if (req.method === 'GET') return true;
  return req.method === 'POST' && req.idempotencyKey !== undefined;
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Whether another attempt may fare better: a 429 (after the wait it names), a 5xx, a lost
 * connection and a cut-off body usually pass. A timeout is not retried: the vendor may still be
 * working on the call, and another attempt would spend as long again of the request's time. Any
 * other answer (a 4xx, a 2xx that is not JSON) would come again, and a stopped call is over.
 */
function isRetryable(outcome: AttemptOutcome): boolean {
  if (typeof outcome === 'number') return isRetryableStatus(outcome);
  return outcome === 'unreachable' || outcome === 'cut_off';
}

/**
 * The latest time a call may still wait (a backoff, a Retry-After, a queue for the rate budget):
 * its request's deadline, or `maxRetryWaitMs` from now for a call outside any GraphQL request.
 */
export function waitDeadline(scope: RequestScope | undefined, maxRetryWaitMs: number): number {
  return scope ? scope.deadlineAt : Date.now() + maxRetryWaitMs;
}

/**
 * Milliseconds to wait before sending the call again, or undefined when it is not sent again:
 * it may not be replayed, its failure does not pass, its retries are spent, or the wait would not
 * fit. `budgeted`: the vendor has a rate budget, which is where a 429's wait is spent.
 */
export function nextRetry(
  settings: RetrySettings,
  req: VendorRequest,
  failure: FailedAttempt,
  attempt: number,
  scope: RequestScope | undefined,
  budgeted: boolean,
): number | undefined {
  const wait = waitBefore(settings, failure, attempt, scope, budgeted);
  const retry = isReplayable(req) && isRetryable(failure.outcome) && attempt < settings.maxRetries;
  return retry ? wait : undefined;
}

/**
 * The wait before the next attempt, or undefined when it is longer than the call may wait. A 429
 * waits in the rate budget instead, when there is one: it knows when the vendor takes calls again.
 */
function waitBefore(
  settings: RetrySettings,
  failure: FailedAttempt,
  attempt: number,
  scope: RequestScope | undefined,
  budgeted: boolean,
): number | undefined {
  const { error } = failure;
  if (failure.outcome === 'cancelled') return undefined;
  const room = waitDeadline(scope, settings.maxRetryWaitMs) - Date.now();
  let ms: number;
  if (error.kind === 'rate_limited') {
    if (budgeted) return 0;
    // A 429 that names no wait: a second, the shortest a Retry-After can name.
    ms = (error.retryAfter ?? 1) * 1000;
  } else {
    // The vendor's own Retry-After on a 5xx knows better than our backoff.
    ms =
      error.retryAfter !== undefined
        ? error.retryAfter * 1000
        : backoffMs(attempt, settings.backoffBaseMs, settings.backoffMaxMs, settings.random);
  }
  return ms <= Math.min(room, settings.maxRetryWaitMs) ? ms : undefined;
}

/**
 * Seconds a 429 or 5xx answer asks us to wait: its `Retry-After`, else the vendor's own headers
 * (UserHero's `X-RateLimit-Reset`). Whole seconds, as clients are told them; undefined for other
 * answers, whose headers say nothing about when to come back.
 */
export function retryAfterOf(
  status: number,
  headers: VendorResponse['headers'],
  profile: Pick<VendorProfile, 'retryAfterFromHeaders'>,
  now: number,
): number | undefined {
  if (status !== 429 && status < 500) return undefined;
  const seconds = parseRetryAfter(headers, now) ?? profile.retryAfterFromHeaders?.(headers, now);
  // A header's number may be anything: a day is longer than any wait worth reporting.
  return seconds === undefined ? undefined : Math.min(Math.ceil(seconds), 86_400);
}

/** Seconds from a `Retry-After` header: delta-seconds or an HTTP date. */
function parseRetryAfter(headers: VendorResponse['headers'], now: number): number | undefined {
  const raw = headers['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - now) / 1000);
}

/**
 * Exponential backoff with jitter: half of each step is fixed and half random, so retries of
 * concurrent callers spread apart while each still waits at least half its step.
 */
function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Waits between attempts; rejects when the call's signal aborts (deadline, client gone). */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
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
