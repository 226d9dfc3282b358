// What the replicas announce about a shared cache entry on the fill channel. The scripts of
// scripts.ts publish it from inside Redis, so an announcement costs no round trip: a replica
// claimed the entry (it reads the vendor now), stored it (with the copy itself when small enough,
// so the replicas waiting for it need not read it), or freed its claim without storing (a failed
// read, or a write bumped the generation meanwhile).

/**
 * A stored copy up to this size packed travels with its announcement to every replica (each
 * receives it, needed or not); a bigger one is read by the replicas that need it, one GET each.
 */
export const ANNOUNCED_COPY_MAX_BYTES = 256 * 1024;

/**
 * Replicas' copies go stale at the same moment (they hold the same read). The replica that read
 * the current copy refreshes it at once; every other one first waits this long plus a random part
 * of REFRESH_SPREAD_MS, by which time it has heard that replica's claim (announced from inside
 * Redis, a millisecond or so away) rather than race it. A random wait alone let two replicas'
 * claims cross on 5-7 % of refreshes (1.05-1.07 Redis round trips a vendor call, two replicas).
 * Nobody waits for it: the stale copy is served meanwhile.
 */
export const FOLLOWER_DELAY_MS = 20;
export const REFRESH_SPREAD_MS = 50;

/** How often a waiting replica looks again if it hears no fill (a lost message, a dead holder). */
export const POLL_MS = 200;

export interface Fill {
  /** `c` claimed, `v` stored and carried here, `f` stored (too big to carry), `u` freed. */
  kind: 'c' | 'v' | 'f' | 'u';
  namespace: string;
  key: string;
  /** The generation the claim or the store was made under. */
  generation: string;
  loadedAt: number;
  /** The packed copy (`v` only). */
  payload?: Buffer;
}

/** A key's announcement header: JSON, so it holds no newline whatever the key holds. */
export const fillHeader = (namespace: string, key: string): string =>
  JSON.stringify([namespace, key]);

/** `kind\ngeneration\nloadedAt\nheader\npayload`, as the scripts publish it. */
export function parseFill(raw: Buffer): Fill | undefined {
  const ends: number[] = [];
  for (let i = 0, from = 0; i < 4; i++, from = ends[ends.length - 1]! + 1) {
    const at = raw.indexOf(0x0a, from);
    if (at < 0) return undefined;
    ends.push(at);
  }
  const [kindEnd, generationEnd, atEnd, headerEnd] = ends as [number, number, number, number];
  const kind = raw.toString('latin1', 0, kindEnd);
  if (kind !== 'c' && kind !== 'v' && kind !== 'f' && kind !== 'u') return undefined;
  let header: unknown;
  try {
    header = JSON.parse(raw.toString('utf8', atEnd + 1, headerEnd));
  } catch {
    return undefined;
  }
  if (!Array.isArray(header) || typeof header[0] !== 'string' || typeof header[1] !== 'string') {
    return undefined;
  }
  const fill: Fill = {
    kind,
    namespace: header[0],
    key: header[1],
    generation: raw.toString('latin1', kindEnd + 1, generationEnd),
    loadedAt: Number(raw.toString('latin1', generationEnd + 1, atEnd)),
  };
  if (kind === 'v') fill.payload = raw.subarray(headerEnd + 1);
  return fill;
}

/** Hands an announcement to the tier of its namespace, if this replica has one. */
export function hearFill(tiers: Map<string, { heard(fill: Fill): void }>, raw: Buffer): void {
  const fill = parseFill(raw);
  if (fill) tiers.get(fill.namespace)?.heard(fill);
}
