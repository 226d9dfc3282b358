import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../src/errors.js';
import {
  type ConnectionArgs,
  connectionFromAdapter,
  type ListAdapter,
  lazyMergedConnection,
  MAX_FIRST,
  mergedConnection,
} from '../../src/pagination/index.js';
import { type Counter, cursorFake, offsetFake, pageFake } from './fakes.js';
import { itemsOf } from './walk.js';

const FIELD = 'Query.feedback';
const FILTERS = { status: 'open', range: { from: '2026-01-01', to: '2026-03-31' } };
const items = itemsOf(50);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unb64 = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString());

/** A real cursor from the second item of a first page. */
async function cursorFrom(
  adapter: ListAdapter<unknown>,
  field = FIELD,
  filters: unknown = FILTERS,
) {
  const page = await connectionFromAdapter(adapter, { first: 3 }, { field, filters });
  return page.edges[1]?.cursor as string;
}

async function refused(
  adapter: ListAdapter<unknown> & Counter,
  args: ConnectionArgs,
  reason?: string,
  filters: unknown = FILTERS,
) {
  adapter.calls = 0;
  const error = await connectionFromAdapter(adapter, args, { field: FIELD, filters }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadUserInputError);
  expect((error as BadUserInputError).extensions.code).toBe('BAD_USER_INPUT');
  if (reason) expect((error as BadUserInputError).extensions.reason).toBe(reason);
  expect(adapter.calls).toBe(0);
  return (error as BadUserInputError).message;
}

const KINDS = {
  page: () => pageFake(items, 100),
  offset: () => offsetFake(items, 200),
  cursor: () => cursorFake(items, 100),
};

describe.each(Object.entries(KINDS))('%s source refuses, with no vendor call,', (_, make) => {
  it('garbage and undecodable cursors', async () => {
    const adapter = make();
    for (const after of ['!!!', 'not a cursor', 'abc', 'a'.repeat(9000), '', 'eyJ2IjoxfQ==']) {
      const message = await refused(adapter, { first: 5, after }, 'malformed_cursor');
      expect(message).toContain('without `after`');
    }
    for (const body of [[1, 2], 'text', 42, null, { v: 1 }, { v: '1', f: 'x', k: 'p', i: 1 }]) {
      await refused(adapter, { first: 5, after: b64(body) }, 'malformed_cursor');
    }
  });

  it('well-formed cursors with impossible positions', async () => {
    const adapter = make();
    const real = unb64(await cursorFrom(make()));
    const broken = [
      { i: -1 },
      { i: 0 },
      { i: 1.5 },
      { i: '3' },
      { extra: true },
      { s: -1 },
      { s: 10_000 },
      { c: 42 },
    ];
    for (const change of broken) {
      await refused(adapter, { first: 5, after: b64({ ...real, ...change }) }, 'malformed_cursor');
    }
  });

  it('a tampered fingerprint, another field, other filters', async () => {
    const adapter = make();
    const real = await cursorFrom(make());
    const tampered = b64({ ...unb64(real), f: 'AAAAAAAAAAAAAAAA' });
    await refused(adapter, { first: 5, after: tampered }, 'foreign_cursor');
    const otherField = await cursorFrom(make(), 'Query.customers');
    const message = await refused(adapter, { first: 5, after: otherField }, 'foreign_cursor');
    expect(message).toContain('another field or to other filter arguments');
    const otherFilters = await cursorFrom(make(), FIELD, { ...FILTERS, status: 'closed' });
    await refused(adapter, { first: 5, after: otherFilters }, 'foreign_cursor');
  });

  it('stale cursors: an older format, or another paging style of the same field', async () => {
    const adapter = make();
    const real = unb64(await cursorFrom(make()));
    await refused(adapter, { first: 5, after: b64({ ...real, v: 0 }) }, 'stale_cursor');
    const other = adapter.kind === 'cursor' ? pageFake(items, 100) : cursorFake(items, 100);
    await refused(adapter, { first: 5, after: await cursorFrom(other) }, 'stale_cursor');
  });

  it('bad counts and mixed directions', async () => {
    const adapter = make();
    const after = await cursorFrom(make());
    expect(await refused(adapter, { first: -1 })).toContain(`from 0 to ${MAX_FIRST}`);
    expect(await refused(adapter, { first: MAX_FIRST + 1 })).toContain(`${MAX_FIRST}`);
    await refused(adapter, { first: 2.5 });
    await refused(adapter, { first: 5, last: 5 });
    await refused(adapter, { after, before: after });
    await refused(adapter, { first: 5, before: after });
    await refused(adapter, { last: 5, after });
  });
});

