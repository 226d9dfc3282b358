// When a vendor's X-RateLimit-* answer must reach Redis. Every answer carries the vendor's own
// count; sending each one in a round trip of its own would double the budget's Redis traffic, so
// most ride on this replica's next script call (its next acquisition). Which may wait is decided
// by what the answer would change in the shared bucket, as far as this replica knows it (the
// tokens and window end the bucket had at its last script call):
//
// - `ride`: nothing the bucket lacks (the vendor leaves at least the tokens the bucket had, and
//   its window ends no later). It goes with the next call, or never: no round trip of its own.
// - `soon`: it lowers the bucket, or moves its window end later, but by little and not near the
//   end: it rides the next call, and goes on its own after FLUSH_MS only when no call carries
//   it. It can wait because every replica that keeps calling reads the same count from its own
//   answers and corrects the bucket with its next call; what the wait risks is a burst through
//   another replica within FLUSH_MS that spends more than the vendor has left before any of its
//   own answers comes back, which the two `now` cases below exclude.
// - `now`: sent at once, in the settle itself. The vendor says its window is in its last tenth
//   (a burst elsewhere could meet a 429 before FLUSH_MS passes), or the bucket is off by more than
//   a tenth of the limit (Redis restarted empty, another client spends the key, calls made on the
//   fallback), or the vendor's window outlasts the bucket's and the bucket refills within
//   FLUSH_MS (its refill would be spent into the vendor's old window).
//
// In the steady state an answer is `ride` or `soon` and the next call follows within a few ms, so
// a vendor call costs one round trip. A 429's Retry-After closure is not decided here: it is the
// vendor refusing calls, and is sent at once (SharedVendorBudget.rateLimited).

/** How long a `soon` correction waits for a call of this replica to carry it. */
export const FLUSH_MS = 25;

export type Urgency = 'ride' | 'soon' | 'now';

export interface Correction {
  /** Calls the vendor leaves after this replica's calls still on the wire (never negative). */
  left: number;
  /** The vendor's window end (epoch ms, margin added); -1 when it named none. */
  resetAt: number;
}

export interface BucketSeen {
  limit: number;
  /** Tokens of the bucket at this replica's last script call. */
  tokens: number;
  /** The bucket's window end then (epoch ms); -1 when no window was open. */
  resetAt: number;
}

export function urgency(correction: Correction, bucket: BucketSeen, now: number): Urgency {
  const tenth = Math.max(1, Math.ceil(bucket.limit / 10));
  const lowers = correction.left < bucket.tokens;
  if (lowers && (correction.left <= tenth || bucket.tokens - correction.left > tenth)) {
    return 'now';
  }
  const later = bucket.resetAt >= 0 && correction.resetAt > bucket.resetAt;
  if (later && bucket.resetAt - now <= 2 * FLUSH_MS) return 'now';
  return lowers || later ? 'soon' : 'ride';
}

/**
 * Two answers not yet sent: within the same vendor window, the one that leaves fewer calls; across
 * windows, the later window's (an answer that named no window end counts as the earliest).
 */
export function merge(pending: Correction | undefined, next: Correction): Correction {
  if (!pending) return next;
  if (next.resetAt !== pending.resetAt) return next.resetAt > pending.resetAt ? next : pending;
  return next.left < pending.left ? next : pending;
}
