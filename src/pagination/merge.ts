import { type PageRequest, parseArgs, refuse } from './args.js';
import { DEFAULT_FIRST, maxFirstFor } from './bounds.js';
import { connection, lazyEdge } from './connection.js';
import {
  type CursorBody,
  decodeCursor,
  encodeCursor,
  fingerprint,
  positionBody,
} from './cursor-codec.js';
import { decodeStates, type MergeStream } from './merge-cursor.js';
import { type Position, type ReadItem, START } from './position.js';
import { readWindow } from './read-window.js';
import type { Connection, ConnectionArgs, ConnectionOptions, Edge, ListAdapter } from './types.js';

export type { MergeStream } from './merge-cursor.js';

export interface MergeOptions<T> extends ConnectionOptions {
  /** The shared order, larger first (e.g. epoch milliseconds of the answer). */
  sortKey: (item: T) => number;
  /**
   * A read failure the feed answers around: that stream gives nothing this page and keeps its
   * position in the cursor (the next page tries it again from there); the page names it in
   * `missing`. Without it any stream's failure fails the page.
   */
  tolerate?: (error: unknown) => boolean;
}

/** A merged page, with the streams that failed to be read for it. */
export type MergedConnection<T> = Connection<T> & {
  missing: { name: string; error: unknown }[];
};

/** A stream as the merge sees it during one page. */
interface Lane<T> {
  name: string;
  adapter: ListAdapter<T>;
  position: Position;
  done: boolean;
  /** Key of the next item as the previous page saw it; undefined when not known. */
  hint: number | null | undefined;
  buffer: ReadItem<T>[] | null;
  /** The sort key of each buffered item, computed once per read. */
  keys: number[];
  at: number;
  end: number | null;
  total: number | null;
  /** Its read failed this page (MergeOptions.tolerate): its state is where the page found it. */
  failed?: boolean;
}

/**
 * One page of a feed merged from several vendor lists, each already in descending key order.
 * Items come out by key (descending), then stream name, then each stream's own order, so equal
 * keys never swap between pages. Each stream is read at most once per page, for no more items
 * than the page can still take plus one (at most 2 vendor calls per stream). The cursor keeps
 * each stream's position and the key of its next item: a stream is not read until the merge
 * reaches that key, not at all when that item is only the page's look-ahead, and never again
 * once it is exhausted. Backward paging is refused: the streams can only be merged forwards.
 */
/**
 * `mergedConnection` over streams that cost vendor calls to discover (e.g. UserLoop's NPS
 * questions): the arguments and the cursor's origin are refused before `streams()` runs.
 */
export async function lazyMergedConnection<T>(
  streams: () => Promise<readonly MergeStream<T>[]>,
  args: ConnectionArgs,
  options: MergeOptions<T>,
): Promise<MergedConnection<T>> {
  const { field } = options;
  const request = parseArgs(args, {
    field,
    maxFirst: maxFirstFor([], options.maxFirst),
    defaultFirst: options.defaultFirst ?? DEFAULT_FIRST,
  });
  refuseBackward(field, request);
  if (request.cursor !== null) {
    decodeCursor(request.cursor, {
      argument: 'after',
      field,
      fingerprint: fingerprint(field, options.filters),
      kind: 'm',
    });
  }
  return mergedConnection(await streams(), args, options);
}

