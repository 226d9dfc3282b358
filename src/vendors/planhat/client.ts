import type { NpsRecord } from '../../domain/nps.js';
import type { NpsBulkResult, NpsDeleteResult, NpsWrite } from '../../domain/nps-writes.js';
import type {
  HttpMethod,
  RequestPath,
  VendorHttp,
  VendorPath,
  VendorRequest,
} from '../../transport/types.js';
import { badResponse } from '../../transport/vendor-error.js';
import type { CallOptions } from '../call-options.js';
import { checkLimit, path } from '../path.js';
import { expectArray, expectShape, isRecord, type ShapeContext } from '../shape.js';
import { isBulkResult, isNps } from './guards.js';
import { PLANHAT_MAX_BULK_ITEMS, PLANHAT_MAX_LIST_LIMIT } from './limits.js';
import { mapBulkResult, mapDeleteResult, readNps, toWireNps } from './map.js';

/** A Planhat NPS id, or the id the record has in the system it came from. */
export type NpsRef = string | { sourceId: string };

export interface NpsListQuery {
  /** Sent as one comma-separated `companyId`: one call for many companies. */
  companyIds?: readonly string[];
  /** A field name; `-` first for descending, e.g. `-npsDate` (newest first). */
  sort?: string;
  /** Fields to return; the fields every record needs are always added. */
  select?: readonly string[];
  /** Days back from today; the vendor's default is 360 (see `npsExpiryDayFor`). */
  npsExpiryDay?: number;
  /** 1..10,000; the vendor's default is 100. */
  limit?: number;
  offset?: number;
}

export interface NpsListPage {
  /** One slot per record the vendor returned, null where it holds no answer yet: offset paging
   * counts every slot, so positions stay those of the vendor's list. */
  slots: (NpsRecord | null)[];
}

/** Without these a selected record cannot become an `NpsRecord`. */
const REQUIRED_FIELDS = ['_id', 'email', 'nps', 'npsDate'];

/**
 * The `select` of a read that only counts answers (`NpsCountedRecord`): with the fields every
 * record needs, the company (`cId`) and the comment (`npsComment`, for `hasComment`). The
 * properties only a whole record shows (`npsId`, `euId`, `scoreType`, `campaignId`, the send
 * dates, `source`, `sourceId`, `custom`) are left out.
 */
export const COUNTED_SELECT: readonly string[] = ['cId', 'npsComment'];

/** Planhat's NPS endpoints, one vendor page per call. */
export class PlanhatClient {
  readonly #http: VendorHttp;

  constructor(http: VendorHttp) {
    this.#http = http;
  }

  async listNps(query: NpsListQuery = {}, opts?: CallOptions): Promise<NpsListPage> {
    const op = 'nps.list';
    if (query.limit !== undefined) checkLimit('limit', query.limit, 1, PLANHAT_MAX_LIST_LIMIT);
    if (query.offset !== undefined) checkLimit('offset', query.offset, 0, Number.MAX_SAFE_INTEGER);
    const select = query.select?.length
      ? [...new Set([...REQUIRED_FIELDS, ...query.select])].join(',')
      : undefined;
    const body = await this.#send('GET', op, '/nps', opts, {
      query: {
        companyId: query.companyIds?.length ? query.companyIds.join(',') : undefined,
        sort: query.sort,
        select,
        npsExpiryDay: query.npsExpiryDay,
        limit: query.limit,
        offset: query.offset,
      },
    });
    // Contract: a bare JSON array.
    const records = expectArray(ctx(op), body, isNps, 'body');
    return { slots: records.map((r) => readNps(r)) };
  }

  /** Null when the record exists but holds no answer yet. */
  async getNps(ref: NpsRef, opts?: CallOptions): Promise<NpsRecord | null> {
    const op = 'nps.get';
    const body = await this.#send('GET', op, npsPath(ref), opts);
    return readNps(expectShape(ctx(op), body, isNps, 'an NPS record'));
  }

  async createNps(
    write: NpsWrite & { email: string; score: number },
    opts?: CallOptions,
  ): Promise<NpsRecord> {
    return this.#written('nps.create', 'POST', '/nps', write, opts);
  }

  async updateNps(ref: NpsRef, write: NpsWrite, opts?: CallOptions): Promise<NpsRecord> {
    return this.#written('nps.update', 'PUT', npsPath(ref), write, opts);
  }

  async deleteNps(ref: NpsRef, opts?: CallOptions): Promise<NpsDeleteResult> {
    const op = 'nps.delete';
    const body = await this.#send('DELETE', op, npsPath(ref), opts);
    // `{ n, ok, deletedCount }` per the docs; an empty answer is taken as done but uncounted.
    if (body !== undefined && !isRecord(body))
      throw badResponse('planhat', op, 'expected an object');
    return mapDeleteResult(body);
  }

  /**
   * Creates items without a key and updates those with an `id` (first) or `sourceId`. At most
   * 5,000 items: chunking is the caller's, since it decides how failures of one chunk surface.
   */
  async bulkUpsertNps(items: readonly NpsWrite[], opts?: CallOptions): Promise<NpsBulkResult> {
    const op = 'nps.bulkUpsert';
    if (items.length > PLANHAT_MAX_BULK_ITEMS) {
      throw new RangeError(
        `Planhat takes at most ${PLANHAT_MAX_BULK_ITEMS} items per upsert, got ${items.length}`,
      );
    }
    const sent = items.map(toWireNps);
    if (sent.length === 0) return mapBulkResult({ created: 0, updated: 0 }, sent);
    const body = await this.#send('PUT', op, '/nps', opts, { json: sent });
    return mapBulkResult(
      expectShape(ctx(op), body, isBulkResult, 'created and updated counts'),
      sent,
    );
  }

  async #written(
    op: string,
    method: HttpMethod,
    requestPath: RequestPath,
    write: NpsWrite,
    opts: CallOptions | undefined,
  ): Promise<NpsRecord> {
    // The record's id goes in the path, never in a create or update body.
    const { id: _id, ...fields } = write;
    const body = await this.#send(method, op, requestPath, opts, { json: toWireNps(fields) });
    const record = readNps(expectShape(ctx(op), body, isNps, 'an NPS record'));
    if (record === null)
      throw badResponse('planhat', op, 'the written record has no score or date');
    return record;
  }

  async #send(
    method: HttpMethod,
    operation: string,
    requestPath: RequestPath,
    opts: CallOptions | undefined,
    extra: Pick<VendorRequest, 'query' | 'json'> = {},
  ): Promise<unknown> {
    const res = await this.#http.request({
      method,
      path: requestPath,
      ...extra,
      signal: opts?.signal,
      operation,
    });
    return res.body;
  }
}

function ctx(operation: string): ShapeContext {
  return { vendor: 'planhat', operation };
}

/**
 * Contract: `{id}` may be `srcid-{sourceId}`. The source id is the checked value, so that an
 * empty one is refused rather than sent as `srcid-`.
 */
function npsPath(ref: NpsRef): VendorPath {
  return typeof ref === 'string' ? path`/nps/${ref}` : path`/nps/srcid-${ref.sourceId}`;
}
