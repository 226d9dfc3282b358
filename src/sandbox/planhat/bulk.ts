import { isPlainObject } from '../params.js';
import { type NpsChanges, readNpsChanges } from './input.js';
import type { NpsRecord } from './records.js';
import type { NpsStore } from './store.js';

export const BULK_LIMIT = 5000;

/**
 * Contract assumption (the docs only show empty arrays): each per-item error is
 * `{ index, message, item }`, where `index` is the item's position in this request's array and
 * `item` echoes it as sent.
 */
export interface BulkItemError {
  index: number;
  message: string;
  item: unknown;
}

export interface BulkResult {
  created: number;
  createdErrors: BulkItemError[];
  insertsKeys: { _id: string }[];
  /** Items that matched a record and changed it; `nonupdates` counts those that changed nothing. */
  updated: number;
  updatedErrors: BulkItemError[];
  updatesKeys: { _id: string; sourceId?: string }[];
  nonupdates: number;
  modified: string[];
  upsertedIds: string[];
  permissionErrors: BulkItemError[];
}

/**
 * `PUT /nps`: matches each item by its keyables in the documented priority (`_id`, then
 * `sourceId`); an item without a match is created and so needs `email` and `score`.
 */
export function bulkUpsert(
  store: NpsStore,
  items: readonly unknown[],
  create: (changes: NpsChanges) => NpsRecord,
): BulkResult {
  const result: BulkResult = {
    created: 0,
    createdErrors: [],
    insertsKeys: [],
    updated: 0,
    updatedErrors: [],
    updatesKeys: [],
    nonupdates: 0,
    modified: [],
    upsertedIds: [],
    permissionErrors: [],
  };
  for (const [index, item] of items.entries()) {
    const match = isPlainObject(item) ? findMatch(store, item) : undefined;
    const changes = readNpsChanges(item, match ? 'update' : 'create');
    if (!changes.ok) {
      (match ? result.updatedErrors : result.createdErrors).push({
        index,
        message: changes.message,
        item,
      });
    } else if (!match) {
      const record = create(changes.value);
      result.created++;
      result.insertsKeys.push({ _id: record._id });
      result.upsertedIds.push(record._id);
    } else if (store.sourceIdTaken(changes.value.sourceId, match)) {
      result.updatedErrors.push({ index, message: 'sourceId already in use', item });
    } else if (!store.update(match, changes.value)) {
      result.nonupdates++;
    } else {
      result.updated++;
      result.modified.push(match._id);
      result.updatesKeys.push(
        match.sourceId ? { _id: match._id, sourceId: match.sourceId } : { _id: match._id },
      );
    }
  }
  return result;
}

function findMatch(store: NpsStore, item: Record<string, unknown>): NpsRecord | undefined {
  const byId = typeof item._id === 'string' ? store.findById(item._id) : undefined;
  if (byId) return byId;
  return typeof item.sourceId === 'string' && item.sourceId !== ''
    ? store.findBySourceId(item.sourceId)
    : undefined;
}
