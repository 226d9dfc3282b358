import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { vendorText } from '../../src/transport/redact.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// Mutation.sendWebhookFeedback: UserHero's incoming webhooks, signed with the webhook's secret
// (docs: X-Webhook-Signature: sha256=<HMAC-SHA256 of the body>); the sandbox checks signatures.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const SEND = `mutation($input: SendWebhookFeedbackInput!) {
  sendWebhookFeedback(input: $input) { accepted status }
}`;

function seededWebhook() {
  const ws = gw.sandbox.seed.userhero.workspaceId;
  const hook = [...gw.sandbox.seed.userhero.data.webhooks.values()].find(
    (w) => w.workspaceId === ws && w.enabled && w.projectId !== null,
  );
  expect(hook).toBeDefined();
  return hook!;
}

describe('Mutation.sendWebhookFeedback', () => {
  it('posts a signed body to the hooks endpoint, without the secret or the API key', async () => {
    const hook = seededWebhook();
    const message = `Webhook test ${Date.now()}`;
    const res = await gw.query<{ sendWebhookFeedback: { accepted: boolean; status: number } }>(
      SEND,
      { input: { slug: hook.slug, secret: hook.secret, message, category: 'bug' } },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.sendWebhookFeedback.accepted).toBe(true);
    const calls = gw.sandbox.log.entries({ vendor: 'userhero', path: `/api/hooks/${hook.slug}` });
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.method).toBe('POST');
    expect(call.headers.authorization).toBeUndefined();
    const raw = JSON.stringify(call.body);
    const signature = `sha256=${createHmac('sha256', hook.secret).update(raw).digest('hex')}`;
    expect(call.headers['x-webhook-signature']).toBe(signature);
    expect(JSON.stringify(call)).not.toContain(hook.secret);
    const created = [...gw.sandbox.seed.userhero.data.feedback.values()].filter(
      (f) => f.message === message,
    );
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ projectId: hook.projectId, category: 'bug' });
    expect(gw.logLines.join('\n')).not.toContain(hook.secret);
    expect(res.body).not.toContain(hook.secret);
  });

  it('answers VENDOR_AUTH for a wrong secret, and creates nothing', async () => {
    const hook = seededWebhook();
    const before = gw.sandbox.seed.userhero.data.feedback.size;
    const wrong = `whsec_${'x'.repeat(32)}`;
    const res = await gw.query(SEND, {
      input: { slug: hook.slug, secret: wrong, message: 'Signed with the wrong secret' },
    });
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'VENDOR_AUTH',
      vendor: 'USERHERO',
      status: 401,
    });
    expect(gw.sandbox.seed.userhero.data.feedback.size).toBe(before);
    expect(gw.logLines.join('\n')).not.toContain(wrong);
    expect(res.body).not.toContain(wrong);
    // Sent once: an unsigned-for POST is never retried.
    expect(gw.sandbox.log.entries({ vendor: 'userhero' })).toHaveLength(1);
  });

  it('refuses a blank secret or message before any call', async () => {
    const hook = seededWebhook();
    const res = await gw.query(SEND, { input: { slug: hook.slug, secret: ' ', message: '' } });
    expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gw.sandbox.log.entries({ vendor: 'userhero' })).toHaveLength(0);
  });

  it('redacts webhook secrets from anything a vendor echoes', () => {
    const secret = `whsec_${'Ab1'.repeat(11)}`;
    const text = vendorText(`bad signature for ${secret}`, [], 500) ?? '';
    expect(text).not.toContain(secret);
    expect(text).toContain('bad signature for');
  });
});
