import { createServer } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { expectNoSecrets, HEART, PLANHAT, WORKSPACES } from './support.js';

// Every request has a deadline its vendor calls inherit, a client that goes away takes its vendor
// calls with it, and one vendor down, slow or rate limited never fails the fields of the others.

const DEADLINE_MS = 400;
let gw: TestGateway;
const bodies: string[] = [];

const inFlight = (vendor: 'planhat' | 'userhero' | 'userlane' | 'userloop') =>
  gw.services.guards(vendor)?.inFlight;

beforeAll(async () => {
  // Vendor calls may take 5 s each: only the request deadline can stop them sooner.
  gw = await startTestGateway({
    env: { REQUEST_DEADLINE_MS: String(DEADLINE_MS), VENDOR_TIMEOUT_MS: '5000' },
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

describe('request deadline', () => {
  it('stops a hanging vendor call at the deadline and answers the rest', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', hang: true });
    const started = performance.now();
    const res = await gw.query(`{ ${PLANHAT} ${HEART} }`);
    bodies.push(res.body);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
    expect(elapsed).toBeLessThan(DEADLINE_MS + 400);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatchObject({
      path: ['npsResponses'],
      message: expect.stringContaining('request deadline (REQUEST_DEADLINE_MS)'),
      extensions: { code: 'VENDOR_TIMEOUT', vendor: 'PLANHAT' },
    });
    expect(res.data).toMatchObject({ npsResponses: null, heartScores: { nodes: [{}, {}] } });
    // The call was cancelled, not left running: nothing of it is still on the wire.
    expect(inFlight('planhat')).toBe(0);
    expect(gw.sandbox.log.count({ vendor: 'planhat' })).toBe(1);
  });

  it('gives a slow vendor only what is left of the deadline, and does not retry past it', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', status: 503, latencyMs: 250 });
    const started = performance.now();
    const res = await gw.query(`{ ${PLANHAT} }`);
    bodies.push(res.body);
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS + 300);
    expect(res.errors[0]?.extensions?.vendor).toBe('PLANHAT');
    // The first attempt took 250 ms; a retry would not fit, or was cut at the deadline.
    expect(gw.sandbox.log.count({ vendor: 'planhat' })).toBeLessThanOrEqual(2);
  });
});

describe('client disconnect', () => {
  it('aborts the in-flight vendor calls of a client that goes away', async () => {
    const slow = await startTestGateway({
      env: { REQUEST_DEADLINE_MS: '10000', VENDOR_TIMEOUT_MS: '5000' },
    });
    const http = createServer(slow.yoga);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const address = http.address();
    const endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
    try {
      slow.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', hang: true });
      slow.sandbox.faults.inject({ vendor: 'userhero', path: '/workspaces', hang: true });
      const client = new AbortController();
      const pending = fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ ${PLANHAT} ${WORKSPACES} }` }),
        signal: client.signal,
      }).catch((error: unknown) => error);
      // Both calls reached the vendors (which hang) and are on the wire.
      await until(
        () =>
          slow.services.guards('planhat')?.inFlight === 1 &&
          slow.services.guards('userhero')?.inFlight === 1 &&
          slow.sandbox.log.count({ vendor: 'planhat' }) === 1 &&
          slow.sandbox.log.count({ vendor: 'userhero' }) === 1,
      );
      const abortedAt = performance.now();
      client.abort();
      await pending;
      await until(
        () =>
          slow.services.guards('planhat')?.inFlight === 0 &&
          slow.services.guards('userhero')?.inFlight === 0,
      );
      // Gone within milliseconds, not at the 5 s vendor timeout nor the 10 s deadline.
      expect(performance.now() - abortedAt).toBeLessThan(500);
      expect(slow.sandbox.log.count({ vendor: 'planhat' })).toBe(1);
      // A call the client abandoned says nothing about the vendor's health.
      expect(slow.services.guards('planhat')?.circuit).toBe('CLOSED');
      expect(slow.services.health.snapshot('planhat').healthy).toBeNull();
      expect(slow.logLines.join('\n')).toContain('"aborted":"client"');
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await slow.close();
    }
  });
});

describe('partial results', () => {
  // Last in this file: the 429 closes UserHero to this gateway for two minutes.
  it('answers every healthy vendor while one is down, one slow and one rate limited', async () => {
    gw.sandbox.faults.inject({ vendor: 'userloop', status: 503 });
    gw.sandbox.faults.inject({ vendor: 'planhat', path: '/nps', hang: true });
    gw.sandbox.faults.inject({
      vendor: 'userhero',
      path: '/workspaces',
      status: 429,
      headers: { 'Retry-After': '120' },
    });
    const res = await gw.query(`{ ${HEART} ${PLANHAT} ${WORKSPACES}
      surveys(sources: [USERLOOP]) { nodes { title } } vendors { source } }`);
    bodies.push(res.body);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      heartScores: { nodes: [{}, {}] },
      npsResponses: null,
      workspaces: null,
      surveys: null,
      vendors: [{}, {}, {}, {}],
    });
    const codes = Object.fromEntries(res.errors.map((e) => [e.path?.[0], e.extensions?.code]));
    expect(codes).toEqual({
      npsResponses: 'VENDOR_TIMEOUT',
      workspaces: 'VENDOR_RATE_LIMITED',
      surveys: 'VENDOR_UNAVAILABLE',
    });
  });
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
