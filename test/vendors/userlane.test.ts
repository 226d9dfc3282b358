import { describe, expect, it } from 'vitest';
import type { VendorError } from '../../src/transport/vendor-error.js';
import { UserlaneClient } from '../../src/vendors/userlane/client.js';
import { taskActionsRangeProblem } from '../../src/vendors/userlane/limits.js';
import { userlaneProfile } from '../../src/vendors/userlane/profile.js';
import { FakeHttp, queryString } from './fake-http.js';

const range = { from: '2026-05-01', to: '2026-05-10' };
const user = { id: '12345', applicationUserId: '1234' };

function setup(propertyId = 'app 1/x') {
  const http = new FakeHttp('userlane');
  return { http, client: new UserlaneClient(http, { propertyId }) };
}

describe('UserlaneClient requests', () => {
  it('escapes the property id and covers the whole last day on page endpoints', async () => {
    const { http, client } = setup();
    http.reply({ body: { start: '2026-05-01', end: '2026-05-10', heartData: [] } });
    await client.heart(range, 2, 500);
    expect(http.last.method).toBe('GET');
    expect(http.last.path).toEqual({
      path: '/properties/app%201%2Fx/heart',
      template: '/properties/{id}/heart',
    });
    expect(http.last.operation).toBe('heart.list');
    expect(http.last.query).toMatchObject({
      start: '2026-05-01T00:00:00Z',
      end: '2026-05-10T23:59:59Z',
      page: 2,
      limit: 500,
    });
  });

  it('sends survey scores as a repeated parameter and escapes the survey id', async () => {
    const { http, client } = setup('p1');
    http.reply({ body: { data: [] } });
    await client.surveyResponses(
      's/1',
      range,
      { type: 'custom', commentOnly: true, scores: [1, 2] },
      1,
      100,
    );
    expect(http.last.path).toEqual({
      path: '/properties/p1/surveys/s%2F1',
      template: '/properties/{id}/surveys/{id}',
    });
    expect(queryString(http.last)).toBe(
      'start=2026-05-01T00%3A00%3A00Z&end=2026-05-10T23%3A59%3A59Z&page=1&limit=100&type=custom&commentOnly=true&score=1&score=2',
    );
  });

  it('leaves the cursor out on the first page and passes it after', async () => {
    const { http, client } = setup('p1');
    http.reply({ body: { data: [], nextCursor: 'c2' } }, { body: { data: [], nextCursor: null } });
    expect((await client.tasks(range, null, 1000)).nextCursor).toBe('c2');
    expect(http.last.query).not.toHaveProperty('cursor', expect.anything());
    expect(http.last.query).toMatchObject({
      start: '2026-05-01T00:00:00Z',
      end: '2026-05-10T00:00:00Z',
    });
    expect((await client.taskActions(123, range, 'c2', 10)).nextCursor).toBeNull();
    expect(http.last.path).toEqual({
      path: '/properties/p1/tasks/123/actions',
      template: '/properties/{id}/tasks/{id}/actions',
    });
    expect(http.last.query).toMatchObject({ cursor: 'c2', limit: 10 });
  });

  it('passes the abort signal through', async () => {
    const { http, client } = setup('p1');
    const signal = new AbortController().signal;
    http.reply({ body: { data: [] } });
    await client.tags(range, 1, 10, { signal });
    expect(http.last.signal).toBe(signal);
  });

  it('refuses limits outside the vendor bounds before calling', async () => {
    const { http, client } = setup('p1');
    await expect(client.nps(range, 1, 5001)).rejects.toThrow(RangeError);
    await expect(client.nps(range, 0, 10)).rejects.toThrow(RangeError);
    await expect(client.tasks(range, null, 0)).rejects.toThrow(RangeError);
    expect(http.requests).toHaveLength(0);
    http.reply({ body: { data: [] } });
    await client.nps(range, 1, 0);
  });

  it('refuses a property id longer than 16 characters', () => {
    expect(() => setup('x'.repeat(17))).toThrow(/16/);
    expect(() => setup('')).toThrow(RangeError);
  });
});

