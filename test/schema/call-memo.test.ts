import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { lastDays } from '../support/userlane-reference.js';
import { memoizedClient } from '../../src/loaders/call-memo.js';

// Identical reads, once per request: every vendor read goes through the request's memo keyed by
// the vendor call, so fields asking the same call (aliases, dashboard panels) share it.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const calls = (vendor: 'userlane' | 'userloop' | 'userhero' | 'planhat', path?: RegExp | string) =>
  gw.sandbox.log.entries({ vendor, path });
const distinct = (entries: { path: string; query: unknown }[]) =>
  new Set(entries.map((e) => `${e.path} ${JSON.stringify(e.query)}`)).size;

describe('the request memo of vendor calls', () => {
  it('serves two aliased heartScores with the same arguments from one GET /heart', async () => {
    const range = lastDays(gw.sandbox, 10, 1);
    const res = await gw.query<Record<string, { nodes: { date: string }[] }>>(
      `query($r: DateRange!) {
        a: heartScores(range: $r, first: 5) { nodes { date heart } }
        b: heartScores(range: $r, first: 5) { nodes { date heart } }
      }`,
      { r: range },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.a?.nodes).toHaveLength(5);
    expect(res.data?.b).toEqual(res.data?.a);
    expect(calls('userlane', /\/heart$/)).toHaveLength(1);
  });

  it('makes one call per distinct read whatever the number of aliases, on every vendor', async () => {
    const range = lastDays(gw.sandbox, 30, 1);
    const res = await gw.query<Record<string, { nodes: unknown[] }>>(
      `query($r: DateRange!) {
        t1: tagInteractions(range: $r, first: 3) { nodes { count } }
        t2: tagInteractions(range: $r, first: 3) { nodes { count } }
        f1: feedback(first: 4) { nodes { feedbackId } }
        f2: feedback(first: 4) { nodes { feedbackId } }
        p1: npsResponses(first: 3, filter: { sources: [PLANHAT] }) { nodes { id } }
        p2: npsResponses(first: 3, filter: { sources: [PLANHAT] }) { nodes { id } }
        s1: surveys(first: 2, sources: [USERLOOP]) { nodes { surveyId } }
        s2: surveys(first: 2, sources: [USERLOOP]) { nodes { surveyId } }
      }`,
      { r: range },
    );
    expect(res.errors).toEqual([]);
    for (const [a, b] of [
      ['t1', 't2'],
      ['f1', 'f2'],
      ['p1', 'p2'],
      ['s1', 's2'],
    ] as const) {
      expect(res.data?.[a]?.nodes.length).toBeGreaterThan(0);
      expect(res.data?.[b]).toEqual(res.data?.[a]);
    }
    for (const vendor of ['userlane', 'userhero', 'planhat', 'userloop'] as const) {
      const entries = calls(vendor);
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.length).toBe(distinct(entries));
    }
  });

  it('forgets its reads on a write and after a failed read, and keys by arguments', async () => {
    let reads = 0;
    let fail = false;
    const client = {
      async survey(id: string, _opts?: { signal?: AbortSignal }) {
        reads += 1;
        if (fail) throw new Error('vendor down');
        return { id, reads };
      },
      async createThing() {
        return 'written';
      },
    };
    const memo = memoizedClient('userloop', client);
    const signal = new AbortController().signal;
    // Same call, other signals: one read.
    const [a, b] = await Promise.all([memo.survey('s1', { signal }), memo.survey('s1')]);
    expect(a).toEqual({ id: 's1', reads: 1 });
    expect(b).toBe(a);
    expect(await memo.survey('s2')).toEqual({ id: 's2', reads: 2 });
    expect(reads).toBe(2);
    expect(await memo.createThing()).toBe('written');
    expect(await memo.survey('s1')).toEqual({ id: 's1', reads: 3 });
    fail = true;
    memo.createThing();
    await expect(memo.survey('s3')).rejects.toThrow('vendor down');
    fail = false;
    expect(await memo.survey('s3')).toEqual({ id: 's3', reads: 5 });
  });
});
