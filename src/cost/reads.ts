import { ACCOUNT, USERLANE_PAGE, VENDOR_WEIGHTS, walkPages } from './rules.js';

// Reads whose calls depend on a field's arguments: the request-wide reads (loaders/exports.ts)
// that fields share, and the pages of filtered connections and of the merged NPS feed, which
// scan the vendor's list for what the vendor cannot filter (pagination/filter.ts).

/** A field's arguments as given, variables filled in. */
export type Args = Record<string, unknown>;

export const USERLOOP_PAGE = 200;
/**
 * Connection reads of Userlane ask one less than an export's page (lists/userlane.ts): 1,000 on
 * the page endpoints (Tags), 5,000 on the cursor ones (Tasks).
 */
const USERLANE_CONNECTION_PAGE = USERLANE_PAGE - 1;
const USERLANE_CONNECTION_CURSOR = 4_999;

/**
 * Weighted calls of each request-wide read, by name (a read of one range is `name@range`): each
 * is made once per request and range, whatever number of fields or items use it.
 */
const SHARED_READ_CALLS: Readonly<Record<string, number>> = {
  'userlane:nps': walkPages(ACCOUNT.userlaneAnswers, USERLANE_PAGE),
  'planhat:nps': walkPages(ACCOUNT.planhatAnswers, 10_000),
  // UserLoop's catalog, then every listed survey's metadata (to find its NPS questions).
  'userloop:catalog': 1,
  'userloop:surveys': ACCOUNT.userloopSurveys,
  // Each survey's answers of the range: its pages of 200, the first one partly full.
  'userloop:answers': ACCOUNT.userloopSurveys + Math.ceil(ACCOUNT.userloopAnswers / USERLOOP_PAGE),
  'userlane:surveys':
    ACCOUNT.userlaneSurveys * walkPages(ACCOUNT.userlaneSurveyAnswers, USERLANE_PAGE),
  // A workspace's projects, for custom field definitions (once per request, as containers).
  'userhero:projects': VENDOR_WEIGHTS.userhero,
};

export function sharedReadCalls(read: string): number {
  return SHARED_READ_CALLS[read.split('@')[0] ?? ''] ?? 0;
}

/** Whether a person is known: the default window's Planhat answers, then UserLoop's rows. */
export const IDENTITY = ['planhat:nps@default', 'userloop:catalog', 'userloop:answers@default'];

export const record = (value: unknown): Args =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Args) : {};
export const given = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const rangeKey = (range: unknown) => (range ? JSON.stringify(range) : 'default');
const NPS_SOURCES = ['USERLANE', 'PLANHAT', 'USERLOOP'];
export const sourcesOf = (filter: Args) =>
  Array.isArray(filter.sources) ? filter.sources : NPS_SOURCES;

/** The range exports an NPS filter reads, each vendor's once per range. */
export function npsReads(args: Args): string[] {
  const filter = record(args.filter);
  const range = rangeKey(filter.range);
  const sources = sourcesOf(filter);
  return [
    ...(sources.includes('USERLANE') ? [`userlane:nps@${range}`] : []),
    ...(sources.includes('PLANHAT') ? [`planhat:nps@${range}`] : []),
    ...(sources.includes('USERLOOP')
      ? ['userloop:catalog', 'userloop:surveys', `userloop:answers@${range}`]
      : []),
  ];
}

/** A person's survey answers: UserLoop's catalog and rows, each configured Userlane survey's. */
export const surveyAnswers = [
  'userloop:catalog',
  'userloop:answers@default',
  'userlane:surveys@default',
];

/** Calls paid for each item of the enclosing lists, and once for all of them. */
export interface Calls {
  item: number;
  once: number;
}

/**
 * Reads of one page of a filtered list that skips all of `rows` (the worst case), as
 * pagination/filter.ts grows them: `offset` lists first ask what is wanted plus a quarter, then
 * eight times it, then four times more each; `cursor` lists twice it, then four times more, up
 * to the vendor's `max`: the growing reads and a last short one (`item`), and the full reads,
 * one per `max` rows at most (`once`: lists that share out `rows` pay them once between them).
 * Reads of 200 or more of a dense list each read one window ahead (pagination/read-ahead.ts).
 */
export function scan(
  rows: number,
  max: number,
  first: number,
  kind: 'offset' | 'cursor',
  options: { dense?: boolean; ahead?: boolean; readsAhead?: boolean } = {},
): Calls {
  const limit = first + 1;
  // A list is read ahead when the query is dense, even where the filter is not (UserLoop's rows
  // of other questions): `readsAhead` says so apart from `dense`.
  const readsAhead = options.readsAhead ?? options.dense;
  const reads = (want: number) => (options.ahead && readsAhead && want >= 200 ? 2 : 1);
  let want = Math.min(
    max,
    kind === 'cursor'
      ? Math.max(20, limit * 2)
      : Math.max(20, limit + (options.dense ? 0 : Math.ceil(limit / 4))),
  );
  let item = 0;
  for (let read = 1; want < max; read++) {
    item += reads(want);
    const grown = kind === 'cursor' || read > 1 ? want * 4 : Math.max(want * 4, limit * 8);
    want = Math.min(max, grown);
  }
  // A dense list fills the page with one more read once its run starts; a resumed cursor list
  // may first re-read the part of a vendor page it skipped.
  item += reads(max) + (options.dense || kind === 'cursor' ? 1 : 0);
  return { item, once: reads(max) * Math.floor(rows / max) };
}

