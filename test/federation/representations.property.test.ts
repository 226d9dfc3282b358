import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// For every list of representations, valid, near-valid or garbage: `_entities` never throws and
// never answers 5xx. Either the list is refused whole as BAD_USER_INPUT with no vendor call, or it
// answers one entry per representation, each an entity of the type asked for or null with its
// own error.

let gw: TestGateway;
let feedbackId: string;
beforeAll(async () => {
  gw = await startTestGateway();
  const res = await gw.query<{ feedback: { nodes: { id: string }[] } }>(
    '{ feedback(first: 1) { nodes { id } } }',
  );
  feedbackId = res.data!.feedback.nodes[0]!.id;
});
afterAll(() => gw.close());

const typenames = fc.constantFrom('Customer', 'Feedback', 'NpsResponse', 'Tag', 'PageInfo', 'Nope');
const keyValue = fc.oneof(
  fc.constantFrom('ada@example.com', 'not an email', '', 'RmVlZGJhY2s6eA'),
  fc.constantFrom(...['Feedback', 'Survey', 'Customer'].map((t) => encodeGlobalId(t, 'x'))),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.constant(null),
);
const representation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ __typename: typenames, id: keyValue }) },
  { weight: 2, arbitrary: fc.record({ __typename: fc.constant('Customer'), email: keyValue }) },
  { weight: 1, arbitrary: fc.constant({ __typename: 'Feedback', id: 'FEEDBACK' }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

describe('_entities over any representations', () => {
  it('refuses a list whole before any call, or answers each entry alone', async () => {
    const seen = { refused: 0, answered: 0, entities: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(representation, { minLength: 1, maxLength: 5 }), async (list) => {
        const reps = list.map((r) =>
          r && typeof r === 'object' && 'id' in r && r.id === 'FEEDBACK'
            ? { ...r, id: feedbackId }
            : r,
        );
        const before = gw.sandbox.log.count();
        const res = await gw.query<{ _entities: ({ __typename: string } | null)[] }>(
          'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
          { r: reps },
        );
        // A null entry fails `[_Any!]!` itself: a request error (400), before execution.
        if (reps.includes(null)) {
          expect(res.status).toBe(400);
          expect(gw.sandbox.log.count()).toBe(before);
          return;
        }
        expect(res.status).toBe(200);
        for (const error of res.errors) {
          expect(error.extensions?.code, error.message).not.toBe('INTERNAL_SERVER_ERROR');
        }
        if (!res.data) {
          seen.refused += 1;
          expect(res.errors).toHaveLength(1);
          expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
          expect(gw.sandbox.log.count()).toBe(before);
          return;
        }
        seen.answered += 1;
        const entries = res.data._entities;
        expect(entries).toHaveLength(reps.length);
        entries.forEach((entry, i) => {
          if (entry === null) {
            expect(res.errors.some((e) => e.path?.[1] === i)).toBe(true);
          } else {
            seen.entities += 1;
            expect(entry.__typename).toBe((reps[i] as { __typename: string }).__typename);
          }
        });
      }),
      { seed: 17, numRuns: 80 },
    );
    // Not vacuous: both outcomes and some resolved entities were seen.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.answered).toBeGreaterThan(0);
    expect(seen.entities).toBeGreaterThan(0);
  }, 60_000);
});
