import type { LookupObserver } from './lookups.js';
import { setRecent } from './recent-map.js';

/**
 * Values computed from cached objects (an index over an export the cross-request cache holds),
 * kept as long as those objects live: a request that is served a cached export also reuses what
 * an earlier request built from it, instead of rebuilding it on its own critical path. The
 * owners must not change once cached; a refreshed copy is a new object and gets its own values.
 */
export class DerivedCache {
  private readonly root = new WeakMap<object, Node>();
  onLookup?: LookupObserver;

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
    this.onLookup?.(values.has(name) ? 'hit' : 'miss');
    const value = values.has(name) ? (values.get(name) as T) : compute();
    setRecent(values, name, value, this.maxPerOwner);
    return value;
  }
}

interface Node {
  values: Map<string, unknown>;
  next: WeakMap<object, Node>;
}
