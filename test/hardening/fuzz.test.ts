import fc from 'fast-check';
import type { GraphQLInterfaceType, GraphQLObjectType } from 'graphql';
import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { expectNoSecrets, send } from './support.js';

// Thousands of random bodies and documents: never a 5xx, never a crash, and never a vendor call
// for a document that does not parse and validate. Seeded, so a failure replays.

let gw: TestGateway;
const bodies: string[] = [];
const SEED = 20260601;

beforeAll(async () => {
  // A small body limit keeps the generated large bodies cheap; small limits get exercised too.
  gw = await startTestGateway({
    env: { GRAPHQL_MAX_BODY_BYTES: '20000', GRAPHQL_MAX_TOKENS: '600' },
  });
});
afterAll(async () => {
  expectNoSecrets(gw, bodies);
  await gw.close();
});

function isValidDocument(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    return validate(schema, parse(text)).length === 0;
  } catch {
    return false;
  }
}

/** Sends one request; checks the status and, for an invalid document, that no vendor was called. */
async function check(init: RequestInit & { path?: string }, query: unknown) {
  const before = gw.sandbox.log.count();
  const res = await send(gw, init);
  if (bodies.length < 2000) bodies.push(res.text);
  expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
  if (res.headers.get('content-type')?.includes('json')) expect(res.json).toBeDefined();
  if (!isValidDocument(query)) expect(gw.sandbox.log.count()).toBe(before);
}

const jsonHeaders = { 'content-type': 'application/json' };

