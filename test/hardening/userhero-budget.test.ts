import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createGateway } from '../../src/server.js';
import { createServices } from '../../src/services.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { expectNoSecrets, WORKSPACES } from './support.js';

// UserHero allows 100 requests a minute per key, and this sandbox enforces exactly that. A burst
// of concurrent queries queues in the gateway's budget instead of meeting a 429: what fits in the
// deadline waits for the next window, what does not is answered at once. Takes one real minute.

let gw: TestGateway;
const bodies: string[] = [];
const LIMITED = 'VENDOR_RATE_LIMITED';

beforeAll(async () => {
  gw = await startTestGateway({
    sandbox: { userheroRateLimitPerMinute: 100 },
    env: { REQUEST_DEADLINE_MS: '75000' },
  });
});
afterAll(async () => {
  expectNoSecrets(gw, bodies);
  await gw.close();
});

describe('UserHero budget under a burst', () => {
  it('sends 100 at once, queues 100 for the next window, refuses 40 at once, and meets no 429', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 240 }, async () => {
        const res = await gw.query<{ workspaces: { name: string }[] | null }>(`{ ${WORKSPACES} }`);
        bodies.push(res.body);
        return { res, at: Date.now() - started };
      }),
    );
    const served = answers.filter(({ res }) => res.errors.length === 0);
    const refused = answers.filter(({ res }) => res.errors[0]?.extensions?.code === LIMITED);
    expect(served).toHaveLength(200);
    expect(refused).toHaveLength(40);
    for (const { res } of served) expect(res.data?.workspaces?.length).toBeGreaterThan(0);

    // The refused ones were answered at once, with the wait they would have needed: two windows.
    for (const { res, at } of refused) {
      expect(at).toBeLessThan(5000);
      expect(res.errors[0]?.extensions?.vendor).toBe('USERHERO');
      const retryAfter = res.errors[0]?.extensions?.retryAfter as number;
      expect(retryAfter).toBeGreaterThan(75);
      expect(retryAfter).toBeLessThanOrEqual(125);
      expect(res.errors[0]?.extensions?.status).toBeUndefined();
    }
    // Half were served in the first window, half after it reset.
    const early = served.filter(({ at }) => at < 5000);
    const late = served.filter(({ at }) => at >= 59_000);
    expect(early).toHaveLength(100);
    expect(late).toHaveLength(100);

    const calls = gw.sandbox.log.entries({ vendor: 'userhero' });
    expect(calls).toHaveLength(200);
    expect(calls.filter((entry) => entry.status === 429)).toHaveLength(0);
    expect(calls.filter((entry) => entry.status !== 200).map((entry) => entry.status)).toEqual([]);
  }, 120_000);

  it('honours a 429 it still meets (another client of the key) and sends nothing more until then', async () => {
    // A second gateway with the same key knows nothing of the first one's spending.
    const config = loadConfig({ ...gw.sandbox.env, REQUEST_DEADLINE_MS: '2000' });
    const lines: string[] = [];
    const services = createServices(config, {
      logger: createLogger('debug', (line) => lines.push(line)),
      sandbox: true,
    });
    const other = createGateway(services);
    const ask = async () => {
      const response = await other.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ ${WORKSPACES} }` }),
      });
      const text = await response.text();
      bodies.push(text);
      return JSON.parse(text) as { errors?: { extensions?: Record<string, unknown> }[] };
    };
    try {
      const before = gw.sandbox.log.count({ vendor: 'userhero' });
      const first = await ask();
      expect(first.errors?.[0]?.extensions).toMatchObject({ code: LIMITED, status: 429 });
      expect(first.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(2);
      expect(gw.sandbox.log.count({ vendor: 'userhero' })).toBe(before + 1);
      const second = await ask();
      expect(second.errors?.[0]?.extensions).toMatchObject({ code: LIMITED });
      expect(gw.sandbox.log.count({ vendor: 'userhero' })).toBe(before + 1);
      bodies.push(...lines);
    } finally {
      await services.close();
    }
  });
});
