// UserHero's documented request limits (vendor contract, "UserHero"), each stated once here.

/** Feedback and customer lists: `pageSize` default 20, at most 100. */
export const USERHERO_MAX_PAGE_SIZE = 100;
/** Automations: cursor pagination, `limit` default 50, at most 100. */
export const USERHERO_MAX_AUTOMATION_LIMIT = 100;
/** Comments and notes carry at most this many attachments. */
export const USERHERO_MAX_ATTACHMENTS = 3;

/** Upload: accepted types and their size limits in bytes. */
export const USERHERO_UPLOAD_LIMITS: Readonly<Record<string, number>> = {
  'image/png': 5 * 1024 * 1024,
  'image/jpeg': 5 * 1024 * 1024,
  'image/webp': 5 * 1024 * 1024,
  'audio/webm': 10 * 1024 * 1024,
  'audio/mp4': 10 * 1024 * 1024,
  'audio/mpeg': 10 * 1024 * 1024,
  'audio/ogg': 10 * 1024 * 1024,
  'audio/wav': 10 * 1024 * 1024,
  'video/webm': 50 * 1024 * 1024,
  'video/mp4': 50 * 1024 * 1024,
};

/**
 * Why UserHero would refuse this upload, or null; lets the caller refuse it before streaming.
 * The size is only checked when known up front.
 */
export function uploadProblem(mimeType: string, length?: number): string | null {
  const type = mimeType.split(';')[0]!.trim().toLowerCase();
  const max = USERHERO_UPLOAD_LIMITS[type];
  if (max === undefined) {
    return `UserHero does not accept ${type || 'files without a type'}; accepted: ${Object.keys(USERHERO_UPLOAD_LIMITS).join(', ')}`;
  }
  if (length !== undefined && length > max) {
    return `UserHero accepts ${type} files up to ${max / (1024 * 1024)} MB (got ${length} bytes)`;
  }
  return null;
}
