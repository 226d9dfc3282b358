import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { VendorError } from '../../src/transport/vendor-error.js';
import { VendorTransport } from '../../src/transport/vendor-transport.js';
import { userheroProfile } from '../../src/vendors/userhero/profile.js';

// Retrying a write is only safe when the vendor can recognise the repeat (Idempotency-Key).

let sandbox: Sandbox;
let transport: VendorTransport;

beforeAll(async () => {
  sandbox = await startSandbox({ userheroRateLimitPerMinute: 100_000 });
  transport = new VendorTransport(
    userheroProfile({
      baseUrl: sandbox.env.USERHERO_BASE_URL,
      apiKey: sandbox.env.USERHERO_API_KEY as string,
    }),
    { timeoutMs: 1000, backoffBaseMs: 5 },
  );
});
afterEach(() => {
  sandbox.faults.clear();
  sandbox.log.clear();
});
afterAll(async () => {
  await transport.close();
  await sandbox.close();
});

const workspaceId = () => sandbox.env.USERHERO_WORKSPACE_ID as string;
const projectId = () => [...sandbox.seed.userhero.data.projects.values()][0]?.id as string;

function createFeedback(idempotencyKey?: string) {
  return transport.request({
    method: 'POST',
    path: '/feedback',
    json: { workspaceId: workspaceId(), projectId: projectId(), message: 'Export button broken' },
    idempotencyKey,
    operation: 'feedback.create',
  });
}

describe('writes through the transport', () => {
  it.each([
    ['a 503', { status: 503 }],
    ['a reset connection', { reset: true }],
    ['a cut-off body', { malformed: 'truncated' as const }],
  ])('never sends a POST without an idempotency key twice, even after %s', async (_what, fault) => {
    sandbox.faults.inject({ vendor: 'userhero', method: 'POST', path: '/feedback', ...fault });
    const error = await createFeedback().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(sandbox.log.count({ vendor: 'userhero', method: 'POST' })).toBe(1);
  });

  it('retries a POST that carries an idempotency key, which the vendor answers once', async () => {
    sandbox.faults.inject({
      vendor: 'userhero',
      method: 'POST',
      path: '/feedback',
      status: 503,
      times: 2,
    });
    const before = sandbox.seed.userhero.data.feedback.size;
    const answer = await createFeedback('retry-test-key-1');
    expect(answer.status).toBe(201);
    const posts = sandbox.log.entries({ vendor: 'userhero', method: 'POST' });
    expect(posts).toHaveLength(3);
    expect(posts.map((p) => p.headers['idempotency-key'])).toEqual(
      Array(3).fill('retry-test-key-1'),
    );
    expect(sandbox.seed.userhero.data.feedback.size).toBe(before + 1);
  });

  it('gives a retried POST at most 2 retries', async () => {
    sandbox.faults.inject({ vendor: 'userhero', method: 'POST', path: '/feedback', status: 500 });
    await expect(createFeedback('retry-test-key-2')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(sandbox.log.count({ vendor: 'userhero', method: 'POST' })).toBe(3);
  });

  it('sends the auth header to the vendor but keeps it out of errors', async () => {
    sandbox.faults.inject({ vendor: 'userhero', method: 'POST', path: '/feedback', status: 401 });
    const error = (await createFeedback().catch((e: unknown) => e)) as VendorError;
    const key = sandbox.env.USERHERO_API_KEY as string;
    expect(sandbox.log.entries({ vendor: 'userhero' })[0]?.headers.authorization).toBe(
      `Bearer ${key}`,
    );
    expect(error.kind).toBe('auth');
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
      key,
    );
  });
});
