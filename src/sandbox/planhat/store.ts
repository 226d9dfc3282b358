import type { NpsChanges } from './input.js';
import { type NpsRecord, sortValue } from './records.js';

export const SOURCE_ID_PREFIX = 'srcid-';

/**
 * The NPS collection: insertion order (the list's default order), lookups by `_id` and
 * `sourceId`, and sorted views cached until the next write, so that paging through a large
 * sorted list does not sort it again for every page.
 */
export class NpsStore {
  private readonly records: NpsRecord[] = [];
  private readonly byId = new Map<string, NpsRecord>();
  private readonly bySourceId = new Map<string, NpsRecord>();
  private readonly sortedViews = new Map<string, readonly NpsRecord[]>();

  constructor(records: readonly NpsRecord[]) {
    for (const record of records) this.insert(record);
  }

  get size(): number {
    return this.records.length;
  }

  all(): readonly NpsRecord[] {
    return this.records;
  }

  /** `{id}` of a path: an `_id`, or `srcid-{sourceId}`. */
  find(id: string): NpsRecord | undefined {
    if (id.startsWith(SOURCE_ID_PREFIX)) {
      return this.bySourceId.get(id.slice(SOURCE_ID_PREFIX.length));
    }
    return this.findById(id);
  }

  findById(id: string): NpsRecord | undefined {
    return this.byId.get(id);
  }

  findBySourceId(sourceId: string): NpsRecord | undefined {
    return this.bySourceId.get(sourceId);
  }

  /** Another record already holding this sourceId, if any. */
  sourceIdTaken(sourceId: string | null | undefined, self?: NpsRecord): boolean {
    if (!sourceId) return false;
    const holder = this.bySourceId.get(sourceId);
    return holder !== undefined && holder !== self;
  }

  insert(record: NpsRecord): void {
    this.records.push(record);
    this.byId.set(record._id, record);
    if (record.sourceId) this.bySourceId.set(record.sourceId, record);
    this.sortedViews.clear();
  }

  /** Applies the changes; true when a stored value actually changed. */
  update(record: NpsRecord, changes: NpsChanges): boolean {
    let changed = false;
    for (const [key, value] of Object.entries(changes) as [keyof NpsChanges, unknown][]) {
      if (JSON.stringify(record[key]) === JSON.stringify(value)) continue;
      if (key === 'sourceId') {
        if (record.sourceId) this.bySourceId.delete(record.sourceId);
        if (value) this.bySourceId.set(value as string, record);
      }
      (record as unknown as Record<string, unknown>)[key] = value;
      changed = true;
    }
    if (changed) this.sortedViews.clear();
    return changed;
  }

  remove(record: NpsRecord): void {
    const index = this.records.indexOf(record);
    if (index < 0) return;
    this.records.splice(index, 1);
    this.byId.delete(record._id);
    if (record.sourceId && this.bySourceId.get(record.sourceId) === record) {
      this.bySourceId.delete(record.sourceId);
    }
    this.sortedViews.clear();
  }

  /** `sort` as the API takes it: a field name, `-` prefixed for descending. */
  sorted(sort: string): readonly NpsRecord[] {
    const cached = this.sortedViews.get(sort);
    if (cached) return cached;
    const descending = sort.startsWith('-');
    const field = descending ? sort.slice(1) : sort;
    const direction = descending ? -1 : 1;
    // Array#sort is stable, so ties keep insertion order.
    const view = [...this.records].sort(
      (a, b) => direction * compareValues(sortValue(a, field), sortValue(b, field)),
    );
    this.sortedViews.set(sort, view);
    return view;
  }
}

/** MongoDB's cross-type order, reduced to what NPS records hold: null < numbers < strings < rest. */
function compareValues(a: unknown, b: unknown): number {
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA - rankB;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return 0;
}

function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  return 3;
}
