import { type PageRequest, parseArgs, refuse } from './args.js';
import { DEFAULT_FIRST, maxFirstFor, vendorMaxOf } from './bounds.js';
import { connection, lazyEdge } from './connection.js';
import {
  type CursorBody,
  cursorRefusal,
  decodeCursor,
  encodeCursor,
  fingerprint,
  positionBody,
  readPosition,
} from './cursor-codec.js';
import { type Position, type ReadItem, START } from './position.js';
import { readWindow } from './read-window.js';
import type { Connection, ConnectionArgs, ConnectionOptions, Edge, ListAdapter } from './types.js';

/** One vendor list of a merged feed; its name is stable, as cursors record each stream by it. */
export interface MergeStream<T> {
  name: string;
  adapter: ListAdapter<T>;
}

export interface MergeOptions<T> extends ConnectionOptions {
  /** The shared order, larger first (e.g. epoch milliseconds of the answer). */
  sortKey: (item: T) => number;
}

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
}

const STATE_KEYS = new Set(['i', 'c', 's', 'd', 'h']);

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
): Promise<Connection<T>> {
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
): Promise<Connection<T>> {
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
  const states =
    request.cursor === null
      ? null
      : decodeStates(request.cursor, streams, { argument: 'after', field, fp });
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
    const read = await readWindow(lane.adapter, lane.position, count, options.signal);
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
      const body = Object.fromEntries(lanes.map((lane) => [lane.name, laneState(lane)]));
      edges.push(lazyEdge(item.node, () => encodeCursor(fp, 'm', { m: body })));
    }
  }
  const totals = lanes.map((lane) => (lane.buffer === null ? null : lane.total));
  const totalCount = totals.every((t) => t !== null) ? totals.reduce((a, b) => a + b, 0) : null;
  return connection(edges, taken > request.count, states !== null, totalCount);
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

type LaneStart = Pick<Lane<unknown>, 'position' | 'done' | 'hint'>;

function decodeStates(
  raw: string,
  streams: readonly MergeStream<unknown>[],
  ctx: { argument: 'after'; field: string; fp: string },
): Map<string, LaneStart> {
  const malformed = () => cursorRefusal(ctx)('malformed');
  const body = decodeCursor(raw, { ...ctx, fingerprint: ctx.fp, kind: 'm' });
  const { m, ...rest } = body;
  if (Object.keys(rest).length > 0 || typeof m !== 'object' || m === null || Array.isArray(m)) {
    throw malformed();
  }
  const record = m as Record<string, unknown>;
  const sameStreams =
    Object.keys(record).length === streams.length && streams.every(({ name }) => name in record);
  // The feed's vendor lists changed since the cursor was issued (e.g. a survey was added).
  if (!sameStreams) throw cursorRefusal(ctx)('stale');
  const states = new Map<string, LaneStart>();
  for (const { name, adapter } of streams) {
    const state = record[name];
    if (typeof state !== 'object' || state === null || Array.isArray(state)) throw malformed();
    const fields = state as Record<string, unknown>;
    const position = readPosition(fields, adapter.kind === 'cursor', vendorMaxOf(adapter));
    const { d, h } = fields;
    const validHint =
      h === undefined || h === null || (typeof h === 'number' && Number.isFinite(h));
    const validKeys = Object.keys(fields).every((k) => STATE_KEYS.has(k));
    if (position === null || !validKeys || (d !== undefined && d !== 1) || !validHint) {
      throw malformed();
    }
    states.set(name, { position, done: d === 1, hint: h as number | null | undefined });
  }
  return states;
}
