import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { call, daysAgo, start } from './support.js';

let sandbox: Sandbox;
let property: string;
beforeAll(async () => {
  sandbox = await start();
  property = sandbox.env.USERLANE_PROPERTY_ID!;
});
afterAll(() => sandbox.close());

const get = (resource: string, query: Record<string, string | number | (string | number)[]>) =>
  call(sandbox, 'userlane', `/properties/${property}/${resource}`, { query });

/** Walks a cursor endpoint to its end. */
async function walk(resource: string, query: Record<string, string | number>) {
  const rows: Record<string, unknown>[] = [];
  const cursors: string[] = [];
  let cursor: string | undefined;
  for (let calls = 0; calls < 200; calls++) {
    const reply = await get(resource, cursor ? { ...query, cursor } : query);
    expect(reply.status).toBe(200);
    rows.push(...reply.json.data);
    if (reply.json.nextCursor === null) return { rows, cursors };
    cursor = reply.json.nextCursor;
    cursors.push(cursor!);
  }
  throw new Error('cursor walk did not end');
}

describe('Userlane auth and path', () => {
  it('refuses a wrong token and a Bearer-prefixed one with 401', async () => {
    const base = `/properties/${property}/heart`;
    const query = { start: daysAgo(5), end: daysAgo(0) };
    for (const authorization of ['nope', `Bearer ${sandbox.env.USERLANE_API_TOKEN}`]) {
      const reply = await call(sandbox, 'userlane', base, {
        auth: false,
        headers: { authorization },
        query,
      });
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual({ message: 'Missing or invalid API token.' });
    }
  });

  it('refuses a property id over 16 characters (422) and an unknown one (404)', async () => {
    const query = { start: daysAgo(5), end: daysAgo(0) };
    const long = await call(sandbox, 'userlane', '/properties/abcdefghijklmnopq/heart', { query });
    expect(long.status).toBe(422);
    expect((await call(sandbox, 'userlane', '/properties/other/heart', { query })).status).toBe(
      404,
    );
  });

  it('requires start and end as ISO date-times', async () => {
    expect((await get('nps', { end: daysAgo(0) })).status).toBe(422);
    expect((await get('nps', { start: '2026-05-01', end: daysAgo(0) })).status).toBe(422);
    const offset = await get('nps', { start: '2026-05-01T00:00:00+00:00', end: daysAgo(0) });
    expect(offset.status).toBe(200);
  });
});

describe('Userlane page endpoints', () => {
  it('HEART: one row per day, newest first, with no total and no next flag', async () => {
    const reply = await get('heart', { start: daysAgo(9), end: daysAgo(0) });
    expect(Object.keys(reply.json)).toEqual(['start', 'end', 'heartData']);
    const dates = reply.json.heartData.map((row: { date: string }) => row.date);
    expect(dates).toHaveLength(10);
    expect(dates[0]).toBe(daysAgo(0).slice(0, 10));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(Object.keys(reply.json.heartData[0])).toEqual([
      'date',
      'users',
      'sessions',
      'happiness',
      'engagement',
      'adoption',
      'retention',
      'taskSuccess',
      'heart',
    ]);
  });

  it('pages with page and limit; a short page is the last', async () => {
    const query = { start: daysAgo(99), end: daysAgo(0) };
    const all = (await get('heart', { ...query, limit: 5000 })).json.heartData;
    const second = (await get('heart', { ...query, limit: 30, page: 2 })).json.heartData;
    expect(second).toEqual(all.slice(30, 60));
    const last = (await get('heart', { ...query, limit: 30, page: 4 })).json.heartData;
    expect(last).toHaveLength(10);
    expect((await get('heart', { ...query, limit: 30, page: 5 })).json.heartData).toEqual([]);
  });

  it('refuses page 0 and a limit above 5000 with 422; limit 0 gives an empty page', async () => {
    const query = { start: daysAgo(9), end: daysAgo(0) };
    expect((await get('heart', { ...query, page: 0 })).status).toBe(422);
    expect((await get('heart', { ...query, limit: 5001 })).status).toBe(422);
    expect((await get('heart', { ...query, limit: 0 })).json.heartData).toEqual([]);
  });

  it('NPS: answers in the window, newest first, with user ids', async () => {
    const reply = await get('nps', {
      start: daysAgo(365),
      end: daysAgo(0, '23:59:59'),
      limit: 5000,
    });
    const { data } = reply.json;
    const expected = sandbox.seed.userlane.nps.filter(
      (r) => r.ms >= Date.parse(daysAgo(365)) && r.ms <= Date.parse(daysAgo(0, '23:59:59')),
    );
    expect(data).toHaveLength(expected.length);
    const stamps = data.map((row: { timestamp: string }) => row.timestamp);
    expect(stamps).toEqual([...stamps].sort().reverse());
    expect(data[0]).toEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      score: expect.any(Number),
      comment: expect.any(String),
      user: { id: expect.any(String), applicationUserId: expect.any(String) },
    });
  });

  it('Surveys: filters by score (repeated) and commentOnly; unknown survey is 404', async () => {
    const survey = sandbox.seed.userlane.catalog.surveys[0]!;
    const query = { start: daysAgo(729), end: daysAgo(0, '23:59:59'), limit: 5000 };
    const all = (await get(`surveys/${survey.id}`, query)).json.data;
    expect(all).toHaveLength(sandbox.seed.userlane.surveyResponses.get(survey.id)!.length);
    const low = (await get(`surveys/${survey.id}`, { ...query, score: [1, 2] })).json.data;
    expect(low.length).toBeGreaterThan(0);
    expect(low.filter((row: { score: number }) => row.score > 2)).toEqual([]);
    const commented = (await get(`surveys/${survey.id}`, { ...query, commentOnly: 'true' })).json
      .data;
    expect(commented.length).toBeLessThan(all.length);
    expect(commented.length).toBeGreaterThan(0);
    expect(commented.filter((row: { comment: string }) => row.comment === '')).toEqual([]);
    expect((await get(`surveys/${survey.id}`, { ...query, score: 6 })).status).toBe(422);
    expect((await get('surveys/1', query)).status).toBe(404);
    expect(sandbox.env.USERLANE_SURVEYS).toContain(`${survey.id}:${survey.title}`);
  });

  it('Tags: ordered by date, tag id, then user id, paged without gaps', async () => {
    const query = { start: daysAgo(6), end: daysAgo(0) };
    const all = (await get('tags', { ...query, limit: 5000 })).json.data;
    expect(all.length).toBeGreaterThan(100);
    const keys = all.map((row: { date: string; tagId: string; user: { id: string } }) =>
      [row.date, row.tagId, row.user.id].join('|'),
    );
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    const pages: unknown[] = [];
    for (let page = 1; ; page++) {
      const data = (await get('tags', { ...query, limit: 37, page })).json.data;
      pages.push(...data);
      if (data.length < 37) break;
    }
    expect(pages).toEqual(all);
  });
});

