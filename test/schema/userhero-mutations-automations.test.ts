import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Automation as StoredAutomation } from '../../src/sandbox/userhero/model.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { globalId, mainWorkspace, seedFeedback } from './userhero-fixtures.js';
import { data, expectRefused, received } from './userhero-mutations-fixtures.js';

// runAutomation: a macro run reaches UserHero as documented, its result comes back with the fresh
// feedback item, and UserHero's refusal of a non-macro comes back as BAD_USER_INPUT.

let gw: TestGateway;
let ws: string;
beforeAll(async () => {
  gw = await startTestGateway();
  ws = mainWorkspace(gw);
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.log.clear());

const RUN = `mutation($id: ID!, $feedbackId: ID!, $key: String) {
  runAutomation(id: $id, feedbackId: $feedbackId, idempotencyKey: $key) {
    runId outcome actionsExecuted { type success error }
    feedback { id status statusCategory tags }
    automation { id name scope }
    run { id runId outcome feedbackId }
  }
}`;

interface RunOut {
  runAutomation: {
    runId: string;
    outcome: string;
    actionsExecuted: { type: string; success: boolean; error: string | null }[];
    feedback: { id: string; status: string; statusCategory: string; tags: string[] };
    automation: { id: string; name: string; scope: string };
    run: { id: string; runId: string; outcome: string; feedbackId: string };
  };
}

function automation(keep: (a: StoredAutomation) => boolean): StoredAutomation {
  const projects = new Set(
    [...data(gw).projects.values()].filter((p) => p.workspaceId === ws).map((p) => p.id),
  );
  const found = [...data(gw).automations.values()].find(
    (a) => projects.has(a.projectId) && keep(a),
  );
  if (!found) throw new Error('no such automation in the seed');
  return found;
}
const automationId = (a: StoredAutomation) => globalId('Automation', ws, a.projectId, a.id);
const openItem = (projectId: string, skip = 0) =>
  seedFeedback(gw, (f) => f.projectId === projectId && f.status === 'new')[skip]!;

describe('runAutomation', () => {
  it('runs a macro and answers its result with the feedback as it is now', async () => {
    const macro = automation((a) => a.scope === 'manual' && a.name === 'Close as resolved');
    const item = openItem(macro.projectId);
    const feedbackId = globalId('Feedback', ws, item.id);
    const result = await gw.query<RunOut>(RUN, { id: automationId(macro), feedbackId });
    expect(result.errors, result.body).toEqual([]);

    const [post] = received(gw, 'POST');
    expect(post?.path).toBe(`/automations/${macro.id}/run`);
    expect(post?.body).toEqual({ feedbackId: item.id });
    expect(post?.headers['idempotency-key']).toBeUndefined();

    const stored = data(gw).runs.get(macro.id)!.at(-1)!;
    const out = result.data!.runAutomation;
    expect(out).toMatchObject({
      runId: stored.id,
      outcome: 'matched',
      actionsExecuted: stored.actionsExecuted.map((a) => ({ error: null, ...a })),
      feedback: { id: feedbackId, status: 'resolved', statusCategory: 'RESOLVED' },
      automation: { id: automationId(macro), name: 'Close as resolved', scope: 'manual' },
      run: { runId: stored.id, outcome: 'matched', feedbackId: item.id },
    });
    expect(out.feedback.tags).toContain('macro-resolved');
  });

  it('replays a run with the same key instead of running twice', async () => {
    const macro = automation((a) => a.scope === 'manual' && a.name === 'Close as resolved');
    const item = openItem(macro.projectId, 1);
    const vars = {
      id: automationId(macro),
      feedbackId: globalId('Feedback', ws, item.id),
      key: 'run-1',
    };
    const runsBefore = data(gw).runs.get(macro.id)!.length;
    const first = await gw.query<RunOut>(RUN, vars);
    const second = await gw.query<RunOut>(RUN, vars);
    expect(first.errors, first.body).toEqual([]);
    expect(second.data?.runAutomation.runId).toBe(first.data?.runAutomation.runId);
    expect(data(gw).runs.get(macro.id)!.length).toBe(runsBefore + 1);
  });

  it("passes on UserHero's refusal to run an automation that is not a macro", async () => {
    const rule = automation((a) => a.scope !== 'manual');
    const item = openItem(rule.projectId);
    const result = await gw.query(RUN, {
      id: automationId(rule),
      feedbackId: globalId('Feedback', ws, item.id),
    });
    const error = expectRefused(gw, result, 'BAD_USER_INPUT', 'Only manual automations');
    expect(error.extensions).toMatchObject({ vendor: 'USERHERO', status: 400 });
    expect(received(gw, 'POST')).toHaveLength(1);
  });

  it('refuses ids of the wrong type or of different workspaces before any call', async () => {
    const macro = automation((a) => a.scope === 'manual');
    const feedbackId = globalId('Feedback', ws, openItem(macro.projectId).id);
    const asFeedback = await gw.query(RUN, { id: feedbackId, feedbackId });
    expectRefused(gw, asFeedback, 'BAD_USER_INPUT', 'id', 'Automation id');
    const raw = await gw.query(RUN, { id: macro.id, feedbackId });
    expectRefused(gw, raw, 'BAD_USER_INPUT', 'Automation id');
    const elsewhere = await gw.query(RUN, {
      id: automationId(macro),
      feedbackId: globalId('Feedback', 'ws_elsewhere', 'fb_1'),
    });
    expectRefused(gw, elsewhere, 'BAD_USER_INPUT', 'feedbackId', 'another workspace');
  });
});
