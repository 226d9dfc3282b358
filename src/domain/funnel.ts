// A task's step funnel from its raw action stream (Userlane task actions).
//
// Definition: a session (appSessionId) reached step k when it logged an action at step k or at
// any later step. Task steps are sequential, so a session that logged step 3 but not step 2
// passed step 2 without the event reaching the stream (a lost event, a step the task version
// skipped); counting it at step 2 keeps the funnel monotonic: sessions never grow from one step
// to the next, and dropOff always lies in [0, 1].

/** The fields of one task action the funnel reads. */
export interface FunnelEvent {
  appSessionId: string;
  actionIndex: number;
  actionId: number;
  taskVersion: number;
  taskActionsMaxIndex: number | null;
}

export interface FunnelStep {
  actionIndex: number;
  /** The action logged at this step by the latest task version that logged it; null when no
   * session in the range reached the step (a trailing step nobody got to). */
  actionId: number | null;
  sessions: number;
  /** Share of the previous step's sessions that did not reach this one; 0 for the first step
   * and after a step no session reached. */
  dropOff: number;
}

export interface Funnel {
  /** Distinct sessions with any action in the range. */
  sessions: number;
  steps: FunnelStep[];
}

/** Indices beyond this are out of any real task's shape and are ignored (they would only let a
 * malformed vendor record allocate a huge step list). */
export const FUNNEL_MAX_STEPS = 1000;

/**
 * Accumulates a funnel over an action stream of any length: memory grows with the number of
 * sessions and steps, never with the number of actions.
 */
export class FunnelTally {
  readonly #furthest = new Map<string, number>();
  readonly #actionIds = new Map<number, { version: number; actionId: number }>();
  #declared: { version: number; maxIndex: number } | null = null;

  add(event: FunnelEvent): void {
    const { appSessionId, actionIndex, actionId, taskVersion, taskActionsMaxIndex } = event;
    if (!Number.isSafeInteger(actionIndex) || actionIndex < 0 || actionIndex >= FUNNEL_MAX_STEPS) {
      return;
    }
    const furthest = this.#furthest.get(appSessionId);
    if (furthest === undefined || actionIndex > furthest) {
      this.#furthest.set(appSessionId, actionIndex);
    }
    const known = this.#actionIds.get(actionIndex);
    // Versions may renumber a task's actions: the latest version's action names the step.
    if (known === undefined || taskVersion >= known.version) {
      this.#actionIds.set(actionIndex, { version: taskVersion, actionId });
    }
    if (
      taskActionsMaxIndex !== null &&
      Number.isSafeInteger(taskActionsMaxIndex) &&
      taskActionsMaxIndex >= 0 &&
      (this.#declared === null || taskVersion >= this.#declared.version)
    ) {
      this.#declared = {
        version: taskVersion,
        maxIndex: Math.min(taskActionsMaxIndex, FUNNEL_MAX_STEPS - 1),
      };
    }
  }

  result(): Funnel {
    return funnelOf(this.#furthest.values(), {
      declaredMaxIndex: this.#declared?.maxIndex ?? null,
      actionIdAt: (index) => this.#actionIds.get(index)?.actionId ?? null,
    });
  }
}

/**
 * The funnel arithmetic: `furthest` holds each session's highest logged step index. Steps run
 * from 0 through the larger of the declared last index and the highest one reached.
 */
export function funnelOf(
  furthest: Iterable<number>,
  shape: { declaredMaxIndex: number | null; actionIdAt: (index: number) => number | null },
): Funnel {
  const endedAt: number[] = [];
  let sessions = 0;
  for (const index of furthest) {
    endedAt[index] = (endedAt[index] ?? 0) + 1;
    sessions += 1;
  }
  const stepCount = Math.max(shape.declaredMaxIndex ?? -1, endedAt.length - 1) + 1;
  const reached: number[] = new Array(stepCount).fill(0);
  let running = 0;
  for (let k = stepCount - 1; k >= 0; k--) {
    running += endedAt[k] ?? 0;
    reached[k] = running;
  }
  return {
    sessions,
    steps: reached.map((count, k) => {
      const previous = k === 0 ? 0 : (reached[k - 1] as number);
      return {
        actionIndex: k,
        actionId: shape.actionIdAt(k),
        sessions: count,
        dropOff: previous === 0 ? 0 : 1 - count / previous,
      };
    }),
  };
}
