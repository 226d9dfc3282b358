import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/identity/csv.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { buildWorld } from '../../src/sandbox/world.js';
import { call, NOW, start } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await start();
});
afterAll(() => sandbox.close());

const world = (seed: number) =>
  buildWorld({ seed, scale: 1, now: NOW, userheroRateLimitPerMinute: 100 });

describe('seeded population', () => {
  it('has 60 companies and 600 people with unique lower-case emails and Userlane ids', () => {
    const { people, companies } = sandbox.seed;
    expect(companies).toHaveLength(60);
    expect(people).toHaveLength(600);
    expect(new Set(people.map((p) => p.email)).size).toBe(600);
    expect(people.filter((p) => p.email !== p.email.toLowerCase()).map((p) => p.email)).toEqual([]);
    expect(new Set(people.map((p) => p.userlaneUserId)).size).toBe(600);
    expect(companies.filter((c) => !/^[0-9a-f]{24}$/.test(c.id)).map((c) => c.id)).toEqual([]);
  });

  it('is the same for the same seed and differs for another', async () => {
    const a = world(7);
    const b = world(7);
    const c = world(8);
    expect(a.seed.people.map((p) => p.email)).toEqual(b.seed.people.map((p) => p.email));
    expect(a.secrets).toEqual(b.secrets);
    expect(a.seed.planhat.store.all()).toEqual(b.seed.planhat.store.all());
    expect(a.seed.userloop.store.rows.map((r) => r.id)).toEqual(
      b.seed.userloop.store.rows.map((r) => r.id),
    );
    expect(a.seed.userlane.tags.rows(a.seed.userlane.tags.today - 3)).toEqual(
      b.seed.userlane.tags.rows(b.seed.userlane.tags.today - 3),
    );
    expect(a.seed.userlane.tasks.actions(a.seed.userlane.tasks.today - 2, 0)).toEqual(
      b.seed.userlane.tasks.actions(b.seed.userlane.tasks.today - 2, 0),
    );
    expect(c.seed.people.map((p) => p.email)).not.toEqual(a.seed.people.map((p) => p.email));
  });

  it('serves identical answers from two sandboxes with the same seed', async () => {
    const twin = await start();
    try {
      const query = { limit: 50, sort: '-npsDate' };
      const mine = await call(sandbox, 'planhat', '/nps', { query });
      const theirs = await call(twin, 'planhat', '/nps', { query });
      expect(theirs.json).toEqual(mine.json);
      expect(twin.env.PLANHAT_API_TOKEN).toBe(sandbox.env.PLANHAT_API_TOKEN);
    } finally {
      await twin.close();
    }
  });

  it('generates the scale-1 world quickly', () => {
    const started = performance.now();
    world(99);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('CSV files', () => {
  it('writes the user directory with nearly all Userlane users, properly quoted', () => {
    const rows = parseCsv(readFileSync(sandbox.env.USER_DIRECTORY!, 'utf8'));
    expect(rows[0]).toEqual([
      'userId',
      'applicationUserId',
      'email',
      'name',
      'role',
      'region',
      'department',
    ]);
    const listed = rows.slice(1);
    const users = sandbox.seed.userlane.users;
    expect(listed.length).toBeLessThan(users.length);
    expect(listed.length).toBeGreaterThan(users.length * 0.95);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((row) => row.length !== 7)).toEqual([]);
    const byId = new Map(sandbox.seed.people.map((p) => [p.userlaneUserId, p]));
    for (const [userId, appId, email, name] of listed) {
      const person = byId.get(userId!)!;
      expect(person.applicationUserId).toBe(appId);
      expect(email!.toLowerCase()).toBe(person.email);
      expect(name).toBe(person.name);
    }
  });

  it('writes Portal exports with ID and Name, leaving some ids out', () => {
    const dir = sandbox.env.USERLANE_LOOKUPS_DIR!;
    const { tags, tasks } = sandbox.seed.userlane.catalog;
    const tagRows = parseCsv(readFileSync(join(dir, 'tags.csv'), 'utf8'));
    expect(tagRows[0]).toEqual(['ID', 'Name', 'Date tagged']);
    expect(tagRows.length - 1).toBe(tags.length - 2);
    expect(tagRows.some((row) => row[1]!.includes('"'))).toBe(true);
    const taskRows = parseCsv(readFileSync(join(dir, 'tasks.csv'), 'utf8'));
    expect(taskRows[0]!.slice(0, 2)).toEqual(['ID', 'Name']);
    const listedTasks = new Set(taskRows.slice(1).map((row) => Number(row[0])));
    expect(tasks.filter((task) => !listedTasks.has(task.taskId))).toHaveLength(1);
    const task = tasks[0]!;
    const actionRows = parseCsv(readFileSync(join(dir, `task-${task.taskId}-actions.csv`), 'utf8'));
    expect(actionRows.slice(1).map((row) => Number(row[0]))).toEqual(
      task.actions.map((a) => a.actionId),
    );
  });
});
