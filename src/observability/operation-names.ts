/**
 * Operation names as metric labels, with bounded cardinality: names come from clients, so only the
 * first `max` distinct ones get a label of their own (`other` after that); an operation without a
 * name is `anonymous`, a request that never reached execution (refused, unparsable) `unknown`.
 */
export class OperationNames {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  label(name: string | undefined | null): string {
    if (!name) return 'anonymous';
    if (this.seen.has(name)) return name;
    // GraphQL names are [_A-Za-z][_0-9A-Za-z]*; a long one is a generated name, not a dashboard's.
    if (this.seen.size >= this.max || name.length > 100) return 'other';
    this.seen.add(name);
    return name;
  }
}
