import fc from 'fast-check';
import { decodeGlobalId, encodeGlobalId } from '../../src/global-id.js';
import type { SeedData } from '../../src/sandbox/index.js';

// Arguments of the read fields for the cost bound's generated documents: pages, ranges, filters
// and ids drawn from what the sandbox holds, so that most documents run and reach the vendors.

/** What the arguments are drawn from: the sandbox's data, and ids the gateway handed out. */
export interface Pools {
  now: number;
  emails: string[];
  ids: string[];
  ticketNumbers: number[];
  projectIds: string[];
  workspaceIds: string[];
  planhatCompanyIds: string[];
  tagIds: string[];
  taskIds: number[];
  /** `source: …, surveyId: "…"` argument pairs of known surveys of both vendors. */
  surveys: string[];
}

const DAY = 86_400_000;

const q = (value: string) => JSON.stringify(value);
const list = (values: readonly string[]) => `[${values.join(', ')}]`;
/** Up to `max` distinct items, never empty. */
const some = <T>(items: readonly T[], max = 3) =>
  fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: max });
/** An argument given now and then: `''` leaves it out. */
const maybe = (arb: fc.Arbitrary<string>, weight = 1) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant('') }, { weight, arbitrary: arb });
export const args = (...parts: fc.Arbitrary<string>[]) =>
  fc.tuple(...parts).map((given) => {
    const present = given.filter(Boolean);
    return present.length ? `(${present.join(', ')})` : '';
  });

// Connections deeper down get small pages, so that documents stay within the cost limit.
export function pagingArguments(depth: number, coordinate: string): fc.Arbitrary<string> {
  const big = coordinate === 'Query.npsResponses' ? [200, 250] : [20];
  const n = fc.oneof(
    { weight: 1, arbitrary: fc.constant(-1) },
    { weight: 8, arbitrary: fc.integer({ min: 0, max: depth === 0 ? 5 : 3 }) },
    { weight: depth === 0 ? 1 : 0, arbitrary: fc.constantFrom(...big) },
  );
  return fc
    .tuple(n, fc.constantFrom('first', 'first', 'first', 'last'))
    .map(([size, name]) => (size < 0 ? '' : `${name}: ${size}`));
}

/**
 * The arguments of a field by coordinate (`''` for none); undefined where no rule fills them
 * (then a field takes its paging arguments, or is left out when it needs another).
 */
