import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain/input-error.js';
import { path } from '../../src/vendors/path.js';

// The one builder of vendor paths: each value is one segment, and none can become a dot segment
// however often a proxy on the way decodes the path.

const refusal = (id: string) => () => path`/customers/${id}/merge`;

describe('path', () => {
  it('escapes each value as exactly one segment', () => {
    expect(path`/customers/${'a/b'}/merge`).toBe('/customers/a%2Fb/merge');
    expect(path`/feedback/${'a?b#c'}/comments`).toBe('/feedback/a%3Fb%23c/comments');
    expect(path`/surveys/${'%2F'}`).toBe('/surveys/%252F');
    expect(path`/feedback/number/${245}`).toBe('/feedback/number/245');
    expect(path`/nps/srcid-${'x/y'}`).toBe('/nps/srcid-x%2Fy');
  });

  it.each(['', '.', '..'])('refuses the id %j with a message saying what to fix', (id) => {
    expect(refusal(id)).toThrow(InvalidInputError);
    expect(refusal(id)).toThrow(
      `${JSON.stringify(id)} is not a valid id: an id cannot be empty, "." or "..", nor have ` +
        '"." or ".." between slashes, percent-encoded or not',
    );
  });

  it.each(['%2e', '%2E', '%2E%2e', '.%2e', '%2e.', '%252e', '%252e%252e', '%25252E', '%%32e'])(
    'refuses %j, which decodes to a dot segment',
    (id) => expect(refusal(id)).toThrow(InvalidInputError),
  );

  it.each(['x/..', '../x', 'a/./b', '/.', '..\\x', 'x%2F..', 'x%5c%2e%2e', '%252F..'])(
    'refuses %j, which holds a dot segment once slashes are decoded',
    (id) => expect(refusal(id)).toThrow(InvalidInputError),
  );

  it('refuses an unpaired surrogate as input, not as an internal URIError', () => {
    expect(refusal('a\uD800b')).toThrow(InvalidInputError);
    expect(refusal('a\uD800b')).toThrow('holds an unpaired surrogate character');
  });

  it('quotes at most 80 characters of a refused id', () => {
    const id = `${'a'.repeat(100)}/..`;
    expect(refusal(id)).toThrow(`"${id.slice(0, 80)}" is not a valid id`);
  });

  it.each([
    ['..a', '..a'],
    ['a..', 'a..'],
    ['...', '...'],
    ['x%2e', 'x%252e'],
    ['%2e%zz', '%252e%25zz'],
    ['%', '%25'],
    ['/', '%2F'],
    ['a\\b', 'a%5Cb'],
    [' ', '%20'],
    ['é😀', '%C3%A9%F0%9F%98%80'],
  ])('sends %j, which no decoding makes a dot segment, as %j', (id, segment) => {
    expect(path`/customers/${id}`).toBe(`/customers/${segment}`);
  });

  it('refuses a long hostile id in linear time', () => {
    const id = `%${'25'.repeat(200_000)}2e`;
    const started = performance.now();
    expect(refusal(id)).toThrow(InvalidInputError);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

/**
 * Every form a decoding proxy could see, by rounds of lenient decoding (a malformed escape kept):
 * written independently of the builder's one-pass decoder, so that each checks the other.
 */
function decodings(segment: string): string[] {
  const stages = [segment];
  for (;;) {
    const last = stages[stages.length - 1]!;
    const next = last.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    if (next === last) return stages;
    stages.push(next);
  }
}

const isDotSegment = (part: string) => part === '.' || part === '..';
const dotSegmentIn = (text: string) => text.split(/[/\\]/).some(isDotSegment);
const hasLoneSurrogate = (text: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** Strings rich in dots, escapes and separators, where the refusals live. */
const dotty = fc.string({
  unit: fc.constantFrom('.', '%', '2', '5', 'e', 'E', 'f', 'F', 'c', '/', '\\', 'a', '3'),
  maxLength: 12,
});
const anyString = fc.oneof(dotty, fc.string({ unit: 'binary', maxLength: 40 }));

describe('path properties', () => {
  it('either refuses a value as input or sends it as one segment that decodes back to it', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        let built: string;
        try {
          built = path`/feedback/${value}/comments`;
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
          return;
        }
        const segments = built.split('/');
        expect(segments).toHaveLength('/feedback/x/comments'.split('/').length);
        expect(segments.slice(0, 2)).toEqual(['', 'feedback']);
        expect(segments[3]).toBe('comments');
        expect(decodeURIComponent(segments[2]!)).toBe(value);
        for (const stage of decodings(segments[2]!)) expect(dotSegmentIn(stage)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses exactly the values that are empty, unsendable or decode to a dot segment', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const mustRefuse =
          value === '' || hasLoneSurrogate(value) || decodings(value).some(dotSegmentIn);
        expect(() => path`/feedback/${value}`).toSatisfy((build: () => string) => {
          try {
            build();
            return !mustRefuse;
          } catch (error) {
            return mustRefuse && error instanceof InvalidInputError;
          }
        });
      }),
      { numRuns: 2_000 },
    );
  });
});
