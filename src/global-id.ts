import { BadUserInputError } from './errors.js';

// Global ids are opaque: base64url of `Typename:key`. A key may itself contain `:` (e.g. an email
// or a composite key), so only the first separator splits.

export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const text = /^[A-Za-z0-9_-]+={0,2}$/.test(globalId)
    ? Buffer.from(globalId, 'base64url').toString('utf8')
    : '';
  const at = text.indexOf(':');
  const typename = text.slice(0, at);
  if (at <= 0 || !/^[A-Z][A-Za-z0-9]*$/.test(typename) || at === text.length - 1) {
    throw new BadUserInputError(
      `"${globalId.slice(0, 80)}" is not a valid id: pass an id exactly as the API returned it`,
      { argument: 'id' },
    );
  }
  return { typename, id: text.slice(at + 1) };
}
