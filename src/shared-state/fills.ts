// What the replicas announce about a shared cache entry on the fill channel. The scripts of
// scripts.ts publish it from inside Redis, so an announcement costs no round trip: a replica
// claimed the entry (it reads the vendor now), stored it (with the copy itself when small enough,
// so the replicas waiting for it need not read it), or freed its claim without storing (a failed
// read, or a write bumped the generation meanwhile).

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