describe('direction refusals', () => {
  it('cursor sources page forwards only', async () => {
    const adapter = cursorFake(items, 100);
    const before = await cursorFrom(cursorFake(items, 100));
    expect(await refused(adapter, { last: 5 })).toContain('only be paged forwards');
    await refused(adapter, { last: 5, before });
    await refused(adapter, { before });
  });

  it('`last` without `before` needs a reported total', async () => {
    expect(await refused(pageFake(items, 100), { last: 5 })).toContain('does not report');
    await refused(offsetFake(items, 200), { last: 5 });
    const counted = offsetFake(items, 200, { reportsTotal: true });
    const page = await connectionFromAdapter(counted, { last: 5 }, { field: FIELD });
    expect(page.edges.map((edge) => edge.node.id)).toEqual([45, 46, 47, 48, 49]);
  });

  it('a field may lower the bound; a vendor with small pages lowers it too', async () => {
    const small = pageFake(items, 10);
    expect(await refused(small, { first: 11 })).toContain('from 0 to 10');
    const adapter = offsetFake(items, 200);
    adapter.calls = 0;
    await expect(
      connectionFromAdapter(adapter, { first: 30 }, { field: FIELD, maxFirst: 25 }),
    ).rejects.toThrow('from 0 to 25');
    expect(adapter.calls).toBe(0);
  });
});

describe('merged feed refusals', () => {
  const sortKey = (item: { id: number }) => -item.id;
  const streams = () => [
    { name: 'userlane', adapter: pageFake(items, 100) },
    { name: 'planhat', adapter: offsetFake(items, 200) },
  ];
  const options = { field: 'Query.npsResponses', filters: FILTERS, sortKey };

  async function mergeRefused(args: ConnectionArgs, list = streams(), reason?: string) {
    const error = await mergedConnection(list, args, options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadUserInputError);
    if (reason) expect((error as BadUserInputError).extensions.reason).toBe(reason);
    expect(list.reduce((sum, stream) => sum + stream.adapter.calls, 0)).toBe(0);
  }

  it('refuses backwards paging, bad counts, and foreign or broken composite cursors', async () => {
    const first = await mergedConnection(streams(), { first: 3 }, options);
    const after = first.pageInfo.endCursor as string;
    await mergeRefused({ last: 3 });
    await mergeRefused({ first: -2 });
    await mergeRefused(
      { first: 3, after: await cursorFrom(pageFake(items, 100)) },
      undefined,
      'foreign_cursor',
    );
    // The feed's streams changed since the cursor was issued: it is stale, not foreign.
    await mergeRefused({ first: 3, after }, streams().slice(0, 1), 'stale_cursor');
    const real = unb64(after);
    for (const states of [{}, { ...real.m, userloop: { i: 0 } }]) {
      await mergeRefused(
        { first: 3, after: b64({ ...real, m: states }) },
        undefined,
        'stale_cursor',
      );
    }
    const broken = [
      { m: { ...real.m, planhat: { i: -3 } } },
      { m: { ...real.m, planhat: { i: 1, h: 'soon' } } },
      { m: { ...real.m, planhat: { i: 1, d: 2 } } },
      { m: { ...real.m, planhat: { i: 1, c: 'x', s: 0 } } },
      { m: [] },
      { m: real.m, extra: 1 },
    ];
    for (const change of broken) {
      await mergeRefused(
        { first: 3, after: b64({ ...real, ...change }) },
        undefined,
        'malformed_cursor',
      );
    }
  });

  it('a single-list cursor is not a merged one, and the other way round', async () => {
    const first = await mergedConnection(streams(), { first: 3 }, options);
    await refused(pageFake(items, 100), { first: 3, after: first.pageInfo.endCursor });
  });
});

describe('lazily discovered merged feeds', () => {
  const sortKey = (item: { id: number }) => -item.id;
  const options = { field: 'Query.npsResponses', filters: FILTERS, sortKey };

  it('refuse bad arguments and foreign or malformed cursors before discovering any stream', async () => {
    let discovered = 0;
    const discover = async () => {
      discovered++;
      return [
        { name: 'userlane', adapter: pageFake(items, 100) },
        { name: 'planhat', adapter: offsetFake(items, 200) },
      ];
    };
    const foreign = await cursorFrom(pageFake(items, 100));
    const refusedArgs: ConnectionArgs[] = [
      { first: -1 },
      { last: 2 },
      { first: 2, after: 'garbage!' },
      { first: 2, after: foreign },
    ];
    for (const args of refusedArgs) {
      await expect(lazyMergedConnection(discover, args, options)).rejects.toBeInstanceOf(
        BadUserInputError,
      );
    }
    expect(discovered).toBe(0);
    const first = await lazyMergedConnection(discover, { first: 2 }, options);
    const after = first.pageInfo.endCursor;
    const next = await lazyMergedConnection(discover, { first: 2, after }, options);
    expect(next.edges).toHaveLength(2);
    expect(discovered).toBe(2);
  });
});
