// The fewest vendor calls that could serve what one GraphQL request read, against what it made.
import { chainOf, identity, kindOf, listParams, SIZE, VENDOR_MAX_PAGE } from './call-graph.js';
import type { LoggedCall } from './sandbox-control.js';

export interface CallBudget {
  calls: number;
  minimum: number;
  byKind: {
    kind: string;
    lists: number;
    calls: number;
    minimum: number;
    pageSize?: number;
    repeated: number;
    /** Lists that a whole read of the same list with fewer filters, in the same request, covers. */
    covered: number;
  }[];
}

interface Chain {
  kind: string;
  vendor: string;
  method: string;
  path: string;
  params: [string, string][];
  pages: number;
  size?: number;
  repeated: number;
  /** Distinct calls in the vendor's largest pages: a read of the whole list. */
  wholeReadCalls: number;
  /** How far into the list the reads reached (items), where offsets or page numbers say. */
  extent?: number;
}

function sizeOf(call: LoggedCall): number | undefined {
  const size = Object.entries(call.query).find(([name]) => SIZE.has(name))?.[1];
  return typeof size === 'string' ? Number(size) : undefined;
}

/** Items up to the end of this call's page, for offset and page-number lists. */
function reachOf(call: LoggedCall): number | undefined {
  const size = sizeOf(call);
  if (size === undefined) return undefined;
  if (typeof call.query.offset === 'string') return Number(call.query.offset) + size;
  if (typeof call.query.page === 'string') return Number(call.query.page) * size;
  return undefined;
}

/**
 * The fewest calls that could have served the same lists: each distinct list read once, in
 * the vendor's largest pages; a filtered list costs nothing when the same request reads the
 * whole list it filters (same endpoint, a subset of its parameters, in the vendor's largest
 * pages, which the gateway uses for whole-range reads). Repeated identical calls are waste.
 */
export function callBudget(entries: readonly LoggedCall[]): CallBudget {
  const seen = new Set<string>();
  const chains = new Map<string, Chain>();
  for (const call of entries) {
    const key = chainOf(call);
    const chain = chains.get(key) ?? {
      kind: kindOf(call),
      vendor: call.vendor,
      method: call.method,
      path: call.path,
      params: listParams(call).map(([k, v]) => [k, String(v)] as [string, string]),
      pages: 0,
      repeated: 0,
      wholeReadCalls: 0,
    };
    const id = identity(call);
    if (seen.has(id)) chain.repeated++;
    else {
      seen.add(id);
      chain.pages++;
      const size = sizeOf(call);
      if (size !== undefined) chain.size = Math.max(chain.size ?? 0, size);
      if (size !== undefined && size >= (VENDOR_MAX_PAGE[call.vendor] ?? Infinity)) {
        chain.wholeReadCalls++;
      }
      const reach = reachOf(call);
      if (reach !== undefined) chain.extent = Math.max(chain.extent ?? 0, reach);
    }
    chains.set(key, chain);
  }
  const wholeReads = [...chains.values()].filter((c) => c.wholeReadCalls > 0);
  const covers = (whole: Chain, part: Chain) =>
    whole !== part &&
    whole.vendor === part.vendor &&
    whole.method === part.method &&
    whole.path === part.path &&
    whole.params.length < part.params.length &&
    whole.params.every(([k, v]) => part.params.some(([pk, pv]) => pk === k && pv === v));
  const byKind = new Map<string, CallBudget['byKind'][number]>();
  for (const chain of chains.values()) {
    const max = VENDOR_MAX_PAGE[chain.vendor] ?? Infinity;
    const covered = wholeReads.some((whole) => covers(whole, chain));
    // A read in the vendor's largest pages goes on to the end of the list, so it covers the
    // smaller reads of the same list (a feed's first pages); otherwise the items reached, in
    // pages as large as the vendor serves (cursor lists, which say nothing of it, as they are).
    const least = covered
      ? 0
      : chain.wholeReadCalls > 0
        ? chain.wholeReadCalls
        : chain.extent !== undefined
          ? Math.max(1, Math.ceil(chain.extent / max))
          : chain.pages;
    const row = byKind.get(chain.kind) ?? {
      kind: chain.kind,
      lists: 0,
      calls: 0,
      minimum: 0,
      repeated: 0,
      covered: 0,
    };
    row.lists++;
    row.calls += chain.pages + chain.repeated;
    row.minimum += least;
    row.repeated += chain.repeated;
    if (covered) row.covered++;
    if (chain.size !== undefined) row.pageSize = chain.size;
    byKind.set(chain.kind, row);
  }
  const rows = [...byKind.values()].sort((a, b) => b.calls - a.calls);
  return {
    calls: entries.length,
    minimum: rows.reduce((sum, row) => sum + row.minimum, 0),
    byKind: rows,
  };
}
