import type { LookupObserver } from '../cache/lookups.js';
import { setRecent } from '../cache/recent-map.js';
import type { CacheTier } from '../shared-state/types.js';
import type { OffsetAdapter } from './types.js';

type OffsetPage<T> = Awaited<ReturnType<OffsetAdapter<T>['fetch']>>;

/** One vendor read of a window, in flight or done. */
interface Chunk<T> {
  offset: number;
  limit: number;
  page: Promise<OffsetPage<T>>;
}

/** Consecutive reads of one list, the last of them ahead of what any request asked yet. */
interface Window<T> {
  key: string;
  chunks: Chunk<T>[];
  expiresAt: number;
}

export interface ReadAheadOptions {
  /** Reads smaller than this are pages of a screen, not of an export: never read ahead. */
  minLimit: number;
  /** How long a read ahead may wait for the request that wants it. */
  ttlMs: number;
  /** Windows kept at once, across lists; the least recently used goes first. */
  maxWindows: number;
  /** The signal of a read ahead, which belongs to no request (it gets its own timeout). */
  signal: () => AbortSignal;
  /**
   * The replicas' tier (REDIS_URL), under `prefix` + the list's key: the windows one replica
   * reads (and reads ahead) serve a walk whose next page another replica gets.
   */
  shared?: { tier: CacheTier; prefix: string };
}

/**
 * Sequential read-ahead for exports paged through a connection. When a request reads a large
 * window of a list, the window after it is read at once, while the gateway serialises this page
 * and the client asks for the next: that request then finds its vendor read done (or under way),
 * so a walk through a list costs the vendor's time only where it exceeds the gateway's own.
 * Reads of the same list at the same offsets are what the next page would make anyway, so the
 * positions, and so the cursors, are the very same; the data is at most `ttlMs` older.
 *
 * It lives beside one vendor client (one set of credentials), so a window only ever serves a
 * caller of the same account, and `clear()` drops everything after a write to the vendor. With
 * replicas its windows are shared through the vendor account's tier (whose generation a write
 * bumps), so a walk whose pages a load balancer spreads over replicas reads each window once.
 */
export class ReadAheadStore {
  private readonly windows = new Map<string, Window<unknown>>();
  onLookup?: LookupObserver;

  constructor(private readonly options: ReadAheadOptions) {}

  /** `source` with read-ahead; `key` names the list (every parameter but offset and limit). */
  adapter<T>(key: string, source: OffsetAdapter<T>): OffsetAdapter<T> {
    return {
      ...source,
      fetch: async (offset, limit, signal) => {
        // A screen's page is read for itself, always fresh, and leaves nothing behind.
        if (limit < this.options.minLimit) return source.fetch(offset, limit, signal);
        let served = await this.serve<T>(key, offset, limit);
        if (served === null && this.options.shared)
          served = await this.fromShared<T>(key, offset, limit);
        this.onLookup?.(served === null ? 'miss' : 'hit');
        const page = served ?? (await this.read(key, source, offset, limit, signal));
        if (served === null) this.start(key, { offset, limit, page: Promise.resolve(page) });
        this.ahead(key, source, offset, limit, page);
        return page;
      },
    };
  }

  clear(): void {
    this.windows.clear();
  }

  /** The window `[offset, offset + limit)` from reads already made, or null when not covered. */
  private async serve<T>(
    key: string,
    offset: number,
    limit: number,
  ): Promise<OffsetPage<T> | null> {
    const found = this.windows.get(key) as Window<T> | undefined;
    if (found === undefined) return null;
    if (found.expiresAt <= Date.now()) {
      this.windows.delete(key);
      return null;
    }
    const chunks = found.chunks.filter((c) => c.offset + c.limit > offset);
    const first = chunks[0];
    if (first === undefined || first.offset > offset) return null;
    const needed: Chunk<T>[] = [];
    for (const chunk of chunks) {
      needed.push(chunk);
      if (chunk.offset + chunk.limit >= offset + limit) break;
    }
    const last = needed.at(-1) as Chunk<T>;
    if (last.offset + last.limit < offset + limit) return null;
    let pages: OffsetPage<T>[];
    try {
      pages = await Promise.all(needed.map((c) => c.page));
    } catch {
      // A failed read ahead is no answer: the caller reads for itself.
      this.windows.delete(key);
      return null;
    }
    const items: T[] = [];
    for (const [i, page] of pages.entries()) {
      const chunk = needed[i] as Chunk<T>;
      const from = Math.max(0, offset - chunk.offset);
      items.push(...page.items.slice(from));
      // A short read ends the list, unless the vendor said more follows: then read for real.
      if (page.items.length < chunk.limit) {
        if (page.hasNextPage) return null;
        return { items: items.slice(0, limit), hasNextPage: false };
      }
    }
    // Chunks older than this read are no longer needed by a walk that moves forwards.
    found.chunks = found.chunks.filter((c) => c.offset + c.limit > offset);
    this.touch(key, found);
    return { items: items.slice(0, limit), total: pages.at(-1)?.total };
  }