describe('Userlane cursor endpoints', () => {
  it('Tasks: walks nextCursor to null, whole days inclusive, time of day ignored', async () => {
    const { rows, cursors } = await walk('tasks', {
      start: daysAgo(20, '18:30:00'),
      end: daysAgo(10, '01:00:00'),
      limit: 25,
    });
    expect(cursors.length).toBeGreaterThan(1);
    const dates = rows.map((row) => row.date as string);
    expect(dates[0]).toBe(daysAgo(20).slice(0, 10));
    expect(dates.at(-1)).toBe(daysAgo(10).slice(0, 10));
    const { rows: whole } = await walk('tasks', {
      start: daysAgo(20),
      end: daysAgo(10),
      limit: 5000,
    });
    expect(rows).toEqual(whole);
    expect(rows[0]).toEqual({
      date: expect.any(String),
      taskId: expect.any(Number),
      user: { id: expect.any(String), applicationUserId: expect.any(String) },
      starts: expect.any(Number),
      completions: expect.any(Number),
      totalTimeToComplete: expect.any(Number),
    });
  });

  it('refuses an invalid cursor, or one from another query, with 422', async () => {
    const query = { start: daysAgo(20), end: daysAgo(10), limit: 5 };
    const first = await get('tasks', query);
    expect((await get('tasks', { ...query, cursor: 'garbage' })).status).toBe(422);
    const moved = await get('tasks', {
      ...query,
      start: daysAgo(19),
      cursor: first.json.nextCursor,
    });
    expect(moved.status).toBe(422);
    expect((await get('tasks', { ...query, limit: 0 })).status).toBe(422);
  });

  it('Task actions: refuses a start more than 31 days back', async () => {
    const task = sandbox.seed.userlane.catalog.tasks[0]!;
    const old = await get(`tasks/${task.taskId}/actions`, { start: daysAgo(32), end: daysAgo(0) });
    expect(old.status).toBe(422);
    const ok = await get(`tasks/${task.taskId}/actions`, { start: daysAgo(31), end: daysAgo(0) });
    expect(ok.status).toBe(200);
  });

  it('Task actions: sessions walk the steps in order and drop off like a funnel', async () => {
    const task = sandbox.seed.userlane.catalog.tasks[0]!;
    const { rows } = await walk(`tasks/${task.taskId}/actions`, {
      start: daysAgo(30),
      end: daysAgo(0),
      limit: 100,
    });
    expect(rows.length).toBeGreaterThan(50);
    expect(rows[0]).toMatchObject({
      taskId: task.taskId,
      taskVersion: task.taskVersion,
      taskActionsMaxIndex: task.actions.length - 1,
      serverTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
      appSessionId: expect.stringMatching(
        /^[0-9a-f]{6}-[0-9a-f]{5}-[0-9a-f]{5}-[0-9a-f]{5}-[0-9a-f]{6}$/,
      ),
    });
    const times = rows.map((row) => row.serverTime as string);
    expect(times).toEqual([...times].sort());
    const steps = new Map<string, number[]>();
    for (const row of rows) {
      const list = steps.get(row.appSessionId as string) ?? [];
      list.push(row.actionIndex as number);
      steps.set(row.appSessionId as string, list);
    }
    for (const indexes of steps.values()) expect(indexes).toEqual(indexes.map((_, i) => i));
    const reached = (index: number) => [...steps.values()].filter((s) => s.length > index).length;
    expect(reached(0)).toBe(steps.size);
    expect(reached(task.actions.length - 1)).toBeLessThan(reached(0));
  });

  it('Task actions and the aggregate agree on starts and completions', async () => {
    const task = sandbox.seed.userlane.catalog.tasks[1]!;
    const window = { start: daysAgo(7), end: daysAgo(1), limit: 5000 };
    const { rows: actions } = await walk(`tasks/${task.taskId}/actions`, window);
    const { rows: activity } = await walk('tasks', window);
    const mine = activity.filter((row) => row.taskId === task.taskId);
    const starts = mine.reduce((sum, row) => sum + (row.starts as number), 0);
    const completions = mine.reduce((sum, row) => sum + (row.completions as number), 0);
    expect(actions.filter((row) => row.actionIndex === 0)).toHaveLength(starts);
    expect(actions.filter((row) => row.actionIndex === task.actions.length - 1)).toHaveLength(
      completions,
    );
  });
});
