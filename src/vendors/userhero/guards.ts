import { isInteger, isNumber, isRecord, isString } from '../shape.js';
import type {
  WireAttachment,
  WireAutomation,
  WireAutomationRun,
  WireComment,
  WireCustomer,
  WireFeedback,
  WireMergeResult,
  WireNote,
  WireProject,
  WireRunResult,
  WireUploadedMedia,
  WireWebhook,
  WireWidget,
  WireWorkspace,
} from './wire.js';

function hasStrings(value: unknown, ...keys: string[]): value is Record<string, unknown> {
  return isRecord(value) && keys.every((key) => isString(value[key]));
}

export function isWorkspace(value: unknown): value is WireWorkspace {
  return hasStrings(value, 'id', 'name');
}

export function isAttachment(value: unknown): value is WireAttachment {
  return hasStrings(value, 'id', 'url');
}

export function isUploadedMedia(value: unknown): value is WireUploadedMedia {
  return hasStrings(value, 'url');
}

export function isComment(value: unknown): value is WireComment {
  return hasStrings(value, 'id', 'createdAt');
}

export function isNote(value: unknown): value is WireNote {
  return hasStrings(value, 'id', 'createdAt');
}

export function isFeedback(value: unknown): value is WireFeedback {
  return (
    hasStrings(value, 'id', 'workspaceId', 'projectId', 'message', 'status', 'createdAt') &&
    (value.ticketNumber === undefined ||
      value.ticketNumber === null ||
      isInteger(value.ticketNumber))
  );
}

export function isProject(value: unknown): value is WireProject {
  return hasStrings(value, 'id', 'workspaceId', 'name');
}

export function isWidget(value: unknown): value is WireWidget {
  return hasStrings(value, 'id', 'name');
}

export function isWebhook(value: unknown): value is WireWebhook {
  return hasStrings(value, 'id', 'name');
}

export function isCustomer(value: unknown): value is WireCustomer {
  return hasStrings(value, 'id');
}

export function isMergeResult(value: unknown): value is WireMergeResult {
  return hasStrings(value, 'id', 'mergedSourceId') && isNumber(value.mergedFeedbackCount);
}

export function isAutomation(value: unknown): value is WireAutomation {
  return hasStrings(value, 'id', 'name', 'scope') && typeof value.enabled === 'boolean';
}

export function isAutomationRun(value: unknown): value is WireAutomationRun {
  return hasStrings(value, 'id', 'outcome');
}

export function isRunResult(value: unknown): value is WireRunResult {
  return hasStrings(value, 'runId', 'outcome');
}