  private start<T>(key: string, chunk: Chunk<T>): void {
    this.touch(key, { key, chunks: [chunk], expiresAt: 0 } as Window<unknown>);
  }

  /** After a large full read, the next window of the same size is read now. */
  private ahead<T>(
    key: string,
    source: OffsetAdapter<T>,
    offset: number,
    limit: number,
    page: OffsetPage<T>,
  ): void {
    const full = page.items.length >= limit || page.hasNextPage === true;
    if (!full) return;
    const window = this.windows.get(key) as Window<T> | undefined;
    if (window === undefined) return;
    const end = Math.max(...window.chunks.map((c) => c.offset + c.limit));
    // The next page starts within this one (after its last item handed out) and is as long:
    // reads reach a window past this one, never further.
    if (end >= offset + 2 * limit) return;
    const next = this.read(key, source, end, limit, this.options.signal());
    // Nobody may await it; its failure only means the next request reads for itself.
    next.catch(() => undefined);
    window.chunks.push({ offset: end, limit, page: next });
    this.touch(key, window as Window<unknown>);
  }

  /**
   * A window read from the vendor. With replicas, one that starts on the walk's grid (multiples
   * of its size from the list's start, where a walk from the first page reads and reads ahead) is
   * read through the tier: one replica reads it, the others wait for it or find it stored.
   * Another is read here only, as no replica would look for it.
   */
  private read<T>(
    key: string,
    source: OffsetAdapter<T>,
    offset: number,
    limit: number,
    signal: AbortSignal | undefined,
  ): Promise<OffsetPage<T>> {
    const shared = this.options.shared;
    if (!shared || offset % limit !== 0) return source.fetch(offset, limit, signal);
    return shared.tier
      .read(this.sharedKey(key, offset, limit), () => source.fetch(offset, limit, signal), {
        freshMs: this.options.ttlMs,
        maxAgeMs: this.options.ttlMs,
      })
      .then((loaded) => loaded.value);
  }

  /**
   * The windows of the grid that cover `[offset, offset + limit)`, when other replicas read them
   * (or are reading them now), made this replica's window of the list: a walk whose earlier pages
   * another replica served goes on here without reading them again. Null when one is missing:
   * then this replica reads for itself, costing the vendor what it would without replicas.
   */
  private async fromShared<T>(
    key: string,
    offset: number,
    limit: number,
  ): Promise<OffsetPage<T> | null> {
    const { tier } = this.options.shared!;
    const policy = { freshMs: this.options.ttlMs, maxAgeMs: this.options.ttlMs };
    const first = offset - (offset % limit);
    const starts = first === offset ? [first] : [first, first + limit];
    const found = await Promise.all(
      starts.map((at) => tier.peek<OffsetPage<T>>(this.sharedKey(key, at, limit), policy)),
    );
    const chunks: Chunk<T>[] = [];
    for (const [i, at] of starts.entries()) {
      const loaded = found[i];
      if (loaded === undefined) return null;
      chunks.push({ offset: at, limit, page: Promise.resolve(loaded.value) });
      // A short window ends the list: nothing after it is needed.
      if (loaded.value.items.length < limit && loaded.value.hasNextPage !== true) break;
    }
    // In place of what this replica held of the list: a window's chunks must be contiguous.
    this.touch(key, { key, chunks, expiresAt: 0 } as Window<unknown>);
    return this.serve<T>(key, offset, limit);
  }

  private sharedKey(key: string, offset: number, limit: number): string {
    return `${this.options.shared!.prefix}${key}|${offset}|${limit}`;
  }

  private touch(key: string, window: Window<unknown>): void {
    window.expiresAt = Date.now() + this.options.ttlMs;
    setRecent(this.windows, key, window, this.options.maxWindows);
  }
}
