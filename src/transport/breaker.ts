export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerOptions {
  /** Consecutive failed calls that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before letting one probe through. */
  cooldownMs: number;
  now?: () => number;
  onChange?: (state: CircuitState, previous: CircuitState) => void;
}

/** Why a call was refused without being sent. */
export interface Refusal {
  /** Milliseconds until a probe may be sent. */
  retryInMs: number;
  consecutiveFailures: number;
}

/**
 * One vendor's circuit: closed while calls succeed; open after `failureThreshold` failures in a
 * row, refusing calls at once for `cooldownMs`; then half-open, letting exactly one probe through
 * whose outcome closes or re-opens it. Calls the caller gave up on count for nothing.
 */
export class CircuitBreaker {
  private current: CircuitState = 'CLOSED';
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.current === 'OPEN' && this.now() - this.openedAt >= this.options.cooldownMs) {
      return 'HALF_OPEN';
    }
    return this.current;
  }

  get cooldownMs(): number {
    return this.options.cooldownMs;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /**
   * Admits a call (returning a token to settle it with), or says why not. In half-open state only
   * the first caller probes; the others are refused until the probe settles.
   */
  admit(): { admitted: true; probe: boolean } | ({ admitted: false } & Refusal) {
    const state = this.state;
    if (state === 'CLOSED') return { admitted: true, probe: false };
    if (state === 'HALF_OPEN' && !this.probing) {
      if (this.current !== 'HALF_OPEN') this.transition('HALF_OPEN');
      this.probing = true;
      return { admitted: true, probe: true };
    }
    const retryInMs =
      state === 'OPEN' ? this.options.cooldownMs - (this.now() - this.openedAt) : 1000;
    return {
      admitted: false,
      retryInMs: Math.max(1, retryInMs),
      consecutiveFailures: this.failures,
    };
  }

  success(probe: boolean): void {
    if (probe) this.probing = false;
    this.failures = 0;
    if (this.current !== 'CLOSED') this.transition('CLOSED');
  }

  failure(probe: boolean): void {
    if (probe) this.probing = false;
    this.failures += 1;
    if (probe || (this.current === 'CLOSED' && this.failures >= this.options.failureThreshold)) {
      this.openedAt = this.now();
      this.transition('OPEN');
    }
  }

  /** The call was abandoned by its caller: it says nothing about the vendor. */
  abandoned(probe: boolean): void {
    if (probe) this.probing = false;
  }

  /**
   * Takes on a state another gateway replica learnt (its circuit opened at `openedAt`, or its
   * probe closed it), without `onChange`: the lesson is that replica's, already told.
   */
  follow(state: 'OPEN' | 'CLOSED', openedAt: number, failures: number): void {
    this.probing = false;
    if (state === 'OPEN') {
      this.openedAt = Math.max(this.current === 'OPEN' ? this.openedAt : 0, openedAt);
      this.failures = Math.max(this.failures, failures);
    } else {
      this.failures = 0;
    }
    this.current = state;
  }

  private transition(next: CircuitState): void {
    const previous = this.current;
    this.current = next;
    if (previous !== next) this.options.onChange?.(next, previous);
  }
}
