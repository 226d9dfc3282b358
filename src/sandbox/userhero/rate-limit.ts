// Fixed 60-second windows per API key, opened by the key's first request, on real time: tests and
// clients wait in wall-clock seconds, whatever the sandbox's "today" is.

export interface RateDecision {
  limited: boolean;
  headers: Record<string, string>;
}

export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  hit(key: string, nowMs: number): RateDecision {
    let window = this.windows.get(key);
    if (!window || nowMs >= window.start + this.windowMs || nowMs < window.start) {
      window = { start: nowMs, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetAt = window.start + this.windowMs;
    const limited = window.count > this.limit;
    const headers: Record<string, string> = {
      'X-RateLimit-Remaining': String(Math.max(0, this.limit - window.count)),
      'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)),
    };
    if (limited) headers['Retry-After'] = String(Math.max(1, Math.ceil((resetAt - nowMs) / 1000)));
    return { limited, headers };
  }
}
