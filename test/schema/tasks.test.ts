import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import type { GraphQLResult, TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import {
  actionRows,
  lastDays,
  portalExports,
  type Range,
  taskRows,
} from '../support/userlane-reference.js';

// Userlane Tasks (aggregate and actions) through the graph, checked against the sandbox's seeded
// task sessions.

let gw: TestGateway;
let base: string;
beforeAll(async () => {
  gw = await startTestGateway();
  base = `/properties/${gw.sandbox.env.USERLANE_PROPERTY_ID}`;
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const taskCalls = () => gw.sandbox.log.entries({ vendor: 'userlane', path: `${base}/tasks` });
const actionCalls = () =>
  gw.sandbox.log.entries({
    vendor: 'userlane',
    path: /^\/properties\/[^/]+\/tasks\/\d+\/actions$/,
  });
const userlaneCalls = () => gw.sandbox.log.count({ vendor: 'userlane', path: /./ });

const catalog = () => gw.sandbox.seed.userlane.catalog.tasks;

interface Page<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function walk<N>(
  query: string,
  variables: Record<string, unknown>,
  pick: (data: Record<string, unknown>) => Page<N>,
  first: number,
): Promise<{ nodes: N[]; costs: number[] }> {
  const nodes: N[] = [];
  const costs: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 500; page++) {
    const before = userlaneCalls();
    const res: GraphQLResult<Record<string, unknown>> = await gw.query(query, {
      ...variables,
      first,
      after,
    });
    expect(res.errors).toEqual([]);
    const connection = pick(res.data as Record<string, unknown>);
    costs.push(userlaneCalls() - before);
    nodes.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage) return { nodes, costs };
    expect(connection.edges).toHaveLength(first);
    after = connection.pageInfo.endCursor;
  }
  throw new Error('walk did not end');
}

const ACTIVITY = `edges { cursor node { date task { taskId } user { id applicationUserId }
  starts completions totalTimeToComplete } } pageInfo { hasNextPage endCursor }`;

const activityOf = (range: Range, keep: (taskId: number) => boolean = () => true) =>
  taskRows(gw.sandbox, range)
    .filter((row) => keep(row.taskId))
    .map((row) => ({
      date: row.date,
      task: { taskId: row.taskId },
      user: row.user,
      starts: row.starts,
      completions: row.completions,
      totalTimeToComplete: row.totalTimeToComplete,
    }));

/** The reference funnel: a session counts at every step up to the furthest it logged. */
function referenceFunnel(taskId: number, range: Range) {
  const rows = actionRows(gw.sandbox, taskId, range);
  const task = catalog().find((t) => t.taskId === taskId);
  if (!task) throw new Error(`no task ${taskId}`);
  const furthest = new Map<string, number>();
  for (const row of rows) {
    furthest.set(row.appSessionId, Math.max(furthest.get(row.appSessionId) ?? -1, row.actionIndex));
  }
  const portal = portalExports(gw.sandbox);
  const sessionsAt = task.actions.map(
    (_, k) => [...furthest.values()].filter((index) => index >= k).length,
  );
  return {
    sessions: furthest.size,
    steps: task.actions.map((action, k) => {
      const reached = rows.some((row) => row.actionIndex === k);
      const previous = k === 0 ? 0 : (sessionsAt[k - 1] as number);
      const actionId = reached ? action.actionId : null;
      return {
        actionIndex: k,
        actionId,
        name: actionId !== null && portal.hasAction(taskId, actionId) ? action.name : null,
        sessions: sessionsAt[k],
        dropOff: previous === 0 ? 0 : 1 - (sessionsAt[k] as number) / previous,
      };
    }),
  };
}

describe('Query.tasks', () => {
  it('lists the range’s tasks with totals from one export walked with the largest pages', async () => {
    const range = lastDays(gw.sandbox, 400);
    const res = await gw.query<{ tasks: Record<string, unknown>[] }>(
      `query($range: DateRange!) { tasks(range: $range) {
        id taskId name starts completions completionRate users averageTimeToComplete
        totalTimeToComplete activeDays firstActivityDate lastActivityDate } }`,
      { range },
    );
    expect(res.errors).toEqual([]);
    const rows = taskRows(gw.sandbox, range);
    const portal = portalExports(gw.sandbox);
    const ids = [...new Set(rows.map((row) => row.taskId))];
    const expected = ids.map((taskId) => {
      const mine = rows.filter((row) => row.taskId === taskId);
      const sum = (pick: (row: (typeof rows)[number]) => number) =>
        mine.reduce((total, row) => total + pick(row), 0);
      const starts = sum((row) => row.starts);
      const completions = sum((row) => row.completions);
      const time = sum((row) => row.totalTimeToComplete);
      const dates = mine.map((row) => row.date).sort();
      return {
        id: encodeGlobalId('Task', String(taskId)),
        taskId,
        name: portal.hasTask(taskId) ? catalog().find((t) => t.taskId === taskId)?.name : null,
        starts,
        completions,
        completionRate: completions / starts,
        users: new Set(mine.map((row) => row.user.id)).size,
        averageTimeToComplete: completions === 0 ? null : time / completions,
        totalTimeToComplete: time,
        activeDays: new Set(dates).size,
        firstActivityDate: dates[0],
        lastActivityDate: dates[dates.length - 1],
      };
    });
    expected.sort((a, b) => b.starts - a.starts || a.taskId - b.taskId);
    expect(res.data?.tasks).toEqual(expected);
    // One task is left out of tasks.csv: no name, no error.
    expect(expected.filter((task) => task.name === null)).toHaveLength(1);

    const calls = taskCalls();
    expect(rows.length).toBeGreaterThan(5000);
    expect(calls).toHaveLength(Math.ceil(rows.length / 5000));
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.map((call) => call.query.limit).filter((limit) => limit !== '5000')).toEqual([]);
    expect(calls[0]?.query.cursor).toBeUndefined();
  });

  it('shares the export with every task’s activity and funnel, never repeating a vendor call', async () => {
    const range = lastDays(gw.sandbox, 6);
    const res = await gw.query<{
      tasks: {
        taskId: number;
        starts: number;
        activity: Page<{ starts: number }>;
        funnel: { sessions: number };
      }[];
    }>(
      `query($range: DateRange!) { tasks(range: $range) {
        taskId starts activity(range: $range, first: 2) { edges { node { starts } } pageInfo { hasNextPage endCursor } }
        again: funnel(range: $range) { sessions } funnel(range: $range) { sessions } } }`,
      { range },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.tasks.length).toBeGreaterThan(0);
    // The premise: some task has activity in the range, so the comparisons below compare rows.
    expect(res.data?.tasks.filter((task) => task.activity.edges.length > 0).length).toBeGreaterThan(
      0,
    );
    for (const task of res.data?.tasks ?? []) {
      const rows = activityOf(range, (id) => id === task.taskId);
      expect(task.activity.edges.map((e) => e.node.starts)).toEqual(
        rows.slice(0, 2).map((row) => row.starts),
      );
      expect(task.funnel.sessions).toBe(referenceFunnel(task.taskId, range).sessions);
    }
    const keys = gw.sandbox.log
      .entries({ vendor: 'userlane' })
      .map((call) => `${call.path}?${JSON.stringify(call.query)}`);
    expect(new Set(keys).size).toBe(keys.length);
    // One funnel walk per task, whatever the aliases.
    expect(new Set(actionCalls().map((call) => call.path)).size).toBe(res.data?.tasks.length);
  });
});