describe('UserlaneClient mapping', () => {
  it('maps NPS answers with categories, null for empty comments and a stable id', async () => {
    const { http, client } = setup('p1');
    const answer = (score: number, comment: string) => ({
      timestamp: '2026-05-09T05:07:20Z',
      score,
      comment,
      user,
    });
    http.reply({
      body: { data: [answer(6, ''), answer(7, 'ok'), answer(8, 'x'), answer(9, 'y')] },
    });
    const records = await client.nps(range, 1, 100);
    expect(records.map((r) => r.category)).toEqual(['DETRACTOR', 'PASSIVE', 'PASSIVE', 'PROMOTER']);
    expect(records[0]).toEqual({
      source: 'USERLANE',
      id: '2026-05-09T05:07:20Z|6|12345',
      score: 6,
      category: 'DETRACTOR',
      comment: null,
      answeredAt: '2026-05-09T05:07:20.000Z',
      email: null,
      userlaneUserId: '12345',
      applicationUserId: '1234',
      companyId: null,
      campaignId: null,
      planhat: null,
      userloop: null,
    });
  });

  it('maps HEART days, tags and task actions', async () => {
    const { http, client } = setup('p1');
    http.reply(
      {
        body: {
          heartData: [
            {
              date: '2026-05-10',
              users: 5097,
              sessions: 513314,
              happiness: 46,
              engagement: 66,
              adoption: 59,
              retention: 71,
              taskSuccess: 13,
              heart: 51,
            },
            { date: '2026-05-09' },
          ],
        },
      },
      { body: { data: [{ date: '2026-05-01', tagId: 1, user, countInteractions: 4 }] } },
      {
        body: {
          data: [
            {
              taskId: 123,
              taskVersion: 3,
              taskActionsMaxIndex: 4,
              actionId: 528,
              actionIndex: 0,
              actionType: 'page_load',
              user,
              serverTime: '2026-06-10T07:39:37.167000',
              appSessionId: 's-1',
              url: 'https://test.com',
            },
          ],
          nextCursor: null,
        },
      },
    );
    const heart = await client.heart(range, 1, 10);
    expect(heart[0]?.taskSuccess).toBe(13);
    expect(heart[1]).toMatchObject({ date: '2026-05-09', heart: null, users: null });
    expect((await client.tags(range, 1, 10))[0]).toEqual({
      date: '2026-05-01',
      tagId: '1',
      user,
      countInteractions: 4,
    });
    const actions = await client.taskActions(123, range, null, 10);
    expect(actions.items[0]).toMatchObject({
      serverTime: '2026-06-10T07:39:37.167Z',
      url: 'https://test.com',
    });
  });

  it('answers bad_response for bodies of the wrong shape', async () => {
    const { http, client } = setup('p1');
    http.reply(
      { body: { data: [] } },
      { body: { data: [{ timestamp: '2026-05-09T05:07:20Z', score: '5', user }] } },
      { body: 'not json' },
      { body: { data: [], nextCursor: 5 } },
    );
    const kinds = await Promise.all([
      client.heart(range, 1, 1).catch((e: VendorError) => e.kind),
      client.nps(range, 1, 1).catch((e: VendorError) => e.kind),
      client.tags(range, 1, 1).catch((e: VendorError) => e.kind),
      client.tasks(range, null, 1).catch((e: VendorError) => e.kind),
    ]);
    expect(kinds).toEqual(['bad_response', 'bad_response', 'bad_response', 'bad_response']);
  });
});

describe('taskActionsRangeProblem', () => {
  const now = new Date('2026-06-15T18:30:00Z');

  it('accepts a start up to 31 calendar days back', () => {
    expect(taskActionsRangeProblem({ from: '2026-05-15', to: '2026-06-15' }, now)).toBeNull();
  });

  it('names the 31-day limit and the earliest date otherwise', () => {
    const problem = taskActionsRangeProblem({ from: '2026-05-14', to: '2026-06-01' }, now);
    expect(problem).toMatch(/31 days/);
    expect(problem).toMatch(/2026-05-15/);
  });
});

describe('userlaneProfile', () => {
  const profile = userlaneProfile({ token: 'tok-123' });

  it('sends the token as the whole Authorization value', () => {
    expect(profile.authHeaders()).toEqual({ Authorization: 'tok-123' });
    expect(profile.baseUrl).toBe('https://api.userlane.com/analytics/public');
  });

  it('reads JSON, text and validation bodies and never throws on garbage', () => {
    expect(profile.parseError(400, { message: 'bad date' })).toEqual({ message: 'bad date' });
    expect(profile.parseError(400, '{"message":"from text"}').message).toBe('from text');
    expect(profile.parseError(401, 'Unauthorized')).toEqual({ message: 'Unauthorized' });
    expect(
      profile.parseError(422, { detail: [{ msg: 'start invalid' }, { msg: 'end invalid' }] })
        .message,
    ).toBe('start invalid; end invalid');
    for (const garbage of [
      undefined,
      null,
      42,
      [],
      '<html>oops</html>',
      '{broken',
      Buffer.from('x'),
    ]) {
      expect(() => profile.parseError(500, garbage)).not.toThrow();
      expect(profile.parseError(500, garbage).code).toBeUndefined();
    }
  });
});
