import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain/input-error.js';
import { joinPath, path } from '../../src/vendors/path.js';

// The one builder of vendor paths: each value is one segment, and none can become a dot segment
// however often a proxy on the way decodes the path. Its template, for traces, is the literals
// with `{id}` for each value, whatever the value looks like.

const refusal = (id: string) => () => path`/customers/${id}/merge`;
const sent = (built: { path: string }) => built.path;

describe('path', () => {
  it('escapes each value as exactly one segment, and writes each as {id} in the template', () => {
    expect(path`/customers/${'a/b'}/merge`).toEqual({
      path: '/customers/a%2Fb/merge',
      template: '/customers/{id}/merge',
    });
    expect(path`/feedback/${'a?b#c'}/comments`).toEqual({
      path: '/feedback/a%3Fb%23c/comments',
      template: '/feedback/{id}/comments',
    });
    expect(path`/surveys/${'%2F'}`).toEqual({ path: '/surveys/%252F', template: '/surveys/{id}' });
    expect(path`/feedback/number/${245}`).toEqual({
      path: '/feedback/number/245',
      template: '/feedback/number/{id}',
    });
    expect(path`/nps/srcid-${'x/y'}`).toEqual({
      path: '/nps/srcid-x%2Fy',
      template: '/nps/srcid-{id}',
    });
    expect(path`/properties/${'p1'}/tasks/${7}/actions`).toEqual({
      path: '/properties/p1/tasks/7/actions',
      template: '/properties/{id}/tasks/{id}/actions',
    });
    expect(path`/health`).toEqual({ path: '/health', template: '/health' });
  });

  it.each(['acme', 'hooks', 'feedback', 'v1', 'fb_1', 'Ab-c'])(
    'writes the id %j as {id}, however much it looks like a word of the path',
    (id) => {
      expect(path`/customers/${id}`).toEqual({
        path: `/customers/${id}`,
        template: '/customers/{id}',
      });
      expect(path`/${id}`).toEqual({ path: `/${id}`, template: '/{id}' });
    },
  );

  it('joins a built prefix to a literal or built endpoint, each part keeping its template', () => {
    const property = path`/properties/${'acme'}`;
    expect(joinPath(property, '/heart')).toEqual({
      path: '/properties/acme/heart',
      template: '/properties/{id}/heart',
    });
    expect(joinPath(property, path`/surveys/${'s/1'}`)).toEqual({
      path: '/properties/acme/surveys/s%2F1',
      template: '/properties/{id}/surveys/{id}',
    });
  });

  it('refuses to become a string, which would send no path or a path without its template', () => {
    const built = path`/customers/${'acme'}`;
    expect(() => `/api${built}`).toThrow(TypeError);
    expect(() => '/api' + built).toThrow(TypeError);
    expect(() => String(built)).toThrow('a built path is no string');
    expect(JSON.stringify(built)).toBe('{"path":"/customers/acme","template":"/customers/{id}"}');
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
    expect(sent(path`/customers/${id}`)).toBe(`/customers/${segment}`);
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
/** Ids the old guess from a path's look printed in traces: a letter, then letters, `-` or `_`. */
const plainWord = fc.stringMatching(/^[A-Za-z][A-Za-z_-]{0,11}$/);
/** A call site's literals: path-like text, braces included, so a value may meet one. */
const literals = fc.array(
  fc.string({
    unit: fc.constantFrom('/', 'a', 'c', 'e', 'm', 'i', 'd', '-', '_', '1', '{', '}'),
    maxLength: 8,
  }),
  { minLength: 1, maxLength: 4 },
);

describe('path properties', () => {
  it('either refuses a value as input or sends it as one segment that decodes back to it', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        let built: string;
        try {
          built = sent(path`/feedback/${value}/comments`);
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
        expect(() => path`/feedback/${value}`).toSatisfy((build: () => unknown) => {
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

  it('templates the literals alone, {id} for each value, and sends each value escaped', () => {
    const site = literals.chain((parts) =>
      fc.tuple(
        fc.constant(parts),
        fc.array(fc.oneof(plainWord, anyString), {
          minLength: parts.length - 1,
          maxLength: parts.length - 1,
        }),
      ),
    );
    fc.assert(
      fc.property(site, ([parts, ids]) => {
        const strings = Object.assign([...parts], { raw: [...parts] });
        let built: { path: string; template: string };
        try {
          built = path(strings as unknown as TemplateStringsArray, ...ids);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
          return;
        }
        // The rule, not the builder: each literal as written, each value one escaped segment.
        const template = parts.join('{id}');
        const escaped = parts.map(
          (part, i) => part + (ids[i] === undefined ? '' : encodeURIComponent(ids[i])),
        );
        expect(built.template).toBe(template);
        expect(built.path).toBe(escaped.join(''));
        // An id is only in the template if the literals spell it, as `k/{id` in `/feedback/{id}`.
        for (const id of ids) if (!template.includes(id)) expect(built.template).not.toContain(id);
      }),
      { numRuns: 2_000 },
    );
  });
});
