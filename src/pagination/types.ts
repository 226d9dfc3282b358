// The small adapter a vendor list hands the bridge, and the Relay shapes the bridge hands back.

/** A list the vendor pages by number: page `p` of size `L` holds items `(p-1)L .. pL-1`. */
export interface PageAdapter<T> {
  kind: 'page';
  /** Largest page size the vendor accepts. */
  maxPageSize: number;
  /** True only when every page reports the list's total; enables `last` without `before`. */
  reportsTotal?: boolean;
  /** One vendor page. A page shorter than `size` is the last one. */
  fetchPage(
    page: number,
    size: number,
    signal?: AbortSignal,
  ): Promise<{ items: T[]; total?: number | null }>;
}

/** A list the vendor pages by offset and limit. */
export interface OffsetAdapter<T> {
  kind: 'offset';
  /** Largest limit the vendor accepts. */
  maxLimit: number;
  /** True only when every response reports the list's total; enables `last` without `before`. */
  reportsTotal?: boolean;
  /** A short answer ends the list unless `hasNextPage` says otherwise. */
  fetch(
    offset: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<{ items: T[]; total?: number | null; hasNextPage?: boolean | null }>;
}

/**
 * A list the vendor walks by opaque cursor. The bridge assumes a vendor cursor names a position
 * in the list, so the same cursor may be fetched again with another limit.
 */
export interface CursorAdapter<T> {
  kind: 'cursor';
  /** Largest limit the vendor accepts. */
  maxLimit: number;
  /** `vendorCursor` is null for the start of the list; `nextCursor` is null on the last page. */
  fetch(
    vendorCursor: string | null,
    limit: number,
    signal?: AbortSignal,
  ): Promise<{
    items: T[];
    nextCursor: string | null;
    /** Where the list resumes right after each item, when the source can say: then a resumed
     * page starts there instead of re-reading the vendor page from its start. */
    cursors?: string[];
  }>;
}

export type ListAdapter<T> = PageAdapter<T> | OffsetAdapter<T> | CursorAdapter<T>;

/** The arguments of a Relay connection field, as GraphQL resolvers receive them. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface ConnectionOptions {
  /** The schema coordinate, e.g. `Query.feedback`; cursors of other fields are refused. */
  field: string;
  /** The field's filter arguments; cursors issued under other filters are refused. */
  filters?: unknown;
  /**
   * The field's bound on `first`/`last`, MAX_FIRST when absent; it may exceed MAX_FIRST but never
   * what the vendors serve in 2 calls. Document it in the argument's description (describeFirst).
   */
  maxFirst?: number;
  /** Page size when neither `first` nor `last` is given. */
  defaultFirst?: number;
  signal?: AbortSignal;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Exact when the vendor reports a total or the end of the list was seen; null otherwise. */
  totalCount: number | null;
}
