// Upload Media checks made before any vendor call, and the file as a stream for the multipart body:
// the type and size come from the uploaded File itself, so a refused file is never read.
import { USERHERO_UPLOAD_LIMITS } from '../vendors/userhero/limits.js';
import type { UploadFile } from '../vendors/userhero/multipart.js';
import type { InputChecks } from './validate.js';

export type MediaCategory = 'image' | 'audio' | 'video';

const CATEGORIES: readonly MediaCategory[] = ['image', 'audio', 'video'];
const MB = 1024 * 1024;

/** The docs' category of an accepted MIME type (its top-level type), else null. */
export function mediaCategory(mimeType: string): MediaCategory | null {
  if (USERHERO_UPLOAD_LIMITS[mimeType] === undefined) return null;
  const top = mimeType.split('/')[0];
  return CATEGORIES.find((c) => c === top) ?? null;
}

/** Bytes allowed for this MIME type, undefined when it is not accepted at all. */
export function uploadLimit(mimeType: string): number | undefined {
  return USERHERO_UPLOAD_LIMITS[mimeType];
}

/** "image: image/png, image/jpeg, image/webp up to 5 MB; audio: ..." */
function acceptedTypes(): string {
  return CATEGORIES.map((category) => {
    const types = Object.keys(USERHERO_UPLOAD_LIMITS).filter((t) => mediaCategory(t) === category);
    const max = Math.max(...types.map((t) => USERHERO_UPLOAD_LIMITS[t] ?? 0));
    return `${category}: ${types.join(', ')} up to ${max / MB} MB`;
  }).join('; ');
}

/**
 * The file ready to stream, or undefined (refused in `checks`) when UserHero would refuse it: a
 * type outside the documented table, an empty file, or one over its category's size limit.
 */
export function checkedUpload(
  checks: InputChecks,
  field: string,
  file: File,
): UploadFile | undefined {
  const mimeType = (file.type.split(';')[0] ?? '').trim().toLowerCase();
  const category = mediaCategory(mimeType);
  const max = uploadLimit(mimeType);
  if (category === null || max === undefined) {
    return checks.refuse(
      field,
      `must be a file of a type UserHero accepts (got ${mimeType || 'no content type'}; accepted: ${acceptedTypes()})`,
    );
  }
  if (file.size === 0) return checks.refuse(field, 'must not be an empty file');
  if (file.size > max) {
    return checks.refuse(
      field,
      `must be at most ${max / MB} MB for ${category} files (got ${file.size} bytes of ${mimeType})`,
    );
  }
  return {
    filename: file.name.trim() || `upload.${mimeType.split('/')[1] ?? 'bin'}`,
    mimeType,
    stream: chunksOf(file),
    length: file.size,
  };
}

/** The file's bytes as they are read, never gathered whole; nothing is read before the first pull. */
async function* chunksOf(file: File): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Abandoned midway (the vendor call failed): let the source release what it holds.
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
