/** When an automation runs. */
export type AutomationScope = 'feedback.created' | 'feedback.updated' | 'time.scheduled' | 'manual';

export interface Automation {
  id: string;
  /** From the vendor when it says, else from the list call's filter; null on a bare get. */
  projectId: string | null;
  name: string;
  scope: string;
  enabled: boolean;
  /** Lower runs first. */
  priority: number | null;
  systemGenerated: boolean;
  /** Condition tree (`combinator` + `rules`), passed through. */
  conditions: Record<string, unknown> | null;
  actions: AutomationActionStep[];
  runStats: { matched7d: number; errored7d: number } | null;
  lastRunAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface AutomationActionStep {
  type: string;
  params: Record<string, unknown> | null;
}

export interface ActionOutcome {
  type: string;
  success: boolean;
  error: string | null;
}

export interface AutomationRun {
  id: string;
  automationId: string;
  /** `matched`: conditions passed, actions ran; `no-match`; `error`: an action failed. */
  outcome: string;
  runAt: string | null;
  feedbackId: string | null;
  actionsExecuted: ActionOutcome[];
  actor: { userId: string | null; name: string | null; system: boolean } | null;
}

/** The answer to running a macro. */
export interface RunResult {
  runId: string;
  /** As `AutomationRun.outcome`. */
  outcome: string;
  actionsExecuted: ActionOutcome[];
}
