import { type NpsRecord, npsCategory, userlaneNpsId } from '../../domain/nps.js';
import { commentOrNull } from '../../domain/text.js';
import { toInstant } from '../../domain/time.js';
import type {
  HeartScore,
  TagInteraction,
  TaskAction,
  TaskActivity,
  UserlaneSurveyResponse,
  UserlaneUserRef,
} from '../../domain/userlane-analytics.js';
import type {
  WireHeartDay,
  WireScoredAnswer,
  WireTagDay,
  WireTaskAction,
  WireTaskDay,
  WireUser,
} from './wire.js';

function user(wire: WireUser): UserlaneUserRef {
  return { id: wire.id, applicationUserId: wire.applicationUserId };
}

export function mapHeartDay(wire: WireHeartDay): HeartScore {
  return {
    date: wire.date,
    users: wire.users ?? null,
    sessions: wire.sessions ?? null,
    happiness: wire.happiness ?? null,
    engagement: wire.engagement ?? null,
    adoption: wire.adoption ?? null,
    retention: wire.retention ?? null,
    taskSuccess: wire.taskSuccess ?? null,
    heart: wire.heart ?? null,
  };
}

/** Userlane NPS answers name no person by email: the user directory resolves them later. */
export function mapNps(wire: WireScoredAnswer): NpsRecord {
  return {
    source: 'USERLANE',
    id: userlaneNpsId(wire.timestamp, wire.user.id, wire.score),
    score: wire.score,
    category: npsCategory(wire.score),
    comment: commentOrNull(wire.comment),
    answeredAt: toInstant(wire.timestamp)!,
    email: null,
    userlaneUserId: wire.user.id,
    applicationUserId: wire.user.applicationUserId,
    companyId: null,
    campaignId: null,
    planhat: null,
    userloop: null,
  };
}

export function mapSurveyResponse(
  surveyId: string,
  wire: WireScoredAnswer,
): UserlaneSurveyResponse {
  return {
    id: userlaneNpsId(wire.timestamp, wire.user.id, wire.score),
    surveyId,
    score: wire.score,
    comment: commentOrNull(wire.comment),
    answeredAt: toInstant(wire.timestamp)!,
    user: user(wire.user),
  };
}

export function mapTagDay(wire: WireTagDay): TagInteraction {
  return {
    date: wire.date,
    tagId: String(wire.tagId),
    user: user(wire.user),
    countInteractions: wire.countInteractions,
  };
}

export function mapTaskDay(wire: WireTaskDay): TaskActivity {
  return {
    date: wire.date,
    taskId: wire.taskId,
    user: user(wire.user),
    starts: wire.starts,
    completions: wire.completions,
    totalTimeToComplete: wire.totalTimeToComplete ?? 0,
  };
}

export function mapTaskAction(wire: WireTaskAction): TaskAction {
  return {
    taskId: wire.taskId,
    taskVersion: wire.taskVersion,
    taskActionsMaxIndex: wire.taskActionsMaxIndex ?? null,
    actionId: wire.actionId,
    actionIndex: wire.actionIndex,
    actionType: wire.actionType,
    user: user(wire.user),
    // Contract: the zone-less serverTime is UTC (toInstant reads it so).
    serverTime: toInstant(wire.serverTime)!,
    appSessionId: wire.appSessionId,
    url: wire.url ?? null,
  };
}
