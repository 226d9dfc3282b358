import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// Merged NPS reads answer from the sources that worked when one vendor fails: the failed source
// is named in missingSources and its error travels beside the data.

let gw: TestGateway;
beforeAll(async () => {
  // Breakers stay closed through these faults: each test sees the vendor's own failure.
  gw = await startTestGateway({ env: { VENDOR_TIMEOUT_MS: '400', BREAKER_FAILURES: '1000' } });
});
afterEach(() => {
  gw.sandbox.faults.clear();
  gw.sandbox.log.clear();
});
afterAll(() => gw.close());

interface Summary {
  responses: number;
  promoters: number;
  detractors: number;
  missingSources: string[];
}
const SUMMARY = 'responses promoters detractors missingSources';

describe('merged npsSummary with one failing vendor', () => {
  it('counts the other sources, names the failed one and carries its error', async () => {
    const healthy = await gw.query<{ npsSummary: Summary }>(
      `{ npsSummary(filter: { sources: [USERLANE, USERLOOP] }) { ${SUMMARY} } }`,
    );
    expect(healthy.errors).toEqual([]);
    expect(healthy.data?.npsSummary.responses).toBeGreaterThan(0);
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', status: 503 });
    const res = await gw.query<{ npsSummary: Summary }>(`{ npsSummary { ${SUMMARY} } }`);
    expect(res.data?.npsSummary).toEqual({
      ...healthy.data?.npsSummary,
      missingSources: ['PLANHAT'],
    });
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({
      path: ['npsSummary'],
      extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'PLANHAT', status: 503 },
    });
  });

  it('survives a hanging vendor within the vendor timeout', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', hang: true });
    const res = await gw.query<{ npsSummary: Summary }>(`{ npsSummary { ${SUMMARY} } }`);
    expect(res.data?.npsSummary.missingSources).toEqual(['PLANHAT']);
    expect(res.data?.npsSummary.responses).toBeGreaterThan(0);
    expect(res.errors.map((e) => e.extensions?.code)).toEqual(['VENDOR_TIMEOUT']);
  });

  it('answers an empty list of missing sources when every vendor answers', async () => {
    const res = await gw.query<{ npsSummary: Summary }>(`{ npsSummary { ${SUMMARY} } }`);
    expect(res.errors).toEqual([]);
    expect(res.data?.npsSummary.missingSources).toEqual([]);
    expect(res.data?.npsSummary.responses).toBeGreaterThan(0);
  });

  it('is null with every error when no source answered', async () => {
    for (const vendor of ['planhat', 'userlane', 'userloop'] as const) {
      gw.sandbox.faults.inject({ vendor, status: 503 });
    }
    const res = await gw.query<{ npsSummary: Summary | null }>(`{ npsSummary { ${SUMMARY} } }`);
    expect(res.data?.npsSummary).toBeNull();
    expect(new Set(res.errors.map((e) => e.extensions?.vendor))).toEqual(
      new Set(['PLANHAT', 'USERLANE', 'USERLOOP']),
    );
    for (const error of res.errors) expect(error.path).toEqual(['npsSummary']);
  });
});

interface Feed {
  npsResponses: {
    nodes: { source: string; answeredAt: string }[];
    pageInfo: { endCursor: string; hasNextPage: boolean };
    missingSources: string[];
  } | null;
}
const FEED = `query($after: String) {
  npsResponses(first: 10, after: $after) {
    nodes { source answeredAt }
    pageInfo { endCursor hasNextPage }
    missingSources
  }
}`;

describe('merged npsResponses with one failing vendor', () => {
  it('merges the others, names the failed one and resumes it where it stood when it is back', async () => {
    const fault = gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', status: 500 });
    const first = await gw.query<Feed>(FEED);
    const page = first.data?.npsResponses;
    expect(page?.missingSources).toEqual(['PLANHAT']);
    expect(page?.nodes).toHaveLength(10);
    expect(page?.nodes.filter((n) => n.source === 'PLANHAT')).toEqual([]);
    expect(first.errors).toHaveLength(1);
    expect(first.errors[0]).toMatchObject({
      path: ['npsResponses'],
      extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'PLANHAT' },
    });

    // Planhat is back: the next page reads it from its start (nothing of it was served), so
    // its newest answer, newer than the first page's last, comes first.
    gw.sandbox.faults.remove(fault);
    const alone = await gw.query<{ npsResponses: { nodes: { answeredAt: string }[] } }>(
      '{ npsResponses(first: 1, filter: { sources: [PLANHAT] }) { nodes { answeredAt } } }',
    );
    const newestPlanhat = alone.data?.npsResponses.nodes[0]?.answeredAt;
    expect(newestPlanhat).toBeTruthy();
    const second = await gw.query<Feed>(FEED, { after: page?.pageInfo.endCursor });
    expect(second.errors).toEqual([]);
    expect(second.data?.npsResponses?.missingSources).toEqual([]);
    const nodes = second.data?.npsResponses?.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    const planhat = nodes.filter((n) => n.source === 'PLANHAT');
    expect(planhat[0]?.answeredAt).toBe(newestPlanhat);
  });

  it('keeps UserLoop in the cursor when its NPS questions cannot be discovered', async () => {
    // UserLoop's catalog is cached across requests: start from a cold one.
    gw.services.caches.userloopSurveys.clear();
    const fault = gw.sandbox.faults.inject({ vendor: 'userloop', path: '/surveys', status: 500 });
    const first = await gw.query<Feed>(FEED);
    expect(first.data?.npsResponses?.missingSources).toEqual(['USERLOOP']);
    expect(first.data?.npsResponses?.nodes).toHaveLength(10);
    expect(first.errors.map((e) => e.extensions?.vendor)).toEqual(['USERLOOP']);
    gw.sandbox.faults.remove(fault);
    const second = await gw.query<Feed>(FEED, {
      after: first.data?.npsResponses?.pageInfo.endCursor,
    });
    expect(second.errors).toEqual([]);
    expect(second.data?.npsResponses?.missingSources).toEqual([]);
    expect(second.data?.npsResponses?.nodes.some((n) => n.source === 'USERLOOP')).toBe(true);
  });

  it('is null with the error when its only source fails', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', status: 500 });
    const res = await gw.query<Feed>(
      '{ npsResponses(first: 3, filter: { sources: [PLANHAT] }) { nodes { source } missingSources } }',
    );
    expect(res.data?.npsResponses).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      vendor: 'PLANHAT',
    });
  });
});
