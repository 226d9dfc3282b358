import type { VendorName } from './types.js';

export type VendorErrorKind =
  | 'unavailable'
  | 'timeout'
  | 'bad_response'
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'conflict'
  | 'bad_request'
  | 'disabled'
  /** This GraphQL request already made as many calls to the vendor as it may. */
  | 'call_cap';

export interface VendorErrorInit {
  vendor: VendorName;
  kind: VendorErrorKind;
  message: string;
  operation?: string;
  status?: number;
  vendorCode?: string;
  vendorMessage?: string;
  /** Seconds. */
  retryAfter?: number;
  /** Refused without a call because the vendor's circuit is open. */
  circuitOpen?: boolean;
  cause?: unknown;
}

/** Every failure of a vendor call, whatever its cause, surfaces as one of these. */
export class VendorError extends Error {
  readonly vendor: VendorName;
  readonly kind: VendorErrorKind;
  readonly operation: string | undefined;
  readonly status: number | undefined;
  readonly vendorCode: string | undefined;
  readonly vendorMessage: string | undefined;
  readonly retryAfter: number | undefined;
  readonly circuitOpen: boolean;

  constructor(init: VendorErrorInit) {
    // An expected outcome (a 404, a timeout), answered to the client and logged by its fields:
    // a stack trace would say nothing and costs more than the rest of the error.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    Error.stackTraceLimit = limit;
    this.name = 'VendorError';
    this.vendor = init.vendor;
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.vendorCode = init.vendorCode;
    this.vendorMessage = init.vendorMessage;
    this.retryAfter = init.retryAfter;
    this.circuitOpen = init.circuitOpen ?? false;
  }
}

/** A vendor answered 2xx with a body we cannot use. */
export function badResponse(vendor: VendorName, operation: string, what: string): VendorError {
  return new VendorError({
    vendor,
    kind: 'bad_response',
    operation,
    message: `${vendor} ${operation}: unexpected response shape (${what})`,
  });
}
