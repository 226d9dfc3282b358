import { type PageRequest, parseArgs, refuse } from './args.js';
import { DEFAULT_FIRST, maxFirstFor, vendorMaxOf } from './bounds.js';
import {
  type CursorKind,
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

const POSITION_KEYS = new Set(['i', 'c', 's']);

const KIND: Record<ListAdapter<unknown>['kind'], CursorKind> = {
  page: 'p',
  offset: 'o',
  cursor: 'c',
};

/**
 * One page of a Relay connection over a vendor list. Arguments and cursors are checked before
 * any vendor call. Forward pages cost at most 2 vendor calls; backward pages (page and offset
 * sources) too, except `last` without `before`, which first reads the total (at most 3).
 */
export async function connectionFromAdapter<T>(
  adapter: ListAdapter<T>,
  args: ConnectionArgs,
  options: ConnectionOptions,
): Promise<Connection<T>> {
  const { field } = options;
  const maxFirst = maxFirstFor([adapter], options.maxFirst);
  const request = parseArgs(args, {
    field,
    maxFirst,
    defaultFirst: options.defaultFirst ?? DEFAULT_FIRST,
  });
  if (request.direction === 'backward') checkBackward(adapter, request, field);
  const fp = fingerprint(field, options.filters);
  const kind = KIND[adapter.kind];
  const resume =
    request.cursor === null
      ? null
      : decodePosition(request.cursor, { ...request, field, fp, kind, adapter });
  const cursorOf = (item: ReadItem<T>) =>
    encodeCursor(fp, kind, positionBody(item.next, adapter.kind === 'cursor'));
  const edgesOf = (items: ReadItem<T>[]) =>
    items.map((item) => lazyEdge(item.node, () => cursorOf(item)));

  if (request.direction === 'forward') {
    const from = resume ?? START;
    // One item more than asked tells whether a next page exists without any total.
    const read = await readWindow(adapter, from, request.count + 1, options.signal);
    return connection(
      edgesOf(read.items.slice(0, request.count)),
      read.items.length > request.count,
      from.index > 0,
      read.total ?? read.end,
    );
  }

  let end: number;
  let total: number | null = null;
  let known: ReadItem<T>[] = [];
  if (resume !== null) {
    end = resume.index - 1;
  } else {
    const probe = await readWindow(adapter, START, Math.max(1, request.count), options.signal);
    total = probe.total ?? probe.end;
    if (total === null) {
      throw new Error(`${field}: the vendor list promised a total but did not report one`);
    }
    end = total;
    known = probe.items;
  }
  const start = Math.max(0, end - request.count);
  const read =
    known.length >= end
      ? { items: known, total, end: null }
      : await readWindow(adapter, { index: start }, end - start, options.signal);
  return connection(
    edgesOf(read.items.filter((item) => item.index >= start && item.index < end)),
    resume !== null,
    start > 0,
    total ?? read.total ?? read.end,
  );
}

function checkBackward(adapter: ListAdapter<unknown>, request: PageRequest, field: string) {
  if (adapter.kind === 'cursor') {
    throw refuse(
      `${field} can only be paged forwards (its vendor walks the list by cursor from the start); use \`first\` and \`after\`.`,
      request.cursor === null ? 'last' : 'before',
    );
  }
  if (request.cursor === null && !adapter.reportsTotal) {
    throw refuse(
      `\`last\` without \`before\` needs the length of ${field}, which its vendor does not report; page forwards with \`first\` and \`after\`, or pass \`before\` with a cursor from a forward page.`,
      'last',
    );
  }
}

function decodePosition(
  raw: string,
  ctx: Pick<PageRequest, 'argument'> & {
    field: string;
    fp: string;
    kind: CursorKind;
    adapter: ListAdapter<unknown>;
  },
): Position {
  const body = decodeCursor(raw, { ...ctx, fingerprint: ctx.fp });
  const position = readPosition(body, ctx.kind === 'c', vendorMaxOf(ctx.adapter));
  // Every edge cursor names the position just after its item, so never the list's start.
  const unknownKey = Object.keys(body).some((key) => !POSITION_KEYS.has(key));
  if (position === null || position.index < 1 || unknownKey) {
    throw cursorRefusal(ctx)('malformed');
  }
  return position;
}

export function edge<T>(node: T, cursor: string): Edge<T> {
  return { node, cursor };
}

/**
 * An edge whose cursor is encoded when first read: most queries read only the page's end
 * cursor, so the other edges never pay for theirs. An own enumerable property, so a copied
 * edge (`{ ...edge }`) keeps it.
 */
export function lazyEdge<T>(node: T, encode: () => string): Edge<T> {
  let cursor: string | undefined;
  return {
    node,
    get cursor() {
      return (cursor ??= encode());
    },
  };
}

export function connection<T>(
  edges: Edge<T>[],
  hasNextPage: boolean,
  hasPreviousPage: boolean,
  totalCount: number | null,
): Connection<T> {
  return {
    edges,
    // Read only when the query selects them, like each edge's cursor.
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
    totalCount,
  };
}
