import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { expectNoSecrets, HEART, PLANHAT } from './support.js';

// A vendor that keeps failing opens its circuit: its fields fail fast without a call while the
// others answer; after the cooldown one probe decides whether it closes or opens again.

const COOLDOWN_MS = 300;
let gw: TestGateway;
const bodies: string[] = [];

const planhatCalls = () => gw.sandbox.log.count({ vendor: 'planhat', path: '/nps' });

async function query(text: string) {
  const res = await gw.query(text);
  bodies.push(res.body);
  return res;
}

type VendorState = {
  source: string;
  healthy: boolean | null;
  lastError: string | null;
  circuit: string;
};
async function planhatState(): Promise<VendorState> {
  const res = await query('{ vendors { source healthy lastError circuit budgetRemaining } }');
  const vendors = (res.data as { vendors: VendorState[] }).vendors;
  return vendors.find((v) => v.source === 'PLANHAT')!;
}

beforeAll(async () => {
  gw = await startTestGateway({
    env: {
      BREAKER_FAILURES: '3',
      BREAKER_COOLDOWN_MS: String(COOLDOWN_MS),
      VENDOR_TIMEOUT_MS: '300',
    },
  });
});
beforeEach(() => {
  gw.sandbox.faults.clear();
  gw.sandbox.log.clear();
});
afterAll(async () => {
  expectNoSecrets(gw, bodies);
  await gw.close();
});

describe('circuit breaker', () => {
  it('opens after sustained failures, then fails fast without calling, the others unharmed', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', status: 503 });
    // One query: the call and its 2 retries fail, 3 failures in a row.
    const failing = await query(`{ ${PLANHAT} }`);
    expect(failing.errors[0]?.extensions).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      status: 503,
    });
    expect(planhatCalls()).toBe(3);
    expect(await planhatState()).toMatchObject({
      healthy: false,
      circuit: 'OPEN',
      lastError: expect.stringContaining('HTTP 503'),
    });

    gw.sandbox.log.clear();
    const started = performance.now();
    const fast = await query(`{ ${PLANHAT} ${HEART} }`);
    const elapsed = performance.now() - started;
    expect(planhatCalls()).toBe(0);
    expect(fast.errors).toHaveLength(1);
    expect(fast.errors[0]).toMatchObject({
      path: ['npsResponses'],
      extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'PLANHAT', circuit: 'OPEN' },
    });
    expect(fast.errors[0]?.extensions?.retryAfter).toBe(1);
    expect(fast.errors[0]?.message).toMatch(/circuit is open/);
    expect(fast.data).toMatchObject({ npsResponses: null, heartScores: { nodes: [{}, {}] } });
    // Fail-fast: the heart call is the only one made; well under a single vendor timeout.
    expect(elapsed).toBeLessThan(250);
  });

  it('half-opens after the cooldown: a failed probe re-opens it, a good one closes it', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', status: 503 });
    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + 20));
    expect((await planhatState()).circuit).toBe('HALF_OPEN');
    // The probe fails: one call, no retry let through, and the circuit is open again.
    const probe = await query(`{ ${PLANHAT} }`);
    expect(probe.errors[0]?.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(planhatCalls()).toBe(1);
    expect((await planhatState()).circuit).toBe('OPEN');

    gw.sandbox.faults.clear();
    gw.sandbox.log.clear();
    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + 20));
    const recovered = await query(`{ ${PLANHAT} }`);
    expect(recovered.errors).toEqual([]);
    expect(planhatCalls()).toBe(1);
    expect(await planhatState()).toMatchObject({ circuit: 'CLOSED', healthy: true });
    // Closed again: calls flow normally.
    expect((await query(`{ ${PLANHAT} }`)).errors).toEqual([]);
  });

  it('does not count refusals of the caller (4xx) nor rate limits against the vendor', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', status: 400, times: 5 });
    for (let i = 0; i < 5; i++) await query(`{ ${PLANHAT} }`);
    gw.sandbox.faults.inject({
      vendor: 'planhat',
      path: '/nps',
      status: 429,
      headers: { 'Retry-After': '0' },
      times: 3,
    });
    await query(`{ ${PLANHAT} }`);
    expect(planhatCalls()).toBe(8);
    expect((await planhatState()).circuit).toBe('CLOSED');
  });

  it('opens for a vendor that hangs past every request deadline', async () => {
    const slow = await startTestGateway({
      env: { BREAKER_FAILURES: '2', REQUEST_DEADLINE_MS: '500', VENDOR_TIMEOUT_MS: '2000' },
    });
    try {
      slow.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', hang: true });
      for (let i = 0; i < 2; i++) {
        const res = await slow.query(`{ ${PLANHAT} }`);
        expect(res.errors[0]?.extensions).toMatchObject({ code: 'VENDOR_TIMEOUT' });
      }
      expect(slow.services.guards('planhat')?.circuit).toBe('OPEN');
      const started = performance.now();
      const fast = await slow.query(`{ ${PLANHAT} }`);
      expect(performance.now() - started).toBeLessThan(250);
      expect(fast.errors[0]?.extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        circuit: 'OPEN',
      });
      expect(slow.sandbox.log.count({ vendor: 'planhat' })).toBe(2);
    } finally {
      await slow.close();
    }
  });
});
