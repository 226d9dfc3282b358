import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// Every vendor failure mode, injected in the sandbox, seen through GraphQL: its extensions.code,
// the number of vendor calls it cost, and the rest of the query still resolving.

const HEART = `heartScores(range: { from: "2026-01-01", to: "2026-01-31" }, first: 2) { nodes { date } }`;
const PLANHAT = `npsResponses(filter: { sources: [PLANHAT] }, first: 2) { nodes { score source } }`;
const WORKSPACES = 'workspaces { name }';

let gw: TestGateway;
const bodies: string[] = [];

async function query(text: string) {
  const result = await gw.query(text);
  bodies.push(result.body);
  return result;
}

const planhatCalls = () => gw.sandbox.log.count({ vendor: 'planhat', path: '/nps' });

beforeAll(async () => {
  gw = await startTestGateway({ env: { VENDOR_TIMEOUT_MS: '400' } });
});
afterEach(() => {
  gw.sandbox.faults.clear();
  gw.sandbox.log.clear();
});
afterAll(async () => {
  // No secret of any vendor in any response or log line written under these faults.
  const secrets = secretValues(gw.sandbox.env);
  const output = [...bodies, ...gw.logLines].join('\n');
  for (const secret of secrets) expect(output).not.toContain(secret);
  await gw.close();
});

function secretValues(env: Record<string, string>): string[] {
  return ['USERLANE_API_TOKEN', 'USERLOOP_API_KEY', 'USERHERO_API_KEY', 'PLANHAT_API_TOKEN'].map(
    (name) => env[name] as string,
  );
}

describe('retries', () => {
  it('retries a GET after 5xx and answers when the vendor recovers', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', status: 503, times: 2 });
    const res = await query(`{ ${PLANHAT} }`);
    expect(res.errors).toEqual([]);
    expect(res.data).toMatchObject({ npsResponses: { nodes: [{ source: 'PLANHAT' }, {}] } });
    expect(planhatCalls()).toBe(3);
  });

  it('gives up after 2 retries with VENDOR_UNAVAILABLE, and the other vendors still answer', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', status: 502 });
    const res = await query(`{ ${PLANHAT} ${HEART} }`);
    expect(planhatCalls()).toBe(3);
    expect(res.data).toMatchObject({ npsResponses: null, heartScores: { nodes: [{}, {}] } });
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({
      path: ['npsResponses'],
      extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'PLANHAT', status: 502 },
    });
  });

  it('retries a reset connection and a cut-off body, then fails typed when they persist', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', reset: true, times: 1 });
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', malformed: 'truncated', times: 1 });
    expect((await query(`{ ${PLANHAT} }`)).errors).toEqual([]);
    expect(planhatCalls()).toBe(3);

    gw.sandbox.log.clear();
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', reset: true });
    const reset = await query(`{ ${PLANHAT} }`);
    expect(reset.errors[0]?.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(planhatCalls()).toBe(3);

    gw.sandbox.faults.clear();
    gw.sandbox.log.clear();
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', malformed: 'truncated' });
    const cut = await query(`{ ${PLANHAT} }`);
    expect(cut.errors[0]?.extensions).toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
    expect(planhatCalls()).toBe(3);
  });

  it('waits out a short Retry-After on 429', async () => {
    gw.sandbox.faults.inject({
      vendor: 'planhat',
      path: '/nps',
      status: 429,
      headers: { 'Retry-After': '1' },
      times: 1,
    });
    const started = Date.now();
    const res = await query(`{ ${PLANHAT} }`);
    expect(res.errors).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(planhatCalls()).toBe(2);
  });

  // A 429 closes the vendor to the whole gateway until the time it names: each of these tests
  // gets a gateway of its own so the others can still reach the vendor.
  it('answers VENDOR_RATE_LIMITED with retryAfter at once when the vendor asks for a long wait', async () => {
    const own = await startTestGateway({ env: { VENDOR_TIMEOUT_MS: '400' } });
    try {
      own.sandbox.faults.inject({
        vendor: 'planhat',
        path: '/nps',
        status: 429,
        headers: { 'Retry-After': '120' },
      });
      const res = await own.query(`{ ${PLANHAT} }`);
      bodies.push(res.body);
      expect(res.errors[0]?.extensions).toMatchObject({
        code: 'VENDOR_RATE_LIMITED',
        vendor: 'PLANHAT',
        status: 429,
        retryAfter: 120,
      });
      expect(own.sandbox.log.count({ vendor: 'planhat', path: '/nps' })).toBe(1);
    } finally {
      await own.close();
    }
  });

  it("honours UserHero's X-RateLimit-Reset when no Retry-After is sent", async () => {
    const own = await startTestGateway({ env: { VENDOR_TIMEOUT_MS: '400' } });
    try {
      const reset = Math.ceil(Date.now() / 1000) + 90;
      own.sandbox.faults.inject({
        vendor: 'userhero',
        path: '/workspaces',
        status: 429,
        headers: {
          'Retry-After': '',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': `${reset}`,
        },
      });
      const res = await own.query(`{ ${WORKSPACES} }`);
      bodies.push(res.body);
      const retryAfter = res.errors[0]?.extensions?.retryAfter as number;
      expect(res.errors[0]?.extensions).toMatchObject({
        code: 'VENDOR_RATE_LIMITED',
        vendor: 'USERHERO',
      });
      expect(retryAfter).toBeGreaterThanOrEqual(88);
      expect(retryAfter).toBeLessThanOrEqual(91);
      expect(own.sandbox.log.count({ vendor: 'userhero' })).toBe(1);
    } finally {
      await own.close();
    }
  });
});

