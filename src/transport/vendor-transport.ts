import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { Admission } from './admission.js';
import type { CircuitBreaker } from './breaker.js';
import type { RateBudget } from './budget.js';
import { noteFailure } from './call-cap.js';
import { AttemptFailure, Classifier, isVendorFault } from './classify.js';
import { abortCause, requestScopeOf } from './deadline.js';
import type { AttemptWatch, TransportObserver } from './observer.js';
import { failureStatus } from './observer.js';
import { nextRetry, sleep } from './retry-policy.js';
import type { VendorHttp, VendorProfile, VendorRequest, VendorResponse } from './types.js';
import { VendorError } from './vendor-error.js';
import type { WireAnswer } from './wire.js';
import { Wire, WireFailure } from './wire.js';

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
  budget?: RateBudget;
  /** Metrics and traces of every attempt (src/observability/); nothing is done without one. */
  observer?: TransportObserver;
}

/**
 * The one HTTP path to a vendor: a keep-alive undici pool, explicit timeouts, safe retries and
 * typed errors. Each attempt is admitted (admission.ts), sent (wire.ts) and its answer classified
 * (classify.ts); the retry policy (retry-policy.ts) says whether another follows. This class runs
 * that loop and tells the budget, the circuit and health tracking how each attempt went.
 */
export class VendorTransport implements VendorHttp {
  readonly vendor: VendorProfile['vendor'];
  private readonly opts: Required<
    Omit<TransportOptions, 'onOutcome' | 'breaker' | 'budget' | 'observer'>
  > &
    Pick<TransportOptions, 'onOutcome' | 'breaker' | 'budget' | 'observer'>;
  private readonly wire: Wire;
  private readonly classify: Classifier;
  private readonly admission: Admission;

  constructor(profile: VendorProfile, options: TransportOptions) {
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
    this.wire = new Wire(profile.baseUrl, () => profile.authHeaders(), {
      timeoutMs: this.opts.timeoutMs,
      connections: this.opts.connections,
    });
    const name = displayName(this.vendor);
    this.classify = new Classifier(profile, name, this.opts.timeoutMs);
    this.admission = new Admission({
      vendor: this.vendor,
      name,
      breaker: this.opts.breaker,
      budget: this.opts.budget,
      maxRetryWaitMs: this.opts.maxRetryWaitMs,
      classify: this.classify,
      log: (level, req, fields) => this.log(level, req, fields),
    });
  }

  /** Attempts on the wire right now; a cancelled request leaves none behind. */
  get inFlight(): number {
    return this.wire.inFlight;
  }

  async request(req: VendorRequest): Promise<VendorResponse> {
    const scope = requestScopeOf(req.signal);
    const observer = this.opts.observer;
    let previous: VendorError | undefined;
    for (let attempt = 0; ; attempt++) {
      const queued = observer ? performance.now() : 0;
      const probe = await this.admission.admit(req, scope, previous);
      observer?.budgetWaited(performance.now() - queued);
      const started = Date.now();
      const watch = observer?.attempt(req, attempt);
      let failure: AttemptFailure;
      try {
        const response = await this.attempt(req, watch);
        watch?.end(response.status);
        this.opts.budget?.settle(response.headers);
        this.opts.breaker?.success(probe);
        this.opts.onOutcome?.({ ok: true, at: Date.now() });
        this.log('debug', req, {
          status: response.status,
          ms: Date.now() - started,
          attempt,
          ...watch?.logFields,
        });
        return response;
      } catch (thrown) {
        if (thrown instanceof AttemptFailure) {
          watch?.end(failureStatus(thrown), thrown.outcome === 'not_json' ? 'not_json' : undefined);
        } else {
          watch?.unsent((thrown as Error)?.name ?? 'Error');
          // Not the vendor's doing but ours (a JSON body that cannot be serialised, say): the call
          // is over for the budget, and the circuit learns nothing from it.
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
      const wait = nextRetry(this.opts, req, failure, attempt, scope, !!this.opts.budget);
      this.log(wait !== undefined ? 'info' : 'warn', req, {
        status: error.status,
        kind: error.kind,
        aborted: abortCause(req.signal),
        ms: Date.now() - started,
        attempt,
        retryInMs: wait,
        ...watch?.logFields,
      });
      if (wait === undefined) throw error;
      observer?.retried(req);
      await sleep(wait, req.signal).catch(() => {
        throw error;
      });
    }
  }

  close(): Promise<void> {
    this.opts.budget?.close();
    return this.wire.close();
  }

  /** One attempt: the vendor's usable answer, or an AttemptFailure saying what went wrong. */
  private async attempt(req: VendorRequest, watch?: AttemptWatch): Promise<VendorResponse> {
    let answer: WireAnswer;
    try {
      answer = await this.wire.send(req, watch?.headers);
    } catch (thrown) {
      if (!(thrown instanceof WireFailure)) throw thrown;
      throw this.classify.networkFailure(req, thrown.cause, thrown.duringBody);
    }
    return this.classify.answer(req, answer);
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

  private log(
    level: 'debug' | 'info' | 'warn',
    req: VendorRequest,
    fields: Record<string, unknown>,
  ) {
    this.opts.logger[level]('vendor call', {
      vendor: this.vendor,
      operation: req.operation,
      method: req.method,
      ...(fields.trace_id === undefined ? this.opts.observer?.logFields(req) : undefined),
      ...fields,
    });
  }
}

export function displayName(vendor: VendorProfile['vendor']): string {
  return { userlane: 'Userlane', userloop: 'UserLoop', userhero: 'UserHero', planhat: 'Planhat' }[
    vendor
  ];
}
