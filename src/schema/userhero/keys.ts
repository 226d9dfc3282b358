// Node keys and id arguments of the UserHero types. Most UserHero endpoints need the workspace
// besides a record's own id, so those node keys carry both.
import { BadUserInputError } from '../../errors.js';

/** Parts joined by `:`, each escaped so that a vendor id holding `:` cannot shift the others. */
export function nodeKey(...parts: string[]): string {
  return parts.map(encodeURIComponent).join(':');
}

/** The parts of a node key, or null when it does not have exactly `count` non-empty ones. */
export function keyParts(key: string, count: number): string[] | null {
  const raw = key.split(':');
  if (raw.length !== count) return null;
  try {
    const parts = raw.map(decodeURIComponent);
    return parts.every((part) => part.length > 0) ? parts : null;
  } catch {
    return null;
  }
}

/**
 * An id argument naming a UserHero record: its global id (as `Workspace.id`), or UserHero's own
 * id (as `Workspace.workspaceId`). Returns the node key's parts, or the one vendor id.
 */
export function vendorIdArgument(
  value: string | number | null | undefined,
  typename: string,
  argument: string,
): string[] | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === '') {
    throw new BadUserInputError(`${argument} must not be blank: omit it or pass an id`, {
      argument,
    });
  }
  const fromGlobal = globalKey(text, typename);
  return fromGlobal ?? [text];
}

/** The key of a global id of this type, or null when the text is not one. */
function globalKey(text: string, typename: string): string[] | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const prefix = `${typename}:`;
  if (!decoded.startsWith(prefix)) return null;
  const key = decoded.slice(prefix.length);
  const parts = key.split(':');
  try {
    return parts.map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** A filter string the vendor matches exactly: blank is refused rather than sent. */
export function filterText(value: string | null | undefined, argument: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') {
    throw new BadUserInputError(`${argument} must not be blank: omit it to match everything`, {
      argument,
    });
  }
  return text;
}
