import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FUNNEL_MAX_STEPS,
  type FunnelEvent,
  FunnelTally,
  funnelOf,
} from '../../src/domain/funnel.js';

const tally = (events: readonly FunnelEvent[]) => {
  const funnel = new FunnelTally();
  for (const event of events) funnel.add(event);
  return funnel.result();
};

/** Action ids depend on version and step, as a task's versions define them. */
const actionIdOf = (version: number, index: number) => 1000 * version + index;

const eventArb = fc
  .record({
    session: fc.integer({ min: 0, max: 12 }),
    actionIndex: fc.integer({ min: 0, max: 8 }),
    taskVersion: fc.integer({ min: 1, max: 3 }),
    declared: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  })
  .map(({ session, actionIndex, taskVersion, declared }): FunnelEvent => ({
    appSessionId: `s-${session}`,
    actionIndex,
    actionId: actionIdOf(taskVersion, actionIndex),
    taskVersion,
    // One declared last index per version, as the vendor sends it on every event.
    taskActionsMaxIndex: declared === null ? null : taskVersion + 4,
  }));

describe('task funnel arithmetic', () => {
  it('counts a session at every step up to the furthest it logged, so sessions never grow and dropOff stays in 0..1', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 120 }), (events) => {
        const funnel = tally(events);
        const furthest = new Map<string, number>();
        for (const e of events) {
          furthest.set(e.appSessionId, Math.max(furthest.get(e.appSessionId) ?? -1, e.actionIndex));
        }
        expect(funnel.sessions).toBe(furthest.size);
        const declared = events
          .filter((e) => e.taskActionsMaxIndex !== null)
          .sort((a, b) => b.taskVersion - a.taskVersion)[0]?.taskActionsMaxIndex;
        const maxSeen = Math.max(-1, ...furthest.values());
        expect(funnel.steps.length).toBe(Math.max(declared ?? -1, maxSeen) + 1);
        funnel.steps.forEach((step, k) => {
          expect(step.actionIndex).toBe(k);
          const reached = [...furthest.values()].filter((index) => index >= k).length;
          expect(step.sessions).toBe(reached);
          const previous = funnel.steps[k - 1];
          if (previous) expect(step.sessions).toBeLessThanOrEqual(previous.sessions);
          const expectedDrop =
            !previous || previous.sessions === 0 ? 0 : 1 - step.sessions / previous.sessions;
          expect(step.dropOff).toBeCloseTo(expectedDrop, 12);
          expect(step.dropOff).toBeGreaterThanOrEqual(0);
          expect(step.dropOff).toBeLessThanOrEqual(1);
        });
        if (funnel.steps.length > 0 && furthest.size > 0) {
          expect(funnel.steps[0]?.sessions).toBe(funnel.sessions);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('names each step by the latest task version that logged it, whatever the event order', () => {
    fc.assert(
      fc.property(
        fc
          .array(eventArb, { maxLength: 80 })
          .chain((events) =>
            fc.tuple(
              fc.constant(events),
              fc.shuffledSubarray(events, { minLength: events.length }),
            ),
          ),
        ([events, shuffled]) => {
          const funnel = tally(events);
          expect(tally(shuffled)).toEqual(funnel);
          for (const step of funnel.steps) {
            const versions = events
              .filter((e) => e.actionIndex === step.actionIndex)
              .map((e) => e.taskVersion);
            const latest = versions.length ? Math.max(...versions) : null;
            expect(step.actionId).toBe(
              latest === null ? null : actionIdOf(latest, step.actionIndex),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches a hand-worked funnel, with a skipped step and a trailing step nobody reached', () => {
    const event = (session: string, actionIndex: number): FunnelEvent => ({
      appSessionId: session,
      actionIndex,
      actionId: 500 + actionIndex,
      taskVersion: 2,
      taskActionsMaxIndex: 3,
    });
    // a: 0,1,2 · b: 0 · c: 0,2 (step 1 never logged) · d: 0,1
    const funnel = tally([
      event('a', 0),
      event('b', 0),
      event('c', 0),
      event('a', 1),
      event('d', 0),
      event('d', 1),
      event('c', 2),
      event('a', 2),
    ]);
    expect(funnel).toEqual({
      sessions: 4,
      steps: [
        { actionIndex: 0, actionId: 500, sessions: 4, dropOff: 0 },
        { actionIndex: 1, actionId: 501, sessions: 3, dropOff: 0.25 },
        { actionIndex: 2, actionId: 502, sessions: 2, dropOff: 1 - 2 / 3 },
        { actionIndex: 3, actionId: null, sessions: 0, dropOff: 1 },
      ],
    });
  });

  it('has no steps without events or a declared shape, and ignores indices out of any task', () => {
    expect(tally([])).toEqual({ sessions: 0, steps: [] });
    const declaredOnly = funnelOf([], { declaredMaxIndex: 2, actionIdAt: () => null });
    expect(declaredOnly.steps.map((s) => [s.sessions, s.dropOff])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const odd = tally([
      {
        appSessionId: 'x',
        actionIndex: -1,
        actionId: 1,
        taskVersion: 1,
        taskActionsMaxIndex: null,
      },
      {
        appSessionId: 'y',
        actionIndex: FUNNEL_MAX_STEPS,
        actionId: 1,
        taskVersion: 1,
        taskActionsMaxIndex: null,
      },
    ]);
    expect(odd).toEqual({ sessions: 0, steps: [] });
  });
});
