import { MAX_ERROR_MESSAGE, vendorText } from './transport/redact.js';
import type { VendorName } from './transport/types.js';
import type { VendorError } from './transport/vendor-error.js';

export interface VendorHealthSnapshot {
  /** null until the vendor was called at least once. */
  healthy: boolean | null;
  lastError: string | null;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
}

/** Outcome of the latest call per vendor; shared across requests (it holds no client data). */
export class VendorHealth {
  private readonly state = new Map<VendorName, VendorHealthSnapshot>();

  record(vendor: VendorName, outcome: { ok: boolean; error?: VendorError; at: number }): void {
    const current = this.snapshot(vendor);
    // A refusal of the caller's input says nothing about the vendor's health.
    if (!outcome.ok && outcome.error && isCallerProblem(outcome.error)) return;
    this.state.set(
      vendor,
      outcome.ok
        ? { ...current, healthy: true, lastSuccessAt: outcome.at }
        : {
            ...current,
            healthy: false,
            lastFailureAt: outcome.at,
            // Shown by `vendors { lastError }` and /ready: checked for secrets once more.
            lastError: vendorText(outcome.error?.message, [], MAX_ERROR_MESSAGE) ?? 'failed',
          },
    );
  }

  snapshot(vendor: VendorName): VendorHealthSnapshot {
    return (
      this.state.get(vendor) ?? {
        healthy: null,
        lastError: null,
        lastSuccessAt: null,
        lastFailureAt: null,
      }
    );
  }
}

function isCallerProblem(error: VendorError): boolean {
  return error.kind === 'bad_request' || error.kind === 'not_found' || error.kind === 'conflict';
}