describe('failures that are not retried', () => {
  it('times out a hanging vendor with VENDOR_TIMEOUT after one call', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', hang: true });
    const started = Date.now();
    const res = await query(`{ ${PLANHAT} ${HEART} }`);
    const elapsed = Date.now() - started;
    expect(res.errors[0]).toMatchObject({
      path: ['npsResponses'],
      extensions: { code: 'VENDOR_TIMEOUT', vendor: 'PLANHAT' },
    });
    expect(res.data).toMatchObject({ heartScores: { nodes: [{}, {}] } });
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(2000);
    expect(planhatCalls()).toBe(1);
  });

  it.each([
    ['not-json' as const, 'VENDOR_BAD_RESPONSE'],
    ['wrong-shape' as const, 'VENDOR_BAD_RESPONSE'],
  ])('refuses a %s body with %s and does not retry it', async (malformed, code) => {
    gw.sandbox.faults.inject({ vendor: 'userhero', path: '/workspaces', malformed });
    const res = await query(`{ ${WORKSPACES} ${HEART} }`);
    expect(res.errors[0]).toMatchObject({ path: ['workspaces'], extensions: { code } });
    expect(res.data).toMatchObject({ workspaces: null, heartScores: { nodes: [{}, {}] } });
    expect(gw.sandbox.log.count({ vendor: 'userhero' })).toBe(1);
  });

  it.each([
    [401, 'VENDOR_AUTH'],
    [403, 'VENDOR_FORBIDDEN'],
    [404, 'VENDOR_NOT_FOUND'],
    [409, 'VENDOR_CONFLICT'],
    [400, 'BAD_USER_INPUT'],
  ])('maps UserHero %i to %s with its own code and message', async (status, code) => {
    gw.sandbox.faults.inject({ vendor: 'userhero', path: '/workspaces', status });
    const res = await query(`{ ${WORKSPACES} }`);
    expect(res.errors[0]?.extensions).toMatchObject({ code, vendor: 'USERHERO', status });
    expect(res.errors[0]?.extensions?.vendorCode).toEqual(expect.any(String));
    expect(res.errors[0]?.message).toMatch(/^UserHero workspaces\.list answered HTTP/);
    expect(gw.sandbox.log.count({ vendor: 'userhero' })).toBe(1);
  });

  it("passes Userlane's own 422 message on as BAD_USER_INPUT", async () => {
    gw.sandbox.faults.inject({
      vendor: 'userlane',
      path: /\/heart$/,
      status: 422,
      body: { message: 'start must be before end' },
    });
    const res = await query(`{ ${HEART} }`);
    expect(res.errors[0]).toMatchObject({
      message: 'Userlane heart.list answered HTTP 422: start must be before end',
      extensions: { code: 'BAD_USER_INPUT', vendor: 'USERLANE', status: 422 },
    });
  });

  it('reports the failing vendor in `vendors` until it answers again', async () => {
    gw.sandbox.faults.inject({ vendor: 'userhero', path: '/workspaces', status: 500 });
    await query(`{ ${WORKSPACES} }`);
    const down = await query('{ vendors { source healthy lastError } }');
    expect(down.data).toMatchObject({
      vendors: expect.arrayContaining([
        { source: 'USERHERO', healthy: false, lastError: expect.stringContaining('HTTP 500') },
      ]),
    });
    gw.sandbox.faults.clear();
    await query(`{ ${WORKSPACES} }`);
    const up = await query('{ vendors { source healthy } }');
    expect(up.data).toMatchObject({
      vendors: expect.arrayContaining([{ source: 'USERHERO', healthy: true }]),
    });
  });
});

describe('configuration-level failures', () => {
  it('answers VENDOR_DISABLED for a vendor without credentials and resolves the rest', async () => {
    const partial = await startTestGateway({ env: { PLANHAT_API_TOKEN: '' } });
    try {
      const res = await partial.query(`{ ${PLANHAT} ${WORKSPACES} vendors { source enabled } }`);
      expect(res.errors).toHaveLength(1);
      expect(res.errors[0]).toMatchObject({
        path: ['npsResponses'],
        extensions: { code: 'VENDOR_DISABLED', vendor: 'PLANHAT' },
      });
      expect(res.data).toMatchObject({
        workspaces: expect.arrayContaining([{ name: 'Acme Inc' }]),
        vendors: expect.arrayContaining([{ source: 'PLANHAT', enabled: false }]),
      });
      expect(partial.sandbox.log.count({ vendor: 'planhat' })).toBe(0);
    } finally {
      await partial.close();
    }
  });

  it('answers VENDOR_AUTH for a wrong token and never echoes it', async () => {
    const wrong = 'pk_wrong_token_5f2a91c0';
    const bad = await startTestGateway({ env: { PLANHAT_API_TOKEN: wrong } });
    try {
      const res = await bad.query(`{ ${PLANHAT} }`);
      expect(res.errors[0]?.extensions).toMatchObject({ code: 'VENDOR_AUTH', status: 401 });
      expect(res.body).not.toContain(wrong);
      expect(bad.logLines.join('\n')).not.toContain(wrong);
    } finally {
      await bad.close();
    }
  });

  it('answers VENDOR_UNAVAILABLE when the vendor refuses the connection', async () => {
    const port = await closedPort();
    const down = await startTestGateway({ env: { PLANHAT_BASE_URL: `http://127.0.0.1:${port}` } });
    try {
      const res = await down.query(`{ ${PLANHAT} ${HEART} }`);
      expect(res.errors[0]).toMatchObject({
        path: ['npsResponses'],
        extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'PLANHAT' },
      });
      expect(res.errors[0]?.message).toContain('ECONNREFUSED');
      expect(res.data).toMatchObject({ heartScores: { nodes: [{}, {}] } });
    } finally {
      await down.close();
    }
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}
