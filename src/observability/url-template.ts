/**
 * A vendor path as `url.template`: every segment that is not a plain word (letters, `-`, `_`) is
 * taken for an id and written `{id}`, so `/feedback/fb_123/comments` is `/feedback/{id}/comments`.
 * Paths are built by src/vendors/path.ts from literals and escaped values; what an id looks like
 * is each vendor's business, so this errs on the side of hiding: a segment with a digit, an
 * escape, a dot or an `@` is never shown.
 */
export function urlTemplate(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '' || /^[A-Za-z][A-Za-z_-]*$/.test(segment) ? segment : '{id}'))
    .join('/');
}
