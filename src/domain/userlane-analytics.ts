/** A Userlane end user as the analytics APIs name them. */
export interface UserlaneUserRef {
  id: string;
  applicationUserId: string;
}

/** One day of HEART scores; letter scores are null on a day the vendor has none. */
export interface HeartScore {
  date: string;
  users: number | null;
  sessions: number | null;
  happiness: number | null;
  engagement: number | null;
  adoption: number | null;
  retention: number | null;
  taskSuccess: number | null;
  heart: number | null;
}

export interface TagInteraction {
  date: string;
  tagId: string;
  user: UserlaneUserRef;
  countInteractions: number;
}

export interface TaskActivity {
  date: string;
  taskId: number;
  user: UserlaneUserRef;
  starts: number;
  completions: number;
  totalTimeToComplete: number;
}

export interface TaskAction {
  taskId: number;
  taskVersion: number;
  taskActionsMaxIndex: number | null;
  actionId: number;
  actionIndex: number;
  actionType: string;
  user: UserlaneUserRef;
  /** ISO instant; the vendor sends it without a zone, meaning UTC. */
  serverTime: string;
  appSessionId: string;
  url: string | null;
}

/** One answer to a Userlane in-app survey (scores 1..5). */
export interface UserlaneSurveyResponse {
  /** Synthetic, like Userlane NPS ids (the vendor has none). */
  id: string;
  surveyId: string;
  score: number;
  comment: string | null;
  answeredAt: string;
  user: UserlaneUserRef;
}
