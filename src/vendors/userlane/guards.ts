import { isInstant, isInteger, isNumber, isRecord, isString } from '../shape.js';
import type {
  WireHeartDay,
  WireScoredAnswer,
  WireTagDay,
  WireTaskAction,
  WireTaskDay,
  WireUser,
} from './wire.js';

function isUser(value: unknown): value is WireUser {
  return isRecord(value) && isString(value.id) && isString(value.applicationUserId);
}

export function isHeartDay(value: unknown): value is WireHeartDay {
  return isRecord(value) && isString(value.date);
}

export function isScoredAnswer(value: unknown): value is WireScoredAnswer {
  return (
    isRecord(value) &&
    isInstant(value.timestamp) &&
    isInteger(value.score) &&
    isUser(value.user) &&
    (value.comment === undefined || value.comment === null || isString(value.comment))
  );
}

export function isTagDay(value: unknown): value is WireTagDay {
  return (
    isRecord(value) &&
    isString(value.date) &&
    (isString(value.tagId) || isInteger(value.tagId)) &&
    isUser(value.user) &&
    isNumber(value.countInteractions)
  );
}

export function isTaskDay(value: unknown): value is WireTaskDay {
  return (
    isRecord(value) &&
    isString(value.date) &&
    isInteger(value.taskId) &&
    isUser(value.user) &&
    isNumber(value.starts) &&
    isNumber(value.completions)
  );
}

export function isTaskAction(value: unknown): value is WireTaskAction {
  return (
    isRecord(value) &&
    isInteger(value.taskId) &&
    isInteger(value.taskVersion) &&
    isInteger(value.actionId) &&
    isInteger(value.actionIndex) &&
    isString(value.actionType) &&
    isUser(value.user) &&
    isInstant(value.serverTime) &&
    isString(value.appSessionId)
  );
}
