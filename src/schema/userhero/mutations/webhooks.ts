// Incoming webhook writes. The signing secret exists in one place only: the payload of the create
// that made it. It is kept out of the Webhook object (which loaders may hold and any later query
// may read), and nothing logs answers.
import { cost, READ } from '../../../cost/declare.js';
import { builder } from '../../../builder.js';
import type { Webhook as WebhookShape } from '../../../domain/workspace.js';
import * as rules from '../../../writes/userhero-rules.js';
import { InputChecks } from '../../../writes/validate.js';
import { DeletePayload } from '../../shared/delete-payload.js';
import { Webhook, type WebhookNode } from '../projects.js';
import { IDEMPOTENCY_KEY_DOC, userheroWrite, writeOptions } from './after-write.js';
import { agreedWorkspace, resolveWorkspace, scopedGlobalId, scopedId, workspaceId } from './ids.js';

interface Created {
  webhook: WebhookNode;
  secret: string | null;
}

const CreateWebhookPayload = builder.objectRef<Created>('CreateWebhookPayload').implement({
  fields: (t) => ({
    webhook: t.field({ type: Webhook, nullable: false, resolve: (p) => p.webhook }),
    secret: t.exposeString('secret', {
      nullable: true,
      description:
        'The signing secret (whsec_...) for X-Webhook-Signature. UserHero shows it this once: ' +
        'store it now, no query returns it again. Null only if UserHero sent none.',
    }),
  }),
});

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  fields: (t) => ({
    workspaceId: t.id({
      description:
        'A Workspace id; that of projectId, else USERHERO_WORKSPACE_ID, by default (they must agree).',
    }),
    name: t.string({ required: true }),
    projectId: t.id({
      description: 'Default Project of the posted feedback; without it each post must name one.',
    }),
    idempotencyKey: t.string({ description: IDEMPOTENCY_KEY_DOC }),
  }),
});

type CreateArgs = typeof CreateWebhookInput.$inferInput;

function checkCreate(input: CreateArgs) {
  const checks = new InputChecks('input');
  const project = scopedId(checks, 'input.projectId', input.projectId, 'Project');
  const named = agreedWorkspace(checks, [
    {
      field: 'input.workspaceId',
      workspaceId: workspaceId(checks, 'input.workspaceId', input.workspaceId),
    },
    { field: 'input.projectId', workspaceId: project?.workspaceId },
  ]);
  const name = checks.text('input.name', input.name.trim());
  const idempotencyKey = rules.idempotencyKey(checks, 'input.idempotencyKey', input.idempotencyKey);
  checks.done();
  return { named, name: name ?? '', projectId: project?.id, idempotencyKey };
}

/** The webhook without its secret. */
function node(webhook: WebhookShape, ws: string): WebhookNode {
  return { ...webhook, secret: null, workspaceId: webhook.workspaceId ?? ws };
}

builder.mutationField('createWebhook', (t) =>
  t.field({
    extensions: cost(READ),
    type: CreateWebhookPayload,
    nullable: false,
    description: 'Creates an incoming webhook; the payload carries its one-time signing secret.',
    args: { input: t.arg({ type: CreateWebhookInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { named, name, projectId, idempotencyKey } = checkCreate(input);
      const ws = await resolveWorkspace(ctx, named);
      const client = ctx.vendor('userhero');
      return userheroWrite(ctx, async () => {
        const created = await client.createWebhook(
          { workspaceId: ws, name, ...(projectId === undefined ? {} : { projectId }) },
          writeOptions(ctx, idempotencyKey),
        );
        return { webhook: node(created, ws), secret: created.secret };
      });
    },
  }),
);

builder.mutationField('deleteWebhook', (t) =>
  t.field({
    extensions: cost(READ),
    type: DeletePayload,
    nullable: false,
    description: 'Deletes an incoming webhook; VENDOR_NOT_FOUND when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The Webhook to delete.' }) },
    resolve: async (_root, args, ctx) => {
      const checks = new InputChecks('id');
      const ref = scopedId(checks, 'id', args.id, 'Webhook');
      checks.done();
      const { workspaceId: ws = '', id = '' } = ref ?? {};
      const client = ctx.vendor('userhero');
      await userheroWrite(ctx, () => client.deleteWebhook(ws, id, writeOptions(ctx)));
      return { deletedId: scopedGlobalId('Webhook', { workspaceId: ws, id }) };
    },
  }),
);
