import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useExecutedOperation } from '../../src/http/executed-operation.js';
import { schema } from '../../src/schema/index.js';
import { asksWholeNpsRecords } from '../../src/schema/nps/record-reads.js';

// Which requests may count Planhat's answers from a counted read (`select`): those whose
// operation selects nothing that can be a whole NPS record.

function asks(query: string, operationName?: string): boolean {
  const ctx = {};
  const plugin = useExecutedOperation() as {
    onExecute(payload: { args: Record<string, unknown> }): void;
  };
  plugin.onExecute({
    args: { schema, document: parse(query), operationName, contextValue: ctx },
  });
  return asksWholeNpsRecords(ctx);
}

describe('asksWholeNpsRecords', () => {
  it.each([
    [
      'summaries alone',
      '{ a: npsSummary { score } b: npsSummary(groupBy: WEEK) { groups { key } } }',
    ],
    [
      'a person with their company',
      '{ customer(email: "a@b.co") { email planhatCompanyId companyNps { score } } }',
    ],
    [
      'other vendors',
      '{ vendors { source } heartScores(range: { from: "2026-01-01", to: "2026-01-02" }) { nodes { date } } }',
    ],
    ['a fragment of counts', '{ ...F } fragment F on Query { npsSummary { responses } }'],
  ])('is false for %s', (_what, query) => {
    expect(asks(query)).toBe(false);
  });

  it.each([
    ['the feed', '{ npsSummary { score } npsResponses(first: 1) { totalCount } }'],
    ['a person’s answers', '{ customers(first: 2) { nodes { latestNps { score } } } }'],
    ['a node lookup, whatever it selects', '{ node(id: "x") { id } npsSummary { score } }'],
    ['entities', '{ _entities(representations: []) { __typename } }'],
    [
      'a fragment spread twice',
      '{ a: npsSummary { score } ...F ...F } fragment F on Query { npsResponses { nodes { id } } }',
    ],
    [
      'a mutation answering a record',
      'mutation { createNps(input: { email: "a@b.co", score: 9 }) { nps { id } } }',
    ],
    ['an unknown operation', 'query A { npsSummary { score } }'],
  ])('is true for %s', (what, query) => {
    expect(asks(query, what === 'an unknown operation' ? 'B' : undefined)).toBe(true);
  });

  it('is true when no operation was recorded (nothing changes then)', () => {
    expect(asksWholeNpsRecords({})).toBe(true);
  });

  it('picks the named operation of a document', () => {
    const document =
      'query Counts { npsSummary { score } } query Feed { npsResponses { nodes { id } } }';
    expect(asks(document, 'Counts')).toBe(false);
    expect(asks(document, 'Feed')).toBe(true);
  });
});
