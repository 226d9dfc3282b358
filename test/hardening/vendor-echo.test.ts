import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendor } from '../../src/sandbox/index.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { expectNoSecrets, HEART, PLANHAT, WORKSPACES } from './support.js';

// A vendor's error answer is untrusted text: a 401 may echo the key we sent in its code, its
// message and any other field, run to megabytes or carry control characters. None of it may
// reach a response, `vendors { lastError }` or a log line as sent, in development or production.

const SECRET_ENV: Record<SandboxVendor, string> = {
  userlane: 'USERLANE_API_TOKEN',
  userloop: 'USERLOOP_API_KEY',
  userhero: 'USERHERO_API_KEY',
  planhat: 'PLANHAT_API_TOKEN',
};
const SOURCE: Record<SandboxVendor, string> = {
  userlane: 'USERLANE',
  userloop: 'USERLOOP',
  userhero: 'USERHERO',
  planhat: 'PLANHAT',
};
/** A field served by one call to the vendor, and the error body shape its parseError reads. */
const CASES: {
  vendor: SandboxVendor;
  query: string;
  body: (code: unknown, message: string, extra: Record<string, unknown>) => unknown;
}[] = [
  {
    vendor: 'userhero',
    query: WORKSPACES,
    body: (code, message, extra) => ({ error: { code, message, ...extra }, ...extra }),
  },
  {
    vendor: 'userloop',
    query: 'surveys(sources: [USERLOOP], first: 1) { nodes { id } }',
    body: (code, message, extra) => ({ error: message, code, detail: message, ...extra }),
  },
  {
    vendor: 'planhat',
    query: PLANHAT,
    body: (code, message, extra) => ({ code, message, error: { code, message }, ...extra }),
  },
  {
    vendor: 'userlane',
    query: HEART,
    body: (code, message, extra) => ({ code, message, detail: [{ msg: message }], ...extra }),
  },
];

let dev: TestGateway;
let prod: TestGateway;
const bodies: { gw: TestGateway; body: string }[] = [];

beforeAll(async () => {
  [dev, prod] = await Promise.all([
    startTestGateway(),
    startTestGateway({ env: { NODE_ENV: 'production' } }),
  ]);
});
afterEach(() => {
  for (const gw of [dev, prod]) gw.sandbox.faults.clear();
});
afterAll(async () => {
  for (const gw of [dev, prod]) {
    const seen = bodies.filter((b) => b.gw === gw).map((b) => b.body);
    expect(seen.length).toBeGreaterThan(0);
    expect(gw.logLines.length).toBeGreaterThan(0);
    expectNoSecrets(gw, seen);
  }
  await Promise.all([dev.close(), prod.close()]);
});

async function query(gw: TestGateway, text: string) {
  const res = await gw.query(text);
  bodies.push({ gw, body: res.body });
  return res;
}

const secretOf = (gw: TestGateway, vendor: SandboxVendor) =>
  gw.sandbox.env[SECRET_ENV[vendor]] as string;

describe.each([
  ['development', () => dev],
  ['production', () => prod],
])('vendor error text in %s mode', (_mode, gateway) => {
  it.each(CASES)(
    'redacts a $vendor 401 echoing its key in code, message and every field',
    async ({ vendor, query: field, body }) => {
      const gw = gateway();
      const key = secretOf(gw, vendor);
      // Another vendor's key too: keys get pasted into the wrong vendor's settings.
      const other = secretOf(gw, vendor === 'planhat' ? 'userhero' : 'planhat');
      gw.sandbox.faults.inject({
        vendor,
        status: 401,
        body: body(key, `bad key ${key}; also tried Authorization: Bearer ${other}`, {
          key,
          header: `Bearer ${key}`,
          nested: { token: key },
        }),
      });
      const res = await query(gw, `{ ${field} }`);
      expect(res.errors.length).toBeGreaterThan(0);
      const [error] = res.errors;
      expect(error?.extensions).toMatchObject({ code: 'VENDOR_AUTH', vendor: SOURCE[vendor] });
      // The code echoed the key: it is no code any more, so it is left out.
      expect(error?.extensions).not.toHaveProperty('vendorCode');
      expect(res.body).not.toContain(key);
      expect(res.body).not.toContain(other);
      expect(error?.message).toContain('bad key [redacted]');

      const health = await query(gw, '{ vendors { source lastError } }');
      const { vendors } = health.data as { vendors: { source: string; lastError: string }[] };
      expect(vendors.length).toBe(4);
      const lastError = vendors.find((v) => v.source === SOURCE[vendor])?.lastError;
      expect(lastError).toMatch(/answered HTTP 401/);
      expect(lastError).not.toContain(key);
      expect(lastError).not.toContain(other);
      const log = gw.logLines.join('\n');
      expect(log).not.toContain(key);
      expect(log).not.toContain(other);
    },
  );

  it('keeps a short, safe vendor code and cuts a long one, a long message and control characters', async () => {
    const gw = gateway();
    gw.sandbox.faults.inject({
      vendor: 'userhero',
      path: '/workspaces',
      status: 401,
      body: { error: { code: 'invalid_api_key', message: 'key revoked' } },
      times: 1,
    });
    const kept = await query(gw, `{ ${WORKSPACES} }`);
    expect(kept.errors.length).toBeGreaterThan(0);
    expect(kept.errors[0]?.extensions).toMatchObject({ vendorCode: 'invalid_api_key' });

    const forged = '\n{"level":"error","msg":"forged"}\u0000\u001b[31m\u202e';
    gw.sandbox.faults.inject({
      vendor: 'userhero',
      path: '/workspaces',
      status: 401,
      body: { error: { code: 'E'.repeat(65), message: `${'x'.repeat(5000)}${forged}` } },
    });
    const long = await query(gw, `{ ${WORKSPACES} }`);
    expect(long.errors.length).toBeGreaterThan(0);
    const [error] = long.errors;
    expect(error?.extensions).not.toHaveProperty('vendorCode');
    expect(error?.message).toMatch(/^UserHero workspaces\.list answered HTTP 401: x{500}…$/);

    gw.sandbox.faults.clear();
    gw.sandbox.faults.inject({
      vendor: 'userhero',
      path: '/workspaces',
      status: 401,
      body: { error: { code: 'bad code\n', message: `short${forged}` } },
    });
    const control = await query(gw, `{ ${WORKSPACES} }`);
    expect(control.errors.length).toBeGreaterThan(0);
    expect(control.errors[0]?.extensions).not.toHaveProperty('vendorCode');
    expect(control.errors[0]?.message).toBe(
      'UserHero workspaces.list answered HTTP 401: short {"level":"error","msg":"forged"} [31m',
    );
    // Every log line is still one JSON object of the gateway's.
    const lines = gw.logLines.flatMap((line) => line.split('\n'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('time');
  });

  it('redacts a truncated echo of the key in a plain-text error body', async () => {
    const gw = gateway();
    const key = secretOf(gw, 'planhat');
    gw.sandbox.faults.inject({
      vendor: 'planhat',
      status: 403,
      body: `${'.'.repeat(400)} token ${key.slice(0, 20)}… is not allowed here`,
    });
    const res = await query(gw, `{ ${PLANHAT} }`);
    expect(res.errors.length).toBeGreaterThan(0);
    expect(res.errors[0]?.extensions).toMatchObject({ code: 'VENDOR_FORBIDDEN', status: 403 });
    expect(res.body).not.toContain(key.slice(0, 20));
    expect(res.errors[0]?.message).toContain('token [redacted]');
  });
});