export function fieldArguments(pools: Pools) {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const rangeOf = ([days, endsAgo]: readonly [number, number]) => {
    const to = pools.now - endsAgo * DAY;
    return `{ from: ${q(day(to - (days - 1) * DAY))}, to: ${q(day(to))} }`;
  };
  // Ranges up to today, and ranges over the past, which the lists sorted newest first scan to.
  const range = fc
    .constantFrom([1, 0], [7, 0], [30, 0], [360, 0], [3650, 0], [30, 100], [400, 300], [2, 800])
    .map(rangeOf);
  // Task actions and funnels only accept ranges starting within the last 31 days.
  const recent = fc.constantFrom([1, 0], [7, 0], [20, 0], [30, 1]).map(rangeOf);
  const email = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pools.emails.slice(0, 40)) },
    { weight: 1, arbitrary: fc.constantFrom('nobody@example.com', 'NOT AN EMAIL') },
  );
  const npsFilter = fc
    .record(
      {
        sources: some(['USERLANE', 'PLANHAT', 'USERLOOP']).map(list),
        categories: some(['PROMOTER', 'PASSIVE', 'DETRACTOR'], 2).map(list),
        hasComment: fc.boolean().map(String),
        range,
        companyIds: some(pools.planhatCompanyIds, 2).map((ids) => list(ids.map(q))),
      },
      { requiredKeys: [] },
    )
    .map(
      (f) =>
        `filter: { ${Object.entries(f)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} }`,
    );
  const feedbackBy = fc.oneof(
    fc.constantFrom('new', 'resolved', 'in-progress').map((s) => `status: ${q(s)}`),
    fc.constantFrom('bug', 'question', 'idea').map((c) => `category: ${q(c)}`),
    email.map((e) => `userEmail: ${q(e)}`),
  );
  const customerBy = fc.oneof(
    fc.constantFrom('a', 'smith', 'zz').map((s) => `search: ${q(s)}`),
    fc.constantFrom('vip', 'beta').map((t) => `tag: ${q(t)}`),
    fc.constantFrom('widget', 'email', 'api').map((c) => `channel: ${q(c)}`),
  );
  const sort = fc.constantFrom('NAME', 'LAST_SEEN_AT', 'FEEDBACK_COUNT').map((s) => `sort: ${s}`);
  const projectId = fc.constantFrom(...pools.projectIds).map((p) => `projectId: ${q(p)}`);
  const id = fc.constantFrom(...pools.ids);
  // Federation representations: entities by id (a refused id under the type it claims) or a
  // person by email.
  const typenameOf = (value: string) => {
    try {
      return decodeGlobalId(value).typename;
    } catch {
      return 'Feedback';
    }
  };
  const representation = fc.oneof(
    id.map((i) => `{ __typename: ${q(typenameOf(i))}, id: ${q(i)} }`),
    email.map((e) => `{ __typename: "Customer", email: ${q(e)} }`),
  );

  // Arguments by coordinate; other fields take paging arguments, or are left out when they
  // need an argument this table cannot fill.
  return (coordinate: string, depth: number): fc.Arbitrary<string> | undefined => {
    const page = pagingArguments(depth, coordinate);
    switch (coordinate) {
      case 'Query.customer':
        return args(email.map((e) => `email: ${q(e)}`));
      case 'Query.customers':
      case 'Query.userheroCustomers':
        return args(page, maybe(customerBy.map((c) => `filter: { ${c} }`)), maybe(sort));
      case 'Query.feedback':
        return args(page, maybe(fc.oneof(feedbackBy, projectId).map((f) => `filter: { ${f} }`)));
      case 'Query.survey':
        return args(fc.constantFrom(...pools.surveys, 'source: USERLANE, surveyId: "999999"'));
      case 'Query.userheroCustomer':
        return args(
          fc.oneof(
            email.map((e) => `email: ${q(e)}`),
            fc.constant('phone: "+10000000000"'),
          ),
        );
      case 'Query.feedbackByTicket':
        return args(
          fc.constantFrom(...pools.ticketNumbers, 999_999).map((n) => `ticketNumber: ${n}`),
          maybe(fc.constantFrom(...pools.workspaceIds).map((w) => `workspaceId: ${q(w)}`)),
        );
      case 'Query.node':
        return args(id.map((i) => `id: ${q(i)}`));
      case 'Query.nodes':
        return args(
          fc.array(id, { minLength: 0, maxLength: 6 }).map((ids) => `ids: ${list(ids.map(q))}`),
        );
      case 'Query._entities':
        return args(
          fc
            .array(representation, { minLength: 0, maxLength: 6 })
            .map((reps) => `representations: ${list(reps)}`),
        );
      case 'Query.npsResponses':
      case 'Customer.npsResponses':
        return args(page, maybe(npsFilter));
      case 'Query.npsSummary':
        return args(
          maybe(npsFilter),
          maybe(fc.constantFrom('SOURCE', 'MONTH', 'COMPANY', 'ROLE').map((g) => `groupBy: ${g}`)),
        );
      case 'Query.surveys':
        return args(
          page,
          maybe(
            some(['USERLOOP', 'USERLANE', 'PLANHAT'])
              .map(list)
              .map((s) => `sources: ${s}`),
          ),
        );
      case 'Query.tagInteractions':
        return args(
          range.map((r) => `range: ${r}`),
          page,
          maybe(some(pools.tagIds).map((t) => `tagIds: ${list(t.map(q))}`)),
        );
      case 'Query.taskActivity':
        return args(
          range.map((r) => `range: ${r}`),
          page,
          maybe(some(pools.taskIds).map((t) => `taskIds: ${list(t.map((n) => q(String(n))))}`)),
        );
      case 'Query.tags':
      case 'Query.tasks':
        return args(range.map((r) => `range: ${r}`));
      case 'Task.activity':
      case 'Tag.interactions':
      case 'Query.heartScores':
        return args(
          range.map((r) => `range: ${r}`),
          page,
        );
      case 'Task.actions':
      case 'Task.funnel':
        return args(
          recent.map((r) => `range: ${r}`),
          coordinate === 'Task.funnel' ? fc.constant('') : page,
        );
      case 'Project.automations':
        return args(
          page,
          maybe(fc.boolean().map((b) => `enabled: ${b}`)),
          maybe(fc.boolean().map((b) => `includeSystem: ${b}`)),
          maybe(fc.constantFrom('MANUAL', 'FEEDBACK_CREATED').map((s) => `scope: ${s}`)),
        );
      case 'Project.feedback':
        return args(page, maybe(feedbackBy));
      case 'Workspace.feedback':
        return args(page, maybe(fc.oneof(feedbackBy, projectId)));
      case 'Workspace.customers':
        return args(page, maybe(customerBy), maybe(sort));
      case 'Survey.responses':
        return args(
          page,
          maybe(range.map((r) => `range: ${r}`)),
          maybe(some(['1', '2', '5', '9', '10']).map((s) => `scores: ${list(s)}`)),
          maybe(fc.boolean().map((b) => `commentOnly: ${b}`)),
        );
      case 'SurveyQuestion.openResponses':
        return args(page, maybe(range.map((r) => `range: ${r}`)));
      case 'SurveyQuestion.breakdown':
        return args(maybe(range.map((r) => `range: ${r}`)));
      default:
        return undefined;
    }
  };
}

