// No REDIS_URL: the one replica keeps everything in process, exactly as before sharing existed.
// Nothing here runs per request: budgets are plain VendorBudgets, there is no cache tier, and
// publishing an invalidation has no one to tell.
import { type BudgetOptions, VendorBudget } from '../transport/budget.js';
import type { SharedState, SharingReport } from './types.js';

export function localState(): SharedState {
  const report: SharingReport = { mode: 'LOCAL', lastError: null, roundTrips: 0 };
  return {
    mode: 'LOCAL',
    report: () => report,
    budget: (_vendor, _account, options: BudgetOptions) => new VendorBudget(options),
    guard: () => undefined,
    circuitChanged: () => undefined,
    tier: () => undefined,
    documents: () => undefined,
    publish: () => Promise.resolve(),
    onInvalidation: () => undefined,
    ready: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