const plus = (a: Calls, b: Calls): Calls => ({ item: a.item + b.item, once: a.once + b.once });
const times = (n: number, c: Calls): Calls => ({ item: n * c.item, once: n * c.once });
export const each = (item: number): Calls => ({ item, once: 0 });
/** All of it paid by each item, or all of it once. */
export const whole = (c: Calls): Calls => ({ item: c.item + c.once, once: 0 });
const shared = (c: Calls): Calls => ({ item: 0, once: c.item + c.once });

/** Today as the feed sees it: a range ending before it starts below the lists' newest rows. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * One page of the merged NPS feed (lists/nps.ts): Userlane filters the range itself; Planhat and
 * each UserLoop NPS question are scanned from their newest row, past rows newer than the range
 * and past rows a category, comment or company filter skips. Dense reads of 200 or more read a
 * window ahead.
 */
export function feedCalls(args: Args, first: number): Calls {
  const filter = record(args.filter);
  const sources = sourcesOf(filter);
  const narrows = given(filter.categories).length > 0 || (filter.hasComment ?? null) !== null;
  const companyOnly = given(filter.companyIds).length > 0;
  const dense = !narrows && !companyOnly;
  const to = record(filter.range).to;
  // Without rows to skip a dense list serves the page from its first read.
  const skips = !dense || (typeof to === 'string' && to < today());
  const ahead = first + 1 >= 200 ? 2 : 1;
  let calls = each(0);
  if (sources.includes('USERLANE') && !companyOnly) {
    const pages = narrows ? scan(ACCOUNT.userlaneAnswers, USERLANE_PAGE, first, 'offset') : each(1);
    // Each read of Userlane's page-numbered list spans up to 2 of its pages.
    calls = plus(calls, times(2, pages));
  }
  if (sources.includes('PLANHAT')) {
    const options = { dense, ahead: true };
    calls = plus(
      calls,
      skips ? scan(ACCOUNT.planhatAnswers, 10_000, first, 'offset', options) : each(ahead),
    );
  }
  if (sources.includes('USERLOOP') && !companyOnly) {
    // One stream per survey asking an NPS question (at most one per NPS question); each skips
    // its survey's rows of other questions, so it is always a scan; their rows add up to at
    // most every UserLoop row.
    const questions = ACCOUNT.userloopNpsQuestions;
    const stream = scan(ACCOUNT.userloopAnswers, USERLOOP_PAGE, first, 'offset', {
      dense: false,
      ahead: true,
      readsAhead: dense,
    });
    calls = plus(calls, { item: questions * stream.item, once: stream.once });
  }
  return whole(calls);
}

export const tagScan = (first: number) =>
  shared(times(2, scan(ACCOUNT.userlaneRows, USERLANE_CONNECTION_PAGE, first, 'offset')));
export const taskScan = (first: number) =>
  shared(scan(ACCOUNT.userlaneRows, USERLANE_CONNECTION_CURSOR, first, 'cursor'));

// Calls of fields whose vendor reads depend on their arguments, for their declarations. For a
// connection, `first` is its page and `paged` what an unfiltered page costs: 1, or 2 after a
// cursor (the page may straddle two vendor pages).

/** The feed first finds UserLoop's NPS questions: the catalog and every survey's metadata. */
export const npsFeedReads = (args: Args): string[] =>
  sourcesOf(record(args.filter)).includes('USERLOOP')
    ? ['userloop:catalog', 'userloop:surveys']
    : [];

/** The default window's Planhat answers (a person's company, per-company NPS). */
export const planhatDefault = (): string[] => ['planhat:nps@default'];

/**
 * UserLoop's scores and comment filters are the gateway's: it scans the survey's rows, for each
 * item (the same survey twice in nodes(ids:) is scanned twice).
 */
export const surveyResponsesCalls = (args: Args, first: number, paged: number): Calls =>
  given(args.scores).length > 0 || (args.commentOnly ?? null) !== null
    ? whole(scan(ACCOUNT.userloopSurveyAnswers, USERLOOP_PAGE, first, 'offset'))
    : each(paged);

/**
 * Userlane cannot filter by tag or task: a page scans the range's rows, each read of its
 * page-numbered tag list in up to 2 vendor pages. Every tag or task of the field scans the same
 * vendor pages, which the request's Userlane reads make once (loaders/userlane.ts).
 */
export const tagInteractionsCalls = (args: Args, first: number, paged: number): Calls =>
  given(args.tagIds).length > 0 ? tagScan(first) : each(paged);
export const taskActivityCalls = (args: Args, first: number, paged: number): Calls =>
  given(args.taskIds).length > 0 ? taskScan(first) : each(paged);

/** One feedback list per address of the customer, merged. */
export const customerFeedbackCalls = (_args: Args, _first: number, paged: number): Calls =>
  each(ACCOUNT.customerEmails * paged);

/** One walk through each task's actions: its last page short, its others shared out of all. */
export const taskFunnelCalls = (): Calls => ({
  item: 1,
  once: Math.floor(ACCOUNT.userlaneRows / 5_000),
});
