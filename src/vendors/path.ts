import { InvalidInputError } from '../domain/input-error.js';
import type { RequestPath, VendorPath } from '../transport/types.js';
import { pathTemplate, sentPath } from '../transport/types.js';

/**
 * Builds a request path, escaping every interpolated value as one path segment, and its template:
 * the literals with `{id}` for each value, the endpoint that traces and logs may name. A value
 * that a proxy normalising the path could turn into a dot segment is refused: `/customers/.` or
 * `/feedback/../comments` would reach another endpoint than the one the method names.
 */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): VendorPath {
  const sent = strings.reduce(
    (out, literal, i) => out + literal + (i < values.length ? segment(values[i]!) : ''),
    '',
  );
  return built(sent, strings.join('{id}'));
}

/** Paths one after the other (a client's prefix and an endpoint); a string is a literal. */
export function joinPath(...parts: RequestPath[]): VendorPath {
  return built(parts.map(sentPath).join(''), parts.map(pathTemplate).join(''));
}

// TypeScript lets any value be joined to a string (`prefix + built`, `${built}`): the result
// would send `[object Object]`, or, were it turned into the path, carry ids into traces without
// its template. Every built path refuses to become a string instead, in the first test that
// tries; `joinPath` is how one is extended.
class BuiltPath {
  constructor(
    readonly path: string,
    readonly template: string,
  ) {}

  [Symbol.toPrimitive](): never {
    throw new TypeError('a built path is no string: pass it whole, or extend it with joinPath');
  }
}

function built(sent: string, template: string): VendorPath {
  return new BuiltPath(sent, template) as unknown as VendorPath;
}

const RULE =
  'an id cannot be empty, "." or "..", nor have "." or ".." between slashes, percent-encoded or not';

function segment(value: string | number): string {
  const text = String(value);
  const refuse = (why: string) =>
    new InvalidInputError(`${JSON.stringify(text.slice(0, 80))} is not a valid id: ${why}`);
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // A lone UTF-16 surrogate has no UTF-8 form to send.
    throw refuse('it holds an unpaired surrogate character');
  }
  if (text === '' || hasDotSegment(fullyDecoded(text))) throw refuse(RULE);
  return encoded;
}

/**
 * Whether a dot segment appears once slashes are taken as separators, as a proxy that decodes
 * `%2F` would (and `\`, which WHATWG URL parsing reads as `/`). Enough to check the fully decoded
 * form: `/`, `\` and `.` are never part of an escape, so a dot segment that appears after some
 * number of decodings survives every further one.
 */
function hasDotSegment(text: string): boolean {
  return text.split(/[/\\]/).some((part) => part === '.' || part === '..');
}

/**
 * The value percent-decoded until no escape is left, decoding byte by byte and leniently (a
 * malformed escape stays as it is), as the most eager proxy would. One pass over the text: an
 * escape completed by a decoded character (`%%32e` gives `%2e`, then `.`) is decoded at once.
 * Bytes of multi-byte characters come out as single characters; no dot, slash or escape hides
 * in them.
 */
function fullyDecoded(text: string): string {
  if (!text.includes('%')) return text;
  const out: string[] = [];
  for (const char of text) {
    out.push(char);
    for (;;) {
      const n = out.length;
      if (n < 3 || out[n - 3] !== '%' || !isHex(out[n - 2]!) || !isHex(out[n - 1]!)) break;
      const decoded = String.fromCharCode(parseInt(out[n - 2]! + out[n - 1]!, 16));
      out.length = n - 3;
      out.push(decoded);
    }
  }
  return out.join('');
}

function isHex(char: string): boolean {
  return /^[0-9A-Fa-f]$/.test(char);
}

/** Throws on a limit the vendor would refuse: a caller's bug, not a vendor failure. */
export function checkLimit(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}