export async function mergedConnection<T>(
  streams: readonly MergeStream<T>[],
  args: ConnectionArgs,
  options: MergeOptions<T>,
): Promise<MergedConnection<T>> {
  const { field } = options;
  checkNames(streams);
  const maxFirst = maxFirstFor(
    streams.map((stream) => stream.adapter),
    options.maxFirst,
  );
  const request = parseArgs(args, {
    field,
    maxFirst,
    defaultFirst: options.defaultFirst ?? DEFAULT_FIRST,
  });
  refuseBackward(field, request);
  // The stream set is checked against the cursor's own stream names (decodeStates), so that a
  // lazily built stream set can be validated only after the cursor's origin was.
  const fp = fingerprint(field, options.filters);
  const decoded =
    request.cursor === null
      ? null
      : decodeStates(request.cursor, streams, { argument: 'after', field, fp });
  const states = decoded?.states ?? null;
  const missing: { name: string; error: unknown }[] = [];
  const lanes: Lane<T>[] = [...streams]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(({ name, adapter }) => ({
      name,
      adapter,
      position: START,
      done: false,
      hint: undefined,
      buffer: null,
      keys: [],
      at: 0,
      end: null,
      total: null,
      ...states?.get(name),
    }));
  const key = (node: T) => {
    const value = options.sortKey(node);
    return Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
  };
  const load = async (lane: Lane<T>, count: number) => {
    let read: Awaited<ReturnType<typeof readWindow<T>>>;
    try {
      read = await readWindow(lane.adapter, lane.position, count, options.signal);
    } catch (error) {
      if (!options.tolerate?.(error)) throw error;
      // Nothing from this stream this page; its cursor state stays where it stood.
      missing.push({ name: lane.name, error });
      lane.buffer = [];
      lane.keys = [];
      lane.at = 0;
      lane.end = null;
      lane.total = null;
      lane.failed = true;
      return;
    }
    lane.buffer = read.items;
    lane.keys = read.items.map((item) => key(item.node));
    lane.at = 0;
    lane.end = read.end;
    lane.total = read.total ?? read.end;
  };

  const wanted = request.count + 1;
  // Streams with nothing known about their next item are needed at once; ask them together.
  await Promise.all(
    lanes.filter((lane) => !lane.done && lane.hint === undefined).map((l) => load(l, wanted)),
  );
  const edges: Edge<T>[] = [];
  let taken = 0;
  while (taken < wanted) {
    const best = pickLane(lanes);
    if (best === null) break;
    if (best.buffer === null) {
      // The look-ahead only has to exist: the cursor saw it, so reading it again buys nothing.
      if (taken === request.count) {
        taken += 1;
        break;
      }
      await load(best, wanted - taken);
      continue;
    }
    const item = best.buffer[best.at] as ReadItem<T>;
    best.at += 1;
    best.position = item.next;
    taken += 1;
    if (taken <= request.count) {
      const body = cursorLanes(lanes, decoded?.carried);
      edges.push(lazyEdge(item.node, () => encodeCursor(fp, 'm', { m: body })));
    }
  }
  const totals = lanes.map((lane) => (lane.buffer === null ? null : lane.total));
  const totalCount = totals.every((t) => t !== null) ? totals.reduce((a, b) => a + b, 0) : null;
  return {
    ...connection(edges, taken > request.count, states !== null, totalCount),
    missing,
  };
}

/**
 * The lanes' states for a cursor, plus lanes carried for a group that is missing now; a missing
 * group's placeholder is written only when no lane of the group is carried (it never answered).
 */
function cursorLanes<T>(
  lanes: Lane<T>[],
  carried: Record<string, CursorBody> | undefined,
): Record<string, CursorBody> {
  const body: Record<string, CursorBody> = { ...carried };
  const hasCarried = (group: string) => Object.keys(body).some((k) => k.startsWith(group));
  for (const lane of lanes) {
    if (lane.name.endsWith(':') && hasCarried(lane.name)) continue;
    body[lane.name] = laneState(lane);
  }
  return body;
}

function refuseBackward(field: string, request: PageRequest): void {
  if (request.direction === 'backward') {
    throw refuse(
      `${field} merges several vendor lists and can only be paged forwards; use \`first\` and \`after\`.`,
      request.cursor === null ? 'last' : 'before',
    );
  }
}

function checkNames(streams: readonly MergeStream<unknown>[]): string[] {
  const names = streams.map((stream) => stream.name);
  if (names.some((name) => name === '') || new Set(names).size !== names.length) {
    throw new Error(`merged feed streams need distinct non-empty names: ${names.join(', ')}`);
  }
  return names;
}

/** The stream whose next item comes first; it may still have to be read to confirm its hint. */
function pickLane<T>(lanes: Lane<T>[]): Lane<T> | null {
  let best: Lane<T> | null = null;
  let bestKey = Number.NEGATIVE_INFINITY;
  for (const lane of lanes) {
    let head: number;
    if (lane.buffer !== null) {
      if (lane.at >= lane.buffer.length) continue;
      head = lane.keys[lane.at] as number;
    } else {
      if (lane.done) continue;
      head = lane.hint ?? Number.NEGATIVE_INFINITY;
    }
    // Lanes are in name order, so on equal keys the first one keeps the tie.
    if (best === null || head > bestKey) {
      best = lane;
      bestKey = head;
    }
  }
  return best;
}

function laneState<T>(lane: Lane<T>): CursorBody {
  const state = positionBody(lane.position, lane.adapter.kind === 'cursor');
  // A failed stream is tried again from its position, with nothing assumed of its next item.
  if (lane.failed) return state;
  if (lane.buffer === null) {
    if (lane.done) state.d = 1;
    else if (lane.hint !== undefined) state.h = lane.hint;
    return state;
  }
  if (lane.at < lane.buffer.length) {
    const value = lane.keys[lane.at] as number;
    state.h = Number.isFinite(value) ? value : null;
  } else if (lane.end !== null && lane.position.index >= lane.end) {
    state.d = 1;
  }
  return state;
}
