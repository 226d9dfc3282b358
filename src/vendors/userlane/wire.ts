// Userlane Analytics bodies as the docs spell them (/work/shared/vendors/userlane-analytics.txt).
// Fields our guards check are required; the vendor may leave out the rest.

export interface WireUser {
  id: string;
  applicationUserId: string;
}

/** Page endpoints echo the window as calendar dates. */
interface WireWindow {
  start?: string;
  end?: string;
}

export interface WireHeartDay {
  date: string;
  users?: number;
  sessions?: number;
  happiness?: number | null;
  engagement?: number | null;
  adoption?: number | null;
  retention?: number | null;
  taskSuccess?: number | null;
  heart?: number | null;
}

export interface WireHeartPage extends WireWindow {
  heartData: WireHeartDay[];
}

/** NPS (score 0..10) and survey (score 1..5) answers share one shape. */
export interface WireScoredAnswer {
  timestamp: string;
  score: number;
  comment?: string | null;
  user: WireUser;
}

export interface WireAnswerPage {
  data: WireScoredAnswer[];
}

export interface WireTagDay {
  date: string;
  /** A string in the example, "numeric IDs" in the prose: either is accepted. */
  tagId: string | number;
  user: WireUser;
  countInteractions: number;
}

export interface WireTagPage extends WireWindow {
  data: WireTagDay[];
}

export interface WireTaskDay {
  date: string;
  taskId: number;
  user: WireUser;
  starts: number;
  completions: number;
  totalTimeToComplete?: number | null;
}

export interface WireTaskAction {
  taskId: number;
  taskVersion: number;
  taskActionsMaxIndex?: number | null;
  actionId: number;
  actionIndex: number;
  actionType: string;
  user: WireUser;
  /** No zone, e.g. `2026-06-10T07:39:37.167000`. */
  serverTime: string;
  appSessionId: string;
  url?: string | null;
}

/** Cursor endpoints: `nextCursor` is null on the last page (contract). */
export interface WireCursorPage<T> extends WireWindow {
  data: T[];
  nextCursor?: string | null;
}
