/**
 * Where a list resumes: the absolute index of the next item and, for cursor sources, the vendor
 * cursor of the vendor page holding it plus how many items of that page come before it.
 */
export interface Position {
  index: number;
  vendorCursor?: string | null;
  skip?: number;
}

export const START: Position = { index: 0 };

/** One item read from a vendor list, with the position just after it (what `after` resumes). */
export interface ReadItem<T> {
  node: T;
  index: number;
  next: Position;
}
