/**
 * Values computed from cached objects (an index over an export the cross-request cache holds),
 * kept as long as those objects live: a request that is served a cached export also reuses what
 * an earlier request built from it, instead of rebuilding it on its own critical path. The
 * owners must not change once cached; a refreshed copy is a new object and gets its own values.
 */
export class DerivedCache {
  private readonly root = new WeakMap<object, Node>();

  /**
   * @param maxPerOwner values kept per owner set, the least recently used dropped first: the names
   * come from callers' filters, so their variety is the client's, not ours.
   */
  constructor(private readonly maxPerOwner = 32) {}

  get<T>(owners: readonly [object, ...object[]], name: string, compute: () => T): T {
    let level = this.root;
    let node: Node | undefined;
    for (const owner of owners) {
      node = level.get(owner);
      if (node === undefined) {
        node = { values: new Map(), next: new WeakMap() };
        level.set(owner, node);
      }
      level = node.next;
    }
    const values = (node as Node).values;
    if (values.has(name)) {
      const hit = values.get(name) as T;
      values.delete(name);
      values.set(name, hit);
      return hit;
    }
    const value = compute();
    values.set(name, value);
    if (values.size > this.maxPerOwner) values.delete(values.keys().next().value as string);
    return value;
  }
}

interface Node {
  values: Map<string, unknown>;
  next: WeakMap<object, Node>;
}
