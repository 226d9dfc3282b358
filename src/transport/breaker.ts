export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerOptions {
  /** Consecutive failed calls that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before letting one probe through. */
  cooldownMs: number;
  now?: () => number;
  onChange?: (state: CircuitState, previous: CircuitState) => void;
}

/**
 * One half-open probe for several gateway replicas (src/shared-state/ implements it over Redis):
 * without it each replica would send its own probe to a vendor that is likely still down.
 */
export interface ProbeGate {
  /** Resolves 0 when this replica sends the probe, else how long another replica holds it (ms). */
  claim(): Promise<number>;
  /** This replica's probe settled or was abandoned: lets another one go if no outcome said so. */
  release(): void;
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
  /** Another replica sends the probe: refuse until its outcome comes, at the latest until then. */
  private elsewhereUntil = 0;
  private gate: ProbeGate | undefined;
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
    if (state === 'HALF_OPEN' && !this.probing && this.now() >= this.elsewhereUntil) {
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

  /** Shares half-open probes with the other replicas: one probe goes out for all of them. */
  shareProbes(gate: ProbeGate): void {
    this.gate = gate;
  }

  /**
   * A probe `admit` let through goes out only once this replica holds the probe of every replica
   * (one round trip, only on a probe); otherwise it is refused like a call of an open circuit
   * until the holder's outcome comes (`follow`) or its hold lapses (it died). Without a gate, or
   * when the gate cannot answer (Redis away), the probe is this replica's own, as when alone.
   */
  async claimProbe(): Promise<Refusal | undefined> {
    if (!this.gate) return undefined;
    let heldMs: number;
    try {
      heldMs = await this.gate.claim();
    } catch {
      return undefined;
    }
    if (heldMs <= 0) return undefined;
    this.probing = false;
    this.elsewhereUntil = this.now() + heldMs;
    // The hold is only the bound for a holder that died: the outcome is due within one call, so
    // callers are told to come back as soon as for this replica's own probe.
    return { retryInMs: Math.min(heldMs, 1000), consecutiveFailures: this.failures };
  }

  /** Another replica's probe was abandoned without an outcome: this one may probe now. */
  probeFreed(): void {
    this.elsewhereUntil = 0;
  }

  success(probe: boolean): void {
    if (probe) this.probing = false;
    this.failures = 0;
    if (this.current !== 'CLOSED') this.transition('CLOSED');
    // After the transition: its onChange tells the outcome and frees the probe in one step.
    if (probe) this.gate?.release();
  }

  failure(probe: boolean): void {
    if (probe) this.probing = false;
    this.failures += 1;
    if (probe || (this.current === 'CLOSED' && this.failures >= this.options.failureThreshold)) {
      this.openedAt = this.now();
      this.transition('OPEN');
    }
    if (probe) this.gate?.release();
  }

  /** The call was abandoned by its caller: it says nothing about the vendor. */
  abandoned(probe: boolean): void {
    if (!probe) return;
    this.probing = false;
    this.gate?.release();
  }

  /**
   * Takes on a state another gateway replica learnt (its circuit opened at `openedAt`, or its
   * probe closed it), without `onChange`: the lesson is that replica's, already told.
   */
  follow(state: 'OPEN' | 'CLOSED', openedAt: number, failures: number): void {
    this.probing = false;
    this.elsewhereUntil = 0;
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
