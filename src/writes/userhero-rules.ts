// UserHero's documented write rules (shared/vendors/userhero.txt), checked before any vendor call.
// What the docs leave to the vendor (custom status ids, custom field values, whether an assignee
// is a member) is not guessed here: the vendor's 400 comes back as BAD_USER_INPUT with its message.
import { USERHERO_MAX_ATTACHMENTS } from '../vendors/userhero/limits.js';
import type { AttachmentInput, Priority } from '../vendors/userhero/requests.js';
import { mediaCategory, uploadLimit } from './userhero-upload.js';
import type { InputChecks } from './validate.js';

export const PRIORITIES: readonly Priority[] = ['low', 'medium', 'high', 'urgent'];
export const SYSTEM_STATUSES = ['new', 'in-progress', 'reopened', 'resolved', 'archived'] as const;
/** Add Comment: `message` max 2000 chars. */
export const COMMENT_MAX_CHARS = 2000;
/** Add Internal Note: `content` max 5000 chars. */
export const NOTE_MAX_CHARS = 5000;
/** Not documented; generous, and short enough to stay a sane header. */
export const IDEMPOTENCY_KEY_MAX = 255;

/** Case-insensitive (`HIGH` is `high`); sent lower-cased as the docs spell the values. */
export function priority(checks: InputChecks, field: string, value: string): Priority | undefined {
  return checks.oneOf(field, value.trim().toLowerCase(), PRIORITIES);
}

/**
 * A system status or a custom status id (the vendor knows the project's custom ones). A
 * misspelt system status (`Resolved`, `in_progress`) is refused with its spelling rather than
 * sent as an unknown custom id.
 */
export function status(checks: InputChecks, field: string, value: string): string | undefined {
  const text = checks.text(field, value.trim());
  if (text === undefined) return undefined;
  const canonical = text.toLowerCase().replace(/[\s_]+/g, '-');
  const system = SYSTEM_STATUSES.find((s) => s === canonical);
  if (system !== undefined && system !== text) {
    return checks.refuse(
      field,
      `must be spelled ${system} (system statuses: ${SYSTEM_STATUSES.join(', ')}; got ${JSON.stringify(value)})`,
    );
  }
  return text;
}

/** Update Project: `{ priority, hours }` per rule, hours the deadline; one rule per priority. */
export function slaRules(
  checks: InputChecks,
  field: string,
  rules: readonly { priority: string; hours: number }[],
): { priority: Priority; hours: number }[] {
  const seen = new Map<string, number>();
  return rules.flatMap((rule, i) => {
    const at = `${field}[${i}]`;
    const p = priority(checks, `${at}.priority`, rule.priority);
    const hours = checks.positive(`${at}.hours`, rule.hours);
    if (p !== undefined) {
      const first = seen.get(p);
      if (first !== undefined) {
        checks.refuse(
          `${at}.priority`,
          `repeats ${p} of ${field}[${first}]: one rule per priority`,
        );
      } else seen.set(p, i);
    }
    return p !== undefined && hours !== undefined ? [{ priority: p, hours }] : [];
  });
}

export interface AttachmentFields {
  id: string | number;
  url: string;
  type: string;
  fileName: string;
  fileSize: number;
  mimeType: string;
}

/**
 * Attachment objects as Upload Media (with a feedbackId) returns them, at most three; the type,
 * MIME type and size must be ones the upload accepts.
 */
export function attachments(
  checks: InputChecks,
  field: string,
  list: readonly AttachmentFields[],
): AttachmentInput[] {
  checks.maxItems(field, list, USERHERO_MAX_ATTACHMENTS);
  return list.flatMap((a, i) => {
    const at = `${field}[${i}]`;
    const id = checks.text(`${at}.id`, String(a.id).trim());
    const url = checks.url(`${at}.url`, a.url);
    const fileName = checks.text(`${at}.fileName`, a.fileName);
    const mimeType = a.mimeType.trim().toLowerCase();
    const category = mediaCategory(mimeType);
    if (category === null) {
      checks.refuse(`${at}.mimeType`, `must be a type Upload Media accepts (got ${mimeType})`);
    } else if (a.type !== category) {
      checks.refuse(`${at}.type`, `must be ${category} for ${mimeType} (got ${a.type})`);
    }
    const max = uploadLimit(mimeType);
    if (!Number.isInteger(a.fileSize) || a.fileSize < 0) {
      checks.refuse(`${at}.fileSize`, `must be a size in bytes from 0 (got ${a.fileSize})`);
    } else if (max !== undefined && a.fileSize > max) {
      checks.refuse(`${at}.fileSize`, `must be at most ${max} bytes for ${mimeType}`);
    }
    if (id === undefined || url === undefined || fileName === undefined || category === null) {
      return [];
    }
    return [{ id, url, type: category, fileName, fileSize: a.fileSize, mimeType }];
  });
}

/**
 * Comment message or note content: required unless there are attachments, and at most `max`
 * characters (counted as the vendor counts them, in UTF-16 units).
 */
export function conversationText(
  checks: InputChecks,
  field: string,
  value: string | null | undefined,
  max: number,
  hasAttachments: boolean,
): string | undefined {
  if (value === null || value === undefined || value.trim() === '') {
    if (!hasAttachments) checks.refuse(field, 'is required when there are no attachments');
    return undefined;
  }
  return checks.text(field, value, { maxLength: max });
}

export function idempotencyKey(
  checks: InputChecks,
  field: string,
  value: string | null | undefined,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  return checks.headerValue(field, value, IDEMPOTENCY_KEY_MAX);
}

/** Tags, mentions, phones: each a non-blank string, sent trimmed. */
export function texts(checks: InputChecks, field: string, values: readonly string[]): string[] {
  return values.flatMap((v, i) => checks.text(`${field}[${i}]`, v.trim()) ?? []);
}

export function emails(checks: InputChecks, field: string, values: readonly string[]): string[] {
  return values.flatMap((v, i) => checks.email(`${field}[${i}]`, v) ?? []);
}