describe('Task.activity and Query.taskActivity', () => {
  it('walks one task’s activity exactly, page after page', async () => {
    const range = lastDays(gw.sandbox, 60);
    const taskId = catalog()[1]?.taskId as number;
    const query = `query($id: ID!, $range: DateRange!, $first: Int, $after: String) {
      node(id: $id) { ... on Task { activity(range: $range, first: $first, after: $after) { ${ACTIVITY} } } } }`;
    const { nodes, costs } = await walk(
      query,
      { id: encodeGlobalId('Task', String(taskId)), range },
      (data) => (data.node as { activity: Page<unknown> }).activity,
      23,
    );
    expect(nodes).toEqual(activityOf(range, (id) => id === taskId));
    expect(Math.max(...costs)).toBeLessThanOrEqual(4);
  });

  it('pages all tasks’ activity without a filter, each page within 2 vendor calls', async () => {
    const range = lastDays(gw.sandbox, 20);
    const query = `query($range: DateRange!, $first: Int, $after: String) {
      taskActivity(range: $range, first: $first, after: $after) { ${ACTIVITY} } }`;
    const { nodes, costs } = await walk(
      query,
      { range },
      (data) => data.taskActivity as Page<unknown>,
      70,
    );
    expect(nodes).toEqual(activityOf(range));
    expect(Math.max(...costs)).toBeLessThanOrEqual(2);
  });

  it('keeps only the given tasks, named by task id or node id', async () => {
    const range = lastDays(gw.sandbox, 30);
    const [a, b] = [catalog()[0]?.taskId as number, catalog()[3]?.taskId as number];
    const query = `query($range: DateRange!, $taskIds: [ID!], $first: Int, $after: String) {
      taskActivity(range: $range, taskIds: $taskIds, first: $first, after: $after) { ${ACTIVITY} } }`;
    const { nodes } = await walk(
      query,
      { range, taskIds: [String(a), encodeGlobalId('Task', String(b))] },
      (data) => data.taskActivity as Page<unknown>,
      40,
    );
    expect(nodes).toEqual(activityOf(range, (id) => id === a || id === b));
  });

  it('refuses a task id that is not an integer before any vendor call', async () => {
    const res = await gw.query(
      `query($range: DateRange!) { taskActivity(range: $range, taskIds: ["12x"], first: 5) { ${ACTIVITY} } }`,
      { range: lastDays(gw.sandbox, 3) },
    );
    expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors[0]?.message).toMatch(/taskIds\[0\]/);
    expect(userlaneCalls()).toBe(0);
  });
});

