import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { lastDays } from '../support/userlane-reference.js';

// Documented parameters and endpoints that were not reachable: each is forwarded as documented.

describe('Userlane Tags `type`', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  beforeEach(() => gw.sandbox.log.clear());
  afterAll(() => gw.close());
  const tagCalls = () => gw.sandbox.log.entries({ vendor: 'userlane', path: /\/tags$/ });

  it('forwards type on tags and tagInteractions, as given', async () => {
    const range = lastDays(gw.sandbox, 30, 1);
    const all = await gw.query<{ tags: { tagId: string }[] }>(
      'query($r: DateRange!) { tags(range: $r) { tagId totalInteractions } }',
      { r: range },
    );
    expect(all.errors).toEqual([]);
    expect(all.data?.tags.length).toBeGreaterThan(0);
    expect(tagCalls().every((c) => c.query.type === undefined)).toBe(true);
    gw.sandbox.log.clear();
    // The sandbox's tags are all Portal ("custom") tags, as the docs' example has it.
    const res = await gw.query<{
      custom: { tagId: string }[];
      other: { tagId: string }[];
      rows: { nodes: { count: number }[] };
    }>(
      `query($r: DateRange!) {
        custom: tags(range: $r, type: "custom") { tagId totalInteractions }
        other: tags(range: $r, type: "Other") { tagId }
        rows: tagInteractions(range: $r, first: 3, type: "custom") { nodes { count } }
      }`,
      { r: range },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.custom).toEqual(all.data?.tags);
    expect(res.data?.other).toEqual([]);
    expect(res.data?.rows.nodes).toHaveLength(3);
    const types = new Set(tagCalls().map((c) => c.query.type));
    expect(types).toEqual(new Set(['custom', 'Other']));
  });

  it('refuses a blank type before any call', async () => {
    const range = lastDays(gw.sandbox, 30, 1);
    const res = await gw.query('query($r: DateRange!) { tags(range: $r, type: " ") { tagId } }', {
      r: range,
    });
    expect(res.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'type' });
    expect(tagCalls()).toHaveLength(0);
  });
});

describe('UserLoop health and company_id', () => {
  it('probes GET /health for reachability and sends the configured company_id', async () => {
    // The sandbox's company id derives from its seed and clock: fix both to know it up front.
    const now = new Date(Date.UTC(2026, 5, 15, 12));
    const probe = await startTestGateway({ sandbox: { now } });
    const companyId = probe.sandbox.seed.userloop.companyId;
    await probe.close();
    const gw = await startTestGateway({
      sandbox: { now },
      env: { USERLOOP_COMPANY_ID: companyId },
    });
    try {
      const report = await gw.services.readiness();
      expect(report.vendors.userloop).toMatchObject({ enabled: true, ready: true });
      const calls = gw.sandbox.log.entries({ vendor: 'userloop' }).map((e) => e.path);
      expect(calls).toEqual(['/health']);
      const res = await gw.query<{ surveys: { nodes: unknown[] } }>(
        '{ surveys(sources: [USERLOOP], first: 2) { nodes { surveyId } } }',
      );
      expect(res.errors).toEqual([]);
      expect(res.data?.surveys.nodes.length).toBeGreaterThan(0);
      const catalog = gw.sandbox.log.entries({ vendor: 'userloop', path: '/surveys' });
      expect(catalog.length).toBeGreaterThan(0);
      for (const call of catalog) expect(call.query.company_id).toBe(companyId);
    } finally {
      await gw.close();
    }
  });

  it('answers VENDOR_FORBIDDEN when the configured company is not the key’s', async () => {
    const gw = await startTestGateway({ env: { USERLOOP_COMPANY_ID: 'not-our-company' } });
    try {
      const res = await gw.query(
        '{ surveys(sources: [USERLOOP], first: 2) { nodes { surveyId } } }',
      );
      expect(res.errors[0]?.extensions).toMatchObject({
        code: 'VENDOR_FORBIDDEN',
        vendor: 'USERLOOP',
        status: 403,
      });
      const catalog = gw.sandbox.log.entries({ vendor: 'userloop', path: '/surveys' });
      expect(catalog.map((c) => c.query.company_id)).toEqual(['not-our-company']);
    } finally {
      await gw.close();
    }
  });
});
