// Mutation.sendWebhookFeedback: feedback posted through one of UserHero's incoming webhooks, signed
// with its secret. The secret keys the HMAC and goes nowhere else: not to UserHero (only the
// signature is sent), not into the payload, not into a log (redact.ts masks `whsec_…` anyway).
import { cost, READ } from '../../../cost/declare.js';
import { builder } from '../../../builder.js';
import { InputChecks } from '../../../writes/validate.js';
import { vendorIdArgument } from '../keys.js';
import { userheroWrite } from './after-write.js';

const SendWebhookFeedbackInput = builder.inputType('SendWebhookFeedbackInput', {
  fields: (t) => ({
    slug: t.string({ required: true, description: "The webhook's slug (`Webhook.slug`)." }),
    secret: t.string({
      required: true,
      description:
        "The webhook's signing secret (whsec_…, from createWebhook): it signs the body " +
        '(X-Webhook-Signature: sha256=…) and is never sent or logged.',
    }),
    message: t.string({ required: true, description: 'Feedback text.' }),
    projectId: t.id({
      description: 'A Project id or UserHero project id; required when the webhook has no default.',
    }),
    category: t.string(),
    metadata: t.field({ type: 'JSON', description: 'Arbitrary JSON object stored with it.' }),
  }),
});

interface Sent {
  accepted: boolean;
  status: number;
}

const SendWebhookFeedbackPayload = builder.objectRef<Sent>('SendWebhookFeedbackPayload').implement({
  fields: (t) => ({
    accepted: t.exposeBoolean('accepted', {
      nullable: false,
      description: 'UserHero accepted the post (a 2xx answer); refusals are errors instead.',
    }),
    status: t.exposeInt('status', { nullable: false, description: "UserHero's HTTP status." }),
  }),
});

builder.mutationField('sendWebhookFeedback', (t) =>
  t.field({
    extensions: cost(READ),
    type: SendWebhookFeedbackPayload,
    nullable: false,
    description:
      'Posts feedback to a UserHero incoming webhook (POST USERHERO_HOOKS_BASE_URL/{slug}), ' +
      'signed with its secret. A wrong secret is VENDOR_AUTH, an unknown slug VENDOR_NOT_FOUND. ' +
      'Sent once, never retried: webhooks take no idempotency key.',
    args: { input: t.arg({ type: SendWebhookFeedbackInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const checks = new InputChecks('input');
      const slug = checks.text('input.slug', input.slug.trim());
      const secret = input.secret.trim();
      if (secret === '') checks.refuse('input.secret', 'must not be blank');
      const message = checks.text('input.message', input.message);
      const metadata = input.metadata;
      if (
        metadata !== null &&
        metadata !== undefined &&
        (typeof metadata !== 'object' || Array.isArray(metadata))
      ) {
        checks.refuse('input.metadata', 'must be a JSON object');
      }
      checks.done();
      const projectId = vendorIdArgument(input.projectId, 'Project', 'input.projectId')?.at(-1);
      const payload = {
        message: message ?? '',
        ...(projectId === undefined ? {} : { projectId }),
        ...(input.category == null ? {} : { category: input.category }),
        ...(metadata == null ? {} : { metadata: metadata as Record<string, unknown> }),
      };
      const client = ctx.vendor('userhero');
      const sent = await userheroWrite(ctx, () =>
        client.sendWebhook(slug ?? '', secret, payload, { signal: ctx.signal }),
      );
      return { accepted: sent.status >= 200 && sent.status < 300, status: sent.status };
    },
  }),
);