/** Ids of every entity type as the gateway hands them out, and unknown or refused ones. */
export async function poolsOf(
  seed: SeedData,
  list: (query: string) => Promise<unknown>,
): Promise<Pools> {
  const now = seed.now.getTime();
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const range = `{ from: "${day(now - 29 * 86_400_000)}", to: "${day(now)}" }`;
  const listing = `{
    feedback(first: 2) { nodes { id } }
    workspaces { id projects(first: 3) { nodes { id widgets(first: 1) { nodes { id } }
      webhooks(first: 1) { nodes { id } } automations(first: 2) { nodes { id runs { id } } } } } }
    a: npsResponses(first: 2, filter: { sources: [PLANHAT] }) { nodes { id } }
    b: npsResponses(first: 2, filter: { sources: [USERLANE] }) { nodes { id } }
    c: npsResponses(first: 2, filter: { sources: [USERLOOP] }) { nodes { id } }
    surveys(first: 20) { nodes { id questions { id } responses(first: 1) { nodes { id } } } }
    customers(first: 2) { nodes { id profile { id } } }
    heartScores(first: 2, range: ${range}) { nodes { id } }
    tags(range: ${range}) { id } tasks(range: ${range}) { id }
  }`;
  const text = JSON.stringify(await list(listing));
  const ids = [...new Set([...text.matchAll(/"id":"([^"]+)"/g)].map((m) => m[1] as string))];
  const fakes = [
    encodeGlobalId('Feedback', 'ws_nope:fb_nope'),
    encodeGlobalId('Customer', 'nobody@example.com'),
    encodeGlobalId('UserHeroCustomer', 'cust_nope'),
    encodeGlobalId('NpsResponse', 'PLANHAT:nope'),
    encodeGlobalId('Workspace', 'ws_nope'),
    encodeGlobalId('PageInfo', 'x'),
    'not an id',
  ];
  const customers = [...seed.userhero.data.customers.values()];
  // Customers with several addresses, each of which has a feedback list of its own.
  const multi = customers.filter((c) => c.emails.length > 1).slice(0, 3);
  return {
    now,
    emails: [...new Set(customers.flatMap((c) => c.emails))],
    ids: [...ids, ...multi.map((c) => encodeGlobalId('UserHeroCustomer', c.id)), ...fakes],
    ticketNumbers: [...seed.userhero.data.feedback.values()]
      .slice(0, 20)
      .flatMap((f) => (f.ticketNumber === null ? [] : [f.ticketNumber])),
    projectIds: [...seed.userhero.data.projects.keys()].slice(0, 3),
    workspaceIds: [...seed.userhero.data.workspaces.keys()],
    planhatCompanyIds: [
      ...new Set(seed.planhat.store.all().flatMap((r) => (r.cId ? [r.cId] : []))),
    ].slice(0, 5),
    tagIds: seed.userlane.catalog.tags.slice(0, 4).map((t) => t.tagId),
    taskIds: seed.userlane.catalog.tasks.slice(0, 4).map((t) => t.taskId),
    surveys: [
      ...seed.userlane.catalog.surveys
        .slice(0, 2)
        .map((s) => `source: USERLANE, surveyId: ${q(s.id)}`),
      ...seed.userloop.surveys.slice(0, 2).map((s) => `source: USERLOOP, surveyId: ${q(s.id)}`),
    ],
  };
}
