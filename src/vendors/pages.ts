/** One vendor page of a cursor-paginated list. */
export interface CursorPage<T> {
  items: T[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/** One vendor page of an offset-paginated list. */
export interface OffsetPage<T> {
  items: T[];
  /** Null when the vendor gives no exact count. */
  total: number | null;
  hasNextPage: boolean;
}
