import { describe, expect, it } from 'vitest';
import { validateCustomFields } from '../../../src/sandbox/userhero/custom-fields.js';
import { createUserHeroApp, SEED_VOLUMES } from '../../../src/sandbox/userhero/index.js';
import { isObject } from '../../../src/sandbox/userhero/validate.js';
import { API_KEY, makeApp, NOW, testContext } from './helpers.js';

const app = makeApp();
const ws = app.workspaceId;
const feedback = [...app.data.feedback.values()].filter((f) => f.workspaceId === ws);
const customers = [...app.data.customers.values()].filter((c) => c.workspaceId === ws);

describe('seed data', () => {
  it('is the same for the same context', () => {
    const again = makeApp();
    expect(again.workspaceId).toBe(ws);
    expect([...again.data.feedback.keys()]).toEqual([...app.data.feedback.keys()]);
    expect([...again.data.automations.keys()]).toEqual([...app.data.automations.keys()]);
  });

  it('has the documented volumes at scale 1 and multiplies them by scale', () => {
    expect(feedback).toHaveLength(SEED_VOLUMES.mainFeedback);
    expect(customers).toHaveLength(SEED_VOLUMES.mainCustomers);
    const projects = [...app.data.projects.values()].filter((p) => p.workspaceId === ws);
    const mainAutomations = [...app.data.automations.values()].filter((a) =>
      projects.some((p) => p.id === a.projectId && !a.systemGenerated),
    );
    expect(mainAutomations).toHaveLength(4 * SEED_VOLUMES.automationsPerMainProject);
    const double = createUserHeroApp(testContext({ scale: 2 }), {
      apiKey: API_KEY,
      rateLimitPerMinute: 1,
    });
    const doubled = [...double.data.feedback.values()].filter(
      (f) => f.workspaceId === double.workspaceId,
    );
    expect(doubled).toHaveLength(2 * SEED_VOLUMES.mainFeedback);
  });

  it('numbers tickets 1..N per workspace in creation order, all before now', () => {
    expect(feedback.map((f) => f.ticketNumber)).toEqual(feedback.map((_, i) => i + 1));
    const dates = feedback.map((f) => f.createdAt);
    expect(dates).toEqual([...dates].sort());
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.filter((d) => d >= NOW.toISOString())).toEqual([]);
  });

  it('covers every status, category and priority', () => {
    const statuses = new Set(feedback.map((f) => f.status));
    for (const s of ['new', 'in-progress', 'reopened', 'resolved', 'archived', 'planned']) {
      expect(statuses).toContain(s);
    }
    expect(new Set(feedback.map((f) => f.category))).toEqual(
      new Set(['bug', 'feature', 'question', 'praise', null]),
    );
    expect(new Set(feedback.map((f) => f.priority))).toEqual(
      new Set(['low', 'medium', 'high', 'urgent', null]),
    );
  });

  it('gives about 80% of items the email of a seeded person, some in another letter case', () => {
    const people = new Set(testContext().people.map((p) => p.email));
    const customerEmails = new Set(customers.flatMap((c) => c.emails));
    const fromPeople = feedback.filter(
      (f) =>
        f.userEmail &&
        (people.has(f.userEmail.toLowerCase()) || customerEmails.has(f.userEmail.toLowerCase())),
    );
    expect(fromPeople.length / feedback.length).toBeGreaterThan(0.72);
    expect(fromPeople.length / feedback.length).toBeLessThan(0.88);
    expect(fromPeople.some((f) => f.userEmail !== f.userEmail!.toLowerCase())).toBe(true);
    expect(feedback.some((f) => f.userEmail === null)).toBe(true);
  });

  it('keeps customer feedbackCount equal to the feedback linked by email', () => {
    for (const c of customers) {
      const linked = feedback.filter((f) => f.customerId === c.id);
      expect(c.feedbackCount).toBe(linked.length);
      for (const f of linked) expect(c.emails).toContain(f.userEmail!.toLowerCase());
    }
    expect(customers.some((c) => c.emails.length > 1)).toBe(true);
    expect(customers.length).toBeGreaterThan(0);
    expect(customers.filter((c) => !c.company).map((c) => c.id)).toEqual([]);
  });

  it('only seeds custom field values that the project itself accepts', () => {
    let checked = 0;
    for (const f of feedback) {
      const fields = f.customMetadata?.customFields;
      if (!isObject(fields)) continue;
      validateCustomFields(app.data.projects.get(f.projectId)!, fields);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('disables customer comments on some items and seeds threads and notes on others', () => {
    expect(feedback.some((f) => !f.customerCommentsEnabled)).toBe(true);
    expect(app.data.comments.size).toBeGreaterThan(200);
    expect(app.data.notes.size).toBeGreaterThan(100);
  });

  it('has manual macros and system SLA automations with run histories', () => {
    const all = [...app.data.automations.values()];
    expect(all.filter((a) => a.scope === 'manual').length).toBeGreaterThanOrEqual(8);
    expect(all.filter((a) => a.systemGenerated)).toHaveLength(4);
    expect([...app.data.runs.values()].flat().length).toBeGreaterThan(100);
  });
});
