import type { LoopSurvey } from './catalog.js';
import type { LoopResponse } from './seed.js';

/**
 * Read-only response rows, newest first, indexed by survey and question. A date window is a
 * contiguous slice of any index, found by binary search, so counting and paging stay cheap at
 * hundreds of thousands of rows.
 */
export class ResponseStore {
  /** Rows the API key may see: every survey but the ones off its allowlist. */
  readonly visible: readonly LoopResponse[];
  private readonly bySurvey = new Map<string, LoopResponse[]>();
  private readonly byQuestion = new Map<string, LoopResponse[]>();
  private byId: Map<string, LoopResponse> | undefined;

  constructor(
    readonly rows: readonly LoopResponse[],
    surveys: readonly LoopSurvey[],
  ) {
    for (const survey of surveys) {
      this.bySurvey.set(survey.id, []);
      for (const question of survey.questions) this.byQuestion.set(question.question_id, []);
    }
    for (const row of rows) {
      this.bySurvey.get(row.survey.id)?.push(row);
      this.byQuestion.get(row.question.question_id)?.push(row);
    }
    this.visible = rows.filter((row) => row.survey.allowed);
  }

  forSurvey(surveyId: string): readonly LoopResponse[] {
    return this.bySurvey.get(surveyId) ?? [];
  }

  forQuestion(questionId: string): readonly LoopResponse[] {
    return this.byQuestion.get(questionId) ?? [];
  }

  get(id: string): LoopResponse | undefined {
    // Built on first use: most runs never look a single response up.
    this.byId ??= new Map(this.rows.map((row) => [row.id, row]));
    return this.byId.get(id);
  }
}

/** Index bounds `[start, end)` of the rows created in `[fromMs, untilMs)` of a newest-first list. */
export function createdBetween(
  rows: readonly LoopResponse[],
  fromMs: number,
  untilMs: number,
): [start: number, end: number] {
  return [firstOlderThan(rows, untilMs), firstOlderThan(rows, fromMs)];
}

function firstOlderThan(rows: readonly LoopResponse[], ms: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.createdMs < ms) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
