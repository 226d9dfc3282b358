// Walks a connection page by page the way a client would, checking every page against the list.
import { expect } from 'vitest';
import type { Connection, ConnectionArgs } from '../../src/pagination/index.js';

export interface Item {
  id: number;
}

export const itemsOf = (length: number): Item[] => Array.from({ length }, (_, id) => ({ id }));

/** Calls the bridge for one page and reports how many vendor calls it cost. */
export type Fetch<T> = (args: ConnectionArgs) => Promise<{ page: Connection<T>; calls: number }>;

/**
 * Pages forwards with the `first` values in turn, resuming from the edge `picks` points at
 * (usually not the last one), until `hasNextPage` is false; returns what it collected.
 */
export async function walkForward<T>(
  fetch: Fetch<T>,
  expected: readonly T[],
  firsts: readonly number[],
  picks: readonly number[],
  maxCalls: number,
): Promise<T[]> {
  const seen: T[] = [];
  let after: string | null = null;
  for (let step = 0; step < 10_000; step++) {
    const first = firsts[step % firsts.length] as number;
    const { page, calls } = await fetch({ first, after });
    expect(calls).toBeLessThanOrEqual(maxCalls);
    const remaining = expected.length - seen.length;
    expect(page.edges.length).toBe(Math.min(first, remaining));
    expect(page.pageInfo.hasNextPage).toBe(first < remaining);
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    if (page.totalCount !== null) expect(page.totalCount).toBe(expected.length);
    if (!page.pageInfo.hasNextPage && page.edges.length === remaining) {
      seen.push(...page.edges.map((edge) => edge.node));
      return seen;
    }
    if (page.edges.length === 0) continue;
    const pick = (picks[step % picks.length] as number) % page.edges.length;
    const keep = page.edges.slice(0, pick + 1);
    seen.push(...keep.map((edge) => edge.node));
    after = (keep[keep.length - 1] as { cursor: string }).cursor;
  }
  throw new Error('walk did not end');
}

/** Pages backwards from `before` with the `last` values in turn until `hasPreviousPage` is false. */
export async function walkBackward<T>(
  fetch: Fetch<T>,
  expected: readonly T[],
  before: string | null,
  lasts: readonly number[],
  picks: readonly number[],
  maxCalls: (before: string | null) => number,
): Promise<T[]> {
  const seen: T[] = [];
  for (let step = 0; step < 10_000; step++) {
    const last = lasts[step % lasts.length] as number;
    const { page, calls } = await fetch({ last, before });
    expect(calls).toBeLessThanOrEqual(maxCalls(before));
    const remaining = expected.length - seen.length;
    expect(page.edges.length).toBe(Math.min(last, remaining));
    expect(page.pageInfo.hasPreviousPage).toBe(last < remaining);
    expect(page.pageInfo.hasNextPage).toBe(before !== null);
    if (!page.pageInfo.hasPreviousPage && page.edges.length === remaining) {
      seen.unshift(...page.edges.map((edge) => edge.node));
      return seen;
    }
    if (page.edges.length === 0) continue;
    const pick = (picks[step % picks.length] as number) % page.edges.length;
    const keep = page.edges.slice(pick);
    seen.unshift(...keep.map((edge) => edge.node));
    before = (keep[0] as { cursor: string }).cursor;
  }
  throw new Error('walk did not end');
}