// Field names of the read schema (mutations left out: a valid random document must not write).
const FIELD_NAMES = [
  ...new Set(
    Object.values(schema.getTypeMap())
      .filter(
        (type) => isObjectType(type) && type.name !== 'Mutation' && !type.name.startsWith('__'),
      )
      .flatMap((type) => Object.keys((type as { getFields(): object }).getFields())),
  ),
];
const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom('__typename', '__schema', '__type', 'bogus', 'Node') },
);
const literal = fc.oneof(
  fc.integer({ min: -5, max: 500 }).map(String),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.constantFrom(
    'true',
    'null',
    'USERLANE',
    'PLANHAT',
    '"2026-01-01"',
    '{ from: "2026-01-01", to: "2026-01-31" }',
    '[1, 2]',
    '$x',
  ),
);
const args = fc
  .array(
    fc.tuple(
      fc.constantFrom('first', 'last', 'after', 'range', 'id', 'email', 'filter', 'sources', 'ids'),
      literal,
    ),
    { maxLength: 3 },
  )
  .map((pairs) => (pairs.length ? `(${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''));
const { selection } = fc.letrec<{ selection: string; field: string }>((tie) => ({
  field: fc
    .tuple(
      fc.option(fc.constantFrom('a', 'b', 'x1'), { nil: undefined }),
      name,
      args,
      fc.option(tie('selection'), { nil: undefined, freq: 2 }),
    )
    .map(
      ([alias, field, argText, sub]) =>
        `${alias ? `${alias}: ` : ''}${field}${argText}${sub ? ` ${sub}` : ''}`,
    ),
  selection: fc
    .array(
      fc.oneof(
        { weight: 5, arbitrary: tie('field') },
        {
          weight: 1,
          arbitrary: fc.constantFrom('...F', '... on Customer { email }', '...Missing'),
        },
      ),
      { minLength: 1, maxLength: 4, depthIdentifier: 'sel' },
    )
    .map((fields) => `{ ${fields.join(' ')} }`),
}));
const documentText = fc
  .tuple(
    fc.constantFrom('', 'query ', 'query Q ', 'query($x: Int) ', 'mutation ', 'subscription '),
    selection,
    fc.option(fc.tuple(fc.constantFrom('Query', 'Customer', 'Workspace'), selection), {
      nil: undefined,
    }),
  )
  .map(
    ([head, body, fragment]) =>
      `${head}${body}${fragment ? ` fragment F on ${fragment[0]} ${fragment[1]}` : ''}`,
  );
/** Plausible values for the arguments the read schema takes, so typed documents often validate. */
const ARGUMENT_VALUES: Record<string, string[]> = {
  first: ['0', '1', '3', '100', '101', '-1'],
  last: ['2'],
  range: ['{ from: "2026-01-01", to: "2026-01-31" }', '{ from: "2026-02-01", to: "2026-01-01" }'],
  email: ['"nobody@example.com"', '"not an email"'],
  id: ['"bm90aGluZw"', '""'],
  ids: ['[]', '["x", "y"]'],
  sources: ['[PLANHAT]', '[USERLANE, USERLOOP]'],
  after: ['"garbage-cursor"', 'null'],
};

/** A selection of `type` that validates unless a chosen argument value is out of range. */
function typedSelection(
  type: GraphQLObjectType | GraphQLInterfaceType,
  depth: number,
): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter(
    (field) =>
      field.args.every((arg) => !isNonNullType(arg.type) || arg.name in ARGUMENT_VALUES) &&
      (depth > 0 || !isCompositeType(getNamedType(field.type))),
  );
  if (fields.length === 0) return fc.constant('{ __typename }');
  const one = fc.constantFrom(...fields).chain((field) => {
    const named = getNamedType(field.type);
    const optional = field.args.filter((a) => !isNonNullType(a.type) && a.name in ARGUMENT_VALUES);
    const required = field.args.filter((a) => isNonNullType(a.type));
    const argText = fc
      .subarray(optional)
      .chain((chosen) =>
        fc.tuple(
          ...[...required, ...chosen].map((arg) =>
            fc.constantFrom(...ARGUMENT_VALUES[arg.name]!).map((v) => `${arg.name}: ${v}`),
          ),
        ),
      )
      .map((pairs) => (pairs.length ? `(${pairs.join(', ')})` : ''));
    const sub =
      isObjectType(named) || isInterfaceType(named)
        ? typedSelection(named, depth - 1).map((s) => ` ${s}`)
        : fc.constant('');
    return fc.tuple(argText, sub).map(([a, s]) => `${field.name}${a}${s}`);
  });
  // Aliased: the same field twice with different arguments would not validate.
  return fc
    .array(one, { minLength: 1, maxLength: 3 })
    .map((parts) => `{ ${parts.map((part, i) => `f${i}: ${part}`).join(' ')} }`);
}
const typedDocument = typedSelection(schema.getQueryType()!, 3);

/** A document with a few characters deleted, inserted or replaced: mostly syntax errors. */
const mutated = fc
  .tuple(
    fc.oneof(documentText, typedDocument),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom(
          '',
          '{',
          '}',
          '(',
          ')',
          ':',
          '"',
          '$',
          '@',
          '...',
          '#',
          '\\',
          '\u0000',
          'é',
        ),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((out, [at, insert]) => {
      const i = at % (out.length + 1);
      return out.slice(0, i) + insert + out.slice(i + (insert === '' ? 1 : 0));
    }, text),
  );

describe('fuzzing the GraphQL endpoint', () => {
  it('answers random documents (valid or not) without a 5xx, calling vendors only for valid ones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(typedDocument, documentText, mutated), async (query) => {
        await check(
          { method: 'POST', headers: jsonHeaders, body: JSON.stringify({ query }) },
          query,
        );
      }),
      { numRuns: 1500, seed: SEED },
    );
  }, 120_000);

  it('answers random JSON request shapes without a 5xx', async () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));
    const shape = fc.record(
      {
        query: fc.oneof(value, documentText),
        variables: value,
        operationName: value,
        extensions: value,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(shape, value), async (body) => {
        const query = (body as { query?: unknown } | null)?.query;
        await check(
          { method: 'POST', headers: jsonHeaders, body: JSON.stringify(body) ?? '' },
          query,
        );
      }),
      { numRuns: 1000, seed: SEED + 1 },
    );
  }, 120_000);

  it('answers random raw bodies, content types, methods and URLs without a 5xx', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=latin1',
      'application/graphql-response+json',
      'application/graphql',
      'text/plain',
      'multipart/form-data; boundary=xyz',
      'application/x-www-form-urlencoded',
      'image/png',
      undefined,
    );
    const rawBody = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom(
        '{',
        '[]',
        '[{"query":"{__typename}"}]',
        'null',
        '"x"',
        '{"query":1}',
        '--xyz\r\n\r\n--xyz--',
        'x'.repeat(30_000),
      ),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      contentType,
      accept: fc.constantFrom(
        undefined,
        '*/*',
        'application/json',
        'application/graphql-response+json',
        'text/html',
        'text/event-stream',
        'image/*',
      ),
      preflight: fc.boolean(),
      body: rawBody,
      search: fc.oneof(
        fc.constant(''),
        fc.string({ maxLength: 40 }).map((s) => `?query=${encodeURIComponent(s)}`),
        fc.constant('?query=%7B__typename%7D&variables=%7B'),
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.accept) headers.accept = r.accept;
        if (r.preflight) headers['graphql-require-preflight'] = '1';
        const hasBody = r.method !== 'GET' && r.method !== 'HEAD';
        const query = r.method === 'GET' ? new URLSearchParams(r.search).get('query') : undefined;
        await check(
          {
            method: r.method,
            headers,
            body: hasBody ? r.body : undefined,
            path: `/graphql${r.search}`,
          },
          query ?? (typeof r.body === 'string' ? safeQuery(r.body) : undefined),
        );
      }),
      { numRuns: 1500, seed: SEED + 2 },
    );
  }, 120_000);

  it('is still up and answering after all of that', async () => {
    const res = await gw.query('{ vendors { source healthy } }');
    expect(res.status).toBe(200);
    expect(res.errors).toEqual([]);
  });
});

function safeQuery(body: string): unknown {
  try {
    return (JSON.parse(body) as { query?: unknown } | null)?.query;
  } catch {
    return undefined;
  }
}
