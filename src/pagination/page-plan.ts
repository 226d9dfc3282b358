/** Which vendor pages of one size to fetch to cover the items `start .. start + count - 1`. */
export interface PagePlan {
  size: number;
  /** 1-based number of the first page. */
  page: number;
  pages: number;
}

// How much larger than the window one vendor page may be to save a second call. Simulated over
// walks with constant and random `first`, the smallest fitting size found below 4x the window
// serves practically every page in one call and reads about 1.3x the items it returns.
const OVERFETCH = 4;

/**
 * Prefers the smallest page size that holds the whole window in one page; otherwise the
 * smallest that needs two. Two pages of size `L` hold any window of up to `L + 1` items, so a
 * window of up to `maxSize + 1` items never needs a third call.
 */
export function planPages(start: number, count: number, maxSize: number): PagePlan {
  const last = start + count - 1;
  const within = (size: number, pages: number) =>
    Math.floor(last / size) - Math.floor(start / size) + 1 <= pages;
  const plan = (size: number): PagePlan => ({
    size,
    page: Math.floor(start / size) + 1,
    pages: Math.floor(last / size) - Math.floor(start / size) + 1,
  });
  if (count <= 0) return { size: 1, page: start + 1, pages: 0 };
  const ceiling = Math.min(maxSize, OVERFETCH * count);
  for (let size = count; size <= ceiling; size++) if (within(size, 1)) return plan(size);
  for (let size = Math.max(1, Math.ceil(count / 2)); size <= maxSize; size++) {
    if (within(size, 2)) return plan(size);
  }
  // Only windows wider than the vendor allows get here (exports never do: they walk pages).
  return plan(maxSize);
}
