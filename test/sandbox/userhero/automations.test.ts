import { describe, expect, it } from 'vitest';
import { call, errorCode, makeApp } from './helpers.js';

function setup() {
  const app = makeApp();
  const ws = app.workspaceId;
  const web = [...app.data.projects.values()].find(
    (p) => p.workspaceId === ws && p.slaRules.length > 0,
  )!;
  const automations = [...app.data.automations.values()].filter((a) => a.projectId === web.id);
  const feedback = [...app.data.feedback.values()].filter((f) => f.projectId === web.id);
  return { app, ws, web, automations, feedback };
}

async function walk(app: ReturnType<typeof makeApp>, query: Record<string, string | number>) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await call(app, 'GET', '/automations', {
      query: cursor ? { ...query, cursor } : query,
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['automations', 'nextCursor']);
    ids.push(...res.body.automations.map((a: { id: string }) => a.id));
    cursor = res.body.nextCursor;
    if (cursor) expect(cursor).toBe(ids.at(-1));
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

describe('GET /automations', () => {
  it('requires projectId, and validates scope, enabled, includeSystem and limit', async () => {
    const { app, web } = setup();
    expect((await call(app, 'GET', '/automations')).status).toBe(400);
    const invalid: Record<string, string | number>[] = [
      { scope: 'weekly' },
      { enabled: 'yes' },
      { includeSystem: '1' },
      { limit: 101 },
      { limit: 0 },
    ];
    for (const extra of invalid) {
      const res = await call(app, 'GET', '/automations', {
        query: { projectId: web.id, ...extra },
      });
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
    expect(
      (await call(app, 'GET', '/automations', { query: { projectId: 'proj_nope' } })).status,
    ).toBe(404);
  });

  it('walks every non-system automation once by following nextCursor', async () => {
    const { app, web, automations } = setup();
    const expected = automations
      .filter((a) => !a.systemGenerated)
      .map((a) => a.id)
      .sort();
    const { ids, pages } = await walk(app, { projectId: web.id, limit: 4 });
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 4));
  });

  it('defaults to 50 per page and null nextCursor on the last page', async () => {
    const { app, web } = setup();
    const res = await call(app, 'GET', '/automations', { query: { projectId: web.id } });
    expect(res.body.automations.length).toBeLessThanOrEqual(50);
    expect(res.body.nextCursor).toBeNull();
  });

  it('includes SLA automations only with includeSystem=true, and filters by scope and enabled', async () => {
    const { app, web, automations } = setup();
    const all = await walk(app, { projectId: web.id, includeSystem: 'true', limit: 100 });
    expect(all.ids).toHaveLength(automations.length);
    expect(automations.some((a) => a.systemGenerated)).toBe(true);
    const macros = await walk(app, { projectId: web.id, scope: 'manual', enabled: 'true' });
    const expected = automations.filter(
      (a) => a.scope === 'manual' && a.enabled && !a.systemGenerated,
    );
    expect(macros.ids.sort()).toEqual(expected.map((a) => a.id).sort());
    expect(expected.length).toBeGreaterThanOrEqual(2);
  });

  it('renders the documented fields with runStats from the last 7 days', async () => {
    const { app, automations } = setup();
    const a = automations[0]!;
    const res = await call(app, 'GET', `/automations/${a.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: a.id,
      name: a.name,
      scope: a.scope,
      enabled: a.enabled,
      priority: a.priority,
      systemGenerated: a.systemGenerated,
      conditions: { combinator: expect.any(String), rules: expect.any(Array) },
      actions: expect.any(Array),
      runStats: { matched7d: expect.any(Number), errored7d: expect.any(Number) },
    });
    expect((await call(app, 'GET', '/automations/nope')).status).toBe(404);
  });
});

describe('macros', () => {
  it('runs a manual automation, applies its actions and records the run', async () => {
    const { app, automations, feedback } = setup();
    const macro = automations.find((a) => a.name === 'Close as resolved')!;
    const item = feedback.find((f) => f.status !== 'resolved')!;
    const res = await call(app, 'POST', `/automations/${macro.id}/run`, {
      json: { feedbackId: item.id },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      runId: expect.stringMatching(/^run_/),
      outcome: 'matched',
      actionsExecuted: [
        { type: 'set_status', success: true },
        { type: 'add_tag', success: true },
      ],
    });
    expect(app.data.feedback.get(item.id)).toMatchObject({
      status: 'resolved',
      tags: expect.arrayContaining(['macro-resolved']),
    });
    const runs = await call(app, 'GET', `/automations/${macro.id}/runs`);
    expect(runs.body.runs[0]).toMatchObject({
      id: res.body.runId,
      outcome: 'matched',
      feedbackId: item.id,
      actor: { userId: expect.any(String), name: 'Alex Morgan', system: false },
    });
  });

  it('reports outcome error when an action fails, and no-match when conditions fail', async () => {
    const { app, automations, feedback } = setup();
    const handover = automations.find((a) => a.name.startsWith('Hand over'))!;
    const res = await call(app, 'POST', `/automations/${handover.id}/run`, {
      json: { feedbackId: feedback[0]!.id },
    });
    expect(res.body.outcome).toBe('error');
    expect(res.body.actionsExecuted[1]).toMatchObject({
      type: 'assign_agent',
      success: false,
      error: expect.any(String),
    });
    handover.conditions = {
      combinator: 'and',
      rules: [{ field: 'category', operator: 'equals', value: 'nope' }],
    };
    const none = await call(app, 'POST', `/automations/${handover.id}/run`, {
      json: { feedbackId: feedback[0]!.id },
    });
    expect(none.body).toMatchObject({ outcome: 'no-match', actionsExecuted: [] });
  });

  it('answers 400 bad_request for an automation that is not manual', async () => {
    const { app, automations, feedback } = setup();
    const rule = automations.find((a) => a.scope !== 'manual')!;
    const res = await call(app, 'POST', `/automations/${rule.id}/run`, {
      json: { feedbackId: feedback[0]!.id },
    });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('bad_request');
  });

  it('needs a feedbackId of the same project', async () => {
    const { app, automations, web } = setup();
    const macro = automations.find((a) => a.name === 'Close as resolved')!;
    const path = `/automations/${macro.id}/run`;
    expect((await call(app, 'POST', path, { json: {} })).status).toBe(400);
    expect((await call(app, 'POST', path, { json: { feedbackId: 'fb_nope' } })).status).toBe(404);
    const elsewhere = [...app.data.feedback.values()].find(
      (f) => f.workspaceId === web.workspaceId && f.projectId !== web.id,
    )!;
    expect((await call(app, 'POST', path, { json: { feedbackId: elsewhere.id } })).status).toBe(
      400,
    );
  });

  it('lists at most the last 50 runs, newest first', async () => {
    const { app, automations, feedback } = setup();
    const macro = automations.find((a) => a.name === 'Close as resolved')!;
    for (let i = 0; i < 55; i++) {
      await call(app, 'POST', `/automations/${macro.id}/run`, {
        json: { feedbackId: feedback[i]!.id },
      });
    }
    const res = await call(app, 'GET', `/automations/${macro.id}/runs`);
    expect(res.body.runs).toHaveLength(50);
    expect(res.body.runs[0].feedbackId).toBe(feedback[54]!.id);
    const times = res.body.runs.map((r: { runAt: string }) => r.runAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});
