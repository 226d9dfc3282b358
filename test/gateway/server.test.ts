import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { listen, rawRequest } from '../support/raw-http.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterEach(() => gw.sandbox.faults.clear());
afterAll(() => gw.close());

describe('HTTP endpoints', () => {
  it('answers /healthz without calling any vendor', async () => {
    gw.sandbox.log.clear();
    const res = await gw.yoga.fetch('http://gateway.test/healthz');
    expect(res.status).toBe(200);
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('is ready once every enabled vendor answered, probing each at most once', async () => {
    gw.sandbox.log.clear();
    const [a, b] = await Promise.all([
      gw.yoga.fetch('http://gateway.test/readyz'),
      gw.yoga.fetch('http://gateway.test/readyz'),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const report = (await a.json()) as { ready: boolean; vendors: Record<string, unknown> };
    expect(report.ready).toBe(true);
    expect(Object.keys(report.vendors).sort()).toEqual([
      'planhat',
      'userhero',
      'userlane',
      'userloop',
    ]);
    for (const vendor of ['userlane', 'userloop', 'userhero', 'planhat'] as const) {
      expect(gw.sandbox.log.count({ vendor })).toBe(1);
    }
    // Fresh answers need no new probe.
    await gw.yoga.fetch('http://gateway.test/readyz');
    expect(gw.sandbox.log.count()).toBe(4);
  });

  it('is not ready while an enabled vendor fails, and says which', async () => {
    const down = await startTestGateway();
    try {
      down.sandbox.faults.inject({ vendor: 'userloop', status: 500 });
      const res = await down.yoga.fetch('http://gateway.test/readyz');
      expect(res.status).toBe(503);
      const report = (await res.json()) as { vendors: Record<string, { ready: boolean }> };
      expect(report.vendors.userloop?.ready).toBe(false);
      expect(report.vendors.planhat?.ready).toBe(true);
    } finally {
      await down.close();
    }
  });

  it('serves GraphiQL with a dashboard query that runs without errors', async () => {
    const page = await gw.yoga.fetch('http://gateway.test/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    const { DASHBOARD_QUERY } = await import('../../src/graphiql-default.js');
    expect(html).toContain(JSON.stringify(DASHBOARD_QUERY).slice(1, 40));
    const res = await gw.query(DASHBOARD_QUERY);
    expect(res.errors).toEqual([]);
  });

  it('answers a readiness probe that throws with 503 on a real server, and keeps serving', async () => {
    const http = await listen(gw);
    const readiness = gw.services.readiness;
    gw.services.readiness = () => Promise.reject(new Error('probe bug'));
    try {
      const res = await rawRequest(http.port, { method: 'GET', target: '/readyz' });
      expect(res.status).toBe(503);
      expect(res.body).toContain('NOT_READY');
      expect((await rawRequest(http.port, { method: 'GET', target: '/healthz' })).status).toBe(200);
    } finally {
      gw.services.readiness = readiness;
      await http.close();
    }
  });
});

describe('malformed requests', () => {
  it.each([
    [
      'a Date variable that is no date',
      'query($r: DateRange!) { heartScores(range: $r) { totalCount } }',
      { r: { from: 'soon', to: '2026-01-01' } },
      'r.from',
    ],
    [
      'an Int variable that is a string',
      'query($n: Int) { heartScores(range: { from: "2026-01-01", to: "2026-01-02" }, first: $n) { totalCount } }',
      { n: 'ten' },
      '$n',
    ],
  ])(
    "refuses %s as the caller's error with BAD_USER_INPUT, never a 500",
    async (_what, query, variables, names) => {
      gw.sandbox.log.clear();
      const res = await gw.query(query, variables, { accept: 'application/json' });
      // Yoga's executor answers a variable that cannot be coerced with 400, whatever the Accept.
      expect(res.status).toBe(400);
      expect(res.errors[0]?.message).toContain(names);
      expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(gw.sandbox.log.count()).toBe(0);
      const strict = await gw.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
        },
        body: JSON.stringify({ query, variables }),
      });
      expect(strict.status).toBe(400);
    },
  );
});
