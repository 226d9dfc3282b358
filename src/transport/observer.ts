// What the transport tells whoever watches it (metrics, traces): one call per event, nothing when
// no one watches. The transport is the lowest layer, so it only defines this interface; the
// observability code (src/observability/) implements it.
import type { AttemptFailure } from './classify.js';
import type { VendorRequest } from './types.js';

/** How an attempt that reached the network ended: the HTTP status, or what came instead. */
export type AttemptStatus = number | 'timeout' | 'network' | 'cancelled';

/** One attempt on the wire, from just before it is sent until its answer is classified. */
export interface AttemptWatch {
  /** Sent with the attempt (the W3C `traceparent` of its span). */
  readonly headers?: Record<string, string>;
  /** Fields for the log line about this attempt (`trace_id`, `span_id`). */
  readonly logFields?: Record<string, string>;
  /** `errorType`: why an answered attempt still failed (a 2xx whose body is not JSON). */
  end(status: AttemptStatus, errorType?: string): void;
  /** The attempt failed before anything was sent (our bug: a body that cannot be serialised). */
  unsent(errorType: string): void;
}

/** One vendor's transport events. */
export interface TransportObserver {
  /** An attempt is about to be sent; `attempt` counts from 0 (retries are 1, 2, …). */
  attempt(req: VendorRequest, attempt: number): AttemptWatch;
  /** A failed attempt will be sent again. */
  retried(req: VendorRequest): void;
  /** Milliseconds an admitted attempt queued for the vendor's rate budget. */
  budgetWaited(ms: number): void;
  /** Trace fields for a log line about `req` outside an attempt (an admission refusal). */
  logFields(req: VendorRequest): Record<string, string> | undefined;
}

/** The status label of a failed attempt: the vendor's HTTP status when it answered. */
export function failureStatus(failure: AttemptFailure): AttemptStatus {
  const { outcome } = failure;
  if (typeof outcome === 'number') return outcome;
  switch (outcome) {
    case 'not_json':
      return failure.error.status ?? 200;
    case 'timeout':
    case 'deadline':
      return 'timeout';
    case 'cancelled':
      return 'cancelled';
    default:
      // unreachable, or the body was cut off after the headers came
      return 'network';
  }
}
