import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// Userlane surveys outside USERLANE_SURVEYS stay readable by id; the list is the configured one.

let gw: TestGateway;
let configured: { id: string; title: string };
let other: { id: string };
beforeAll(async () => {
  gw = await startTestGateway();
  const [a, b] = gw.sandbox.seed.userlane.catalog.surveys;
  configured = { id: a!.id, title: a!.title };
  other = { id: b!.id };
  await gw.close();
  // Only the first survey is configured.
  gw = await startTestGateway({
    env: { USERLANE_SURVEYS: `${configured.id}:${configured.title}` },
  });
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const SURVEY = `query($id: ID!) {
  survey(source: USERLANE, surveyId: $id) {
    id surveyId title
    responses(first: 3, range: { from: "2000-01-01", to: "2100-01-01" }) { nodes { score } }
  }
}`;

describe('Query.survey for Userlane', () => {
  it('reads a survey that USERLANE_SURVEYS does not list, by id and by node id', async () => {
    const res = await gw.query<{
      survey: {
        id: string;
        surveyId: string;
        title: string;
        responses: { nodes: { score: number }[] };
      };
    }>(SURVEY, { id: other.id });
    expect(res.errors).toEqual([]);
    expect(res.data?.survey).toMatchObject({
      surveyId: other.id,
      title: `Userlane survey ${other.id}`,
    });
    const expected = gw.sandbox.seed.userlane.surveyResponses.get(other.id)!.slice(0, 3);
    expect(expected.length).toBe(3);
    expect(res.data?.survey.responses.nodes.map((n) => n.score)).toEqual(
      expected.map((r) => r.score),
    );
    const byNode = await gw.query<{ node: { surveyId: string } | null }>(
      'query($id: ID!) { node(id: $id) { ... on Survey { surveyId } } }',
      { id: res.data?.survey.id },
    );
    expect(byNode.errors).toEqual([]);
    expect(byNode.data?.node?.surveyId).toBe(other.id);
  });

  it('keeps the list to the configured catalog, and answers null for a survey Userlane does not know', async () => {
    const list = await gw.query<{ surveys: { nodes: { surveyId: string }[] } }>(
      '{ surveys(sources: [USERLANE]) { nodes { surveyId } } }',
    );
    expect(list.errors).toEqual([]);
    expect(list.data?.surveys.nodes.map((n) => n.surveyId)).toEqual([configured.id]);
    gw.sandbox.log.clear();
    const unknown = await gw.query<{ survey: null }>(
      'query($id: ID!) { survey(source: USERLANE, surveyId: $id) { title } }',
      { id: '999999' },
    );
    expect(unknown.errors).toEqual([]);
    expect(unknown.data?.survey).toBeNull();
    expect(gw.sandbox.log.entries({ vendor: 'userlane' })).toHaveLength(1);
  });

  it('answers a configured survey with its configured title and no vendor call', async () => {
    const res = await gw.query<{ survey: { title: string } }>(
      'query($id: ID!) { survey(source: USERLANE, surveyId: $id) { title } }',
      { id: configured.id },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.survey.title).toBe(configured.title);
    expect(gw.sandbox.log.entries({ vendor: 'userlane' })).toHaveLength(0);
  });
});