describe('Task.actions and Task.funnel', () => {
  const node = (taskId: number) => encodeGlobalId('Task', String(taskId));

  it('walks a task’s action stream exactly, with action names from its Portal export', async () => {
    const range = lastDays(gw.sandbox, 4);
    // Task 2's export lacks its last action: that step's events have no name.
    const task = catalog()[2];
    if (!task) throw new Error('no task');
    const portal = portalExports(gw.sandbox);
    const query = `query($id: ID!, $range: DateRange!, $first: Int, $after: String) {
      node(id: $id) { ... on Task { actions(range: $range, first: $first, after: $after) {
        edges { cursor node { task { taskId } taskVersion taskActionsMaxIndex actionId actionIndex
          actionType name serverTime appSessionId url user { id applicationUserId } } }
        pageInfo { hasNextPage endCursor } } } } }`;
    const { nodes, costs } = await walk(
      query,
      { id: node(task.taskId), range },
      (data) => (data.node as { actions: Page<unknown> }).actions,
      31,
    );
    const expected = actionRows(gw.sandbox, task.taskId, range).map((row) => ({
      task: { taskId: row.taskId },
      taskVersion: row.taskVersion,
      taskActionsMaxIndex: row.taskActionsMaxIndex,
      actionId: row.actionId,
      actionIndex: row.actionIndex,
      actionType: row.actionType,
      name: portal.hasAction(row.taskId, row.actionId)
        ? task.actions.find((a) => a.actionId === row.actionId)?.name
        : null,
      serverTime: `${row.serverTime.slice(0, 23)}Z`,
      appSessionId: row.appSessionId,
      url: row.url,
      user: row.user,
    }));
    expect(nodes).toEqual(expected);
    expect(expected.some((row) => row.name === null)).toBe(true);
    expect(Math.max(...costs)).toBeLessThanOrEqual(2);
  });

  it('computes the funnel from the whole action stream, matching the reference for a task', async () => {
    const range = lastDays(gw.sandbox, 14);
    // 0: a fully named task; 7: its export lacks the last action; 10: it has no action export.
    for (const index of [0, 7, 10]) {
      const task = catalog()[index];
      if (!task) throw new Error('no task');
      gw.sandbox.log.clear();
      const res = await gw.query<{ node: { funnel: unknown } }>(
        `query($id: ID!, $range: DateRange!) { node(id: $id) { ... on Task { funnel(range: $range) {
          sessions steps { actionIndex actionId name sessions dropOff } } } } }`,
        { id: node(task.taskId), range },
      );
      expect(res.errors).toEqual([]);
      const expected = referenceFunnel(task.taskId, range);
      expect(res.data?.node.funnel).toEqual(expected);
      expect(expected.sessions).toBeGreaterThan(0);
      // The stream walked once, with the vendor's largest pages.
      const calls = actionCalls();
      const events = actionRows(gw.sandbox, task.taskId, range).length;
      expect(calls).toHaveLength(Math.max(1, Math.ceil(events / 5000)));
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.map((call) => call.query.limit).filter((limit) => limit !== '5000')).toEqual([]);
    }
  });

  it('shows trailing steps nobody reached with 0 sessions', async () => {
    // Over a single day some task's last step is usually unreached; find one in the sandbox.
    const tasks = catalog();
    for (let ago = 0; ago < 10; ago++) {
      const range = lastDays(gw.sandbox, 1, ago);
      const task = tasks.find((t) => {
        const rows = actionRows(gw.sandbox, t.taskId, range);
        return rows.length > 0 && !rows.some((row) => row.actionIndex === t.actions.length - 1);
      });
      if (!task) continue;
      const res = await gw.query<{
        node: { funnel: { steps: { actionId: number | null; sessions: number }[] } };
      }>(
        `query($id: ID!, $range: DateRange!) { node(id: $id) { ... on Task { funnel(range: $range) {
          steps { actionId sessions } } } } }`,
        { id: node(task.taskId), range },
      );
      expect(res.errors).toEqual([]);
      const steps = res.data?.node.funnel.steps ?? [];
      expect(steps).toHaveLength(task.actions.length);
      expect(steps[steps.length - 1]).toEqual({ actionId: null, sessions: 0 });
      return;
    }
    throw new Error('no task with an unreached last step in the last 10 days');
  });

  it('refuses a range starting more than 31 days back, naming the limit, with no vendor call', async () => {
    const taskId = catalog()[0]?.taskId as number;
    const tooOld = lastDays(gw.sandbox, 33);
    const res = await gw.query(
      `query($id: ID!, $range: DateRange!) { node(id: $id) { ... on Task {
        actions(range: $range, first: 5) { edges { cursor } }
        funnel(range: $range) { sessions } } } }`,
      { id: node(taskId), range: tooOld },
    );
    expect(res.errors).toHaveLength(2);
    for (const error of res.errors) {
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/31 days/);
    }
    expect(res.errors.map((e) => e.path?.at(-1)).sort()).toEqual(['actions', 'funnel']);
    expect(userlaneCalls()).toBe(0);

    const oldest = lastDays(gw.sandbox, 32);
    const ok = await gw.query(
      `query($id: ID!, $range: DateRange!) { node(id: $id) { ... on Task { funnel(range: $range) { sessions } } } }`,
      { id: node(taskId), range: oldest },
    );
    expect(ok.errors).toEqual([]);
  });
});

describe('Task node', () => {
  it('refetches tasks by id with Portal names, null for a task the export lacks', async () => {
    const portal = portalExports(gw.sandbox);
    const named = catalog().find((t) => portal.hasTask(t.taskId));
    const unnamed = catalog().find((t) => !portal.hasTask(t.taskId));
    if (!named || !unnamed) throw new Error('the sandbox should name some tasks and not others');
    const res = await gw.query<{ nodes: unknown[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Task { taskId name starts } } }`,
      {
        ids: [
          encodeGlobalId('Task', String(named.taskId)),
          encodeGlobalId('Task', String(unnamed.taskId)),
        ],
      },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.nodes).toEqual([
      { taskId: named.taskId, name: named.name, starts: null },
      { taskId: unnamed.taskId, name: null, starts: null },
    ]);
    expect(userlaneCalls()).toBe(0);
  });

  it('answers null for a Task node id whose key is not an integer', async () => {
    const res = await gw.query<{ node: null }>(`query($id: ID!) { node(id: $id) { id } }`, {
      id: encodeGlobalId('Task', 'abc'),
    });
    expect(res.data?.node).toBeNull();
    expect(userlaneCalls()).toBe(0);
  });
});
