import { DAY_MS } from '../dates.js';
import { intParam, invalid, type Parsed, valid } from '../params.js';
import { LIST_FIELDS, type ListField, type NpsRecord, toListSpelling } from './records.js';
import type { NpsStore } from './store.js';

export const DEFAULT_EXPIRY_DAYS = 360;

interface ListQuery {
  limit: number;
  offset: number;
  companyIds: Set<string> | undefined;
  sort: string | undefined;
  fields: readonly ListField[];
  expiryDays: number;
}

/** `GET /nps`: a bare array, filtered, sorted and paged as the list options describe. */
export function listNps(store: NpsStore, query: URLSearchParams, nowMs: number): Parsed<unknown[]> {
  const parsed = readListQuery(query);
  if (!parsed.ok) return parsed;
  const { limit, offset, companyIds, sort, fields, expiryDays } = parsed.value;
  const cutoff = nowMs - expiryDays * DAY_MS;
  const matches = (record: NpsRecord) =>
    record.npsDate !== null &&
    record.npsDate >= cutoff &&
    (companyIds === undefined || (record.cId !== null && companyIds.has(record.cId)));
  const source = sort ? store.sorted(sort) : store.all();
  const page: unknown[] = [];
  let skipped = 0;
  for (const record of source) {
    if (!matches(record)) continue;
    if (skipped < offset) {
      skipped++;
      continue;
    }
    page.push(toListSpelling(record, fields));
    if (page.length === limit) break;
  }
  return valid(page);
}

function readListQuery(query: URLSearchParams): Parsed<ListQuery> {
  const limit = intParam(query, 'limit', 100, 1, 10_000);
  if (!limit.ok) return limit;
  const offset = intParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (!offset.ok) return offset;
  const expiry = intParam(query, 'npsExpiryDay', DEFAULT_EXPIRY_DAYS, 0, 1_000_000);
  if (!expiry.ok) return expiry;
  const companyIds = commaList(query.get('companyId'));
  const sort = query.get('sort')?.trim() || undefined;
  if (sort !== undefined && !/^-?[A-Za-z_$][\w.$]*$/.test(sort)) {
    return invalid(`sort must be a field name, optionally prefixed with "-"`);
  }
  // "Select specific properties": the listed ones and no other (`_id` too only when listed);
  // names that are no property of a record are ignored.
  const select = commaList(query.get('select'));
  const fields = select ? LIST_FIELDS.filter((field) => select.has(field)) : LIST_FIELDS;
  return valid({
    limit: limit.value,
    offset: offset.value,
    companyIds,
    sort,
    fields,
    expiryDays: expiry.value,
  });
}

function commaList(raw: string | null): Set<string> | undefined {
  const items = (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? new Set(items) : undefined;
}
