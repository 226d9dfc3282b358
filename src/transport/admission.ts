// Whether an attempt may be sent now, checked before each one in a fixed order: the vendor's
// circuit first, so that a refusal without a call spends none of the request's calls; then the
// request's call cap, so that a call the cap refuses never queues for the budget; then the rate
// budget, the only check that waits.
import type { CircuitBreaker, Refusal } from './breaker.js';
import { BudgetExhausted, type RateBudget } from './budget.js';
import { capRefusal } from './call-cap.js';
import type { Classifier } from './classify.js';
import type { RequestScope } from './deadline.js';
import { abortCause } from './deadline.js';
import { waitDeadline } from './retry-policy.js';
import type { VendorName, VendorRequest } from './types.js';
import { VendorError } from './vendor-error.js';

export interface AdmissionOptions {
  vendor: VendorName;
  /** The vendor's name in messages. */
  name: string;
  breaker?: CircuitBreaker;
  budget?: RateBudget;
  /** How long a call outside any GraphQL request may queue for the budget. */
  maxRetryWaitMs: number;
  /** Makes the errors of calls the gateway stopped. */
  classify: Classifier;
  log: (level: 'debug', req: VendorRequest, fields: Record<string, unknown>) => void;
}

export class Admission {
  constructor(private readonly options: AdmissionOptions) {}

  /**
   * Lets a call through the circuit, the request's call cap and the rate budget, in that order,
   * or throws the typed reason it may not be sent. Resolves with whether the call is the probe of
   * a half-open circuit. A retry the call cap refuses fails with the `previous` attempt's error,
   * and so does one still rate limited after a 429: that answer says it best.
   */
  async admit(
    req: VendorRequest,
    scope: RequestScope | undefined,
    previous: VendorError | undefined,
  ): Promise<boolean> {
    try {
      return await this.check(req, scope, previous);
    } catch (error) {
      const limited = error instanceof VendorError && error.kind === 'rate_limited';
      if (limited && previous?.kind === 'rate_limited') throw previous;
      throw error;
    }
  }

  private async check(
    req: VendorRequest,
    scope: RequestScope | undefined,
    previous: VendorError | undefined,
  ): Promise<boolean> {
    const { vendor, name, breaker, budget, classify, log } = this.options;
    if (req.signal?.aborted) throw classify.abandonedError(req, abortCause(req.signal));
    const verdict = breaker?.admit() ?? { admitted: true as const, probe: false };
    if (!verdict.admitted) throw this.circuitOpen(req, verdict);
    const { probe } = verdict;
    // With replicas one probe goes out for all: this one may have to leave it to another.
    const elsewhere = probe ? await breaker?.claimProbe() : undefined;
    if (elsewhere) throw this.circuitOpen(req, elsewhere);
    if (scope && !scope.takeCall(vendor)) {
      breaker?.abandoned(probe);
      log('debug', req, { callCap: scope.callCap, refused: true });
      throw previous ?? capRefusal(scope, vendor, name, req.operation);
    }
    if (!budget) return probe;
    try {
      await budget.acquire(waitDeadline(scope, this.options.maxRetryWaitMs), req.signal);
    } catch (error) {
      breaker?.abandoned(probe);
      // Not a refusal of the budget: the call's signal aborted while it queued.
      if (!(error instanceof BudgetExhausted))
        throw classify.abandonedError(req, abortCause(req.signal));
      const seconds = Math.max(1, Math.ceil(error.waitMs / 1000));
      throw new VendorError({
        vendor,
        kind: 'rate_limited',
        operation: req.operation,
        message:
          error.reason === 'rate_limited'
            ? `${name} ${req.operation} was not sent: ${name} asked us to wait ${seconds} s, longer than this request may`
            : `${name} ${req.operation} was not sent: ${name}'s rate budget is spent and frees up in ${seconds} s, after this request's deadline`,
        retryAfter: seconds,
      });
    }
    return probe;
  }

  private circuitOpen(req: VendorRequest, refusal: Refusal): VendorError {
    const { vendor, name, log } = this.options;
    const seconds = Math.ceil(refusal.retryInMs / 1000);
    log('debug', req, { circuit: 'OPEN', refused: true });
    return new VendorError({
      vendor,
      kind: 'unavailable',
      operation: req.operation,
      message: `${name} ${req.operation} was not sent: ${name} failed ${refusal.consecutiveFailures} calls in a row, so its circuit is open; the next probe goes out in ${seconds} s`,
      retryAfter: seconds,
      circuitOpen: true,
    });
  }
}
