// UserHero widget writes.
import { cost, READ } from '../../../cost/declare.js';
import { builder } from '../../../builder.js';
import type { Widget as WidgetShape } from '../../../domain/project.js';
import type { UpdateWidgetInput as VendorUpdate } from '../../../vendors/userhero/requests.js';
import * as rules from '../../../writes/userhero-rules.js';
import { InputChecks } from '../../../writes/validate.js';
import { DeletePayload } from '../../shared/delete-payload.js';
import { Widget, type WidgetNode } from '../projects.js';
import { IDEMPOTENCY_KEY_DOC, userheroWrite, writeOptions } from './after-write.js';
import { agreedWorkspace, scopedGlobalId, scopedId, workspaceId } from './ids.js';

const WidgetPayload = builder.objectRef<{ widget: WidgetNode }>('WidgetPayload').implement({
  description: 'The widget as UserHero holds it after the write.',
  fields: (t) => ({
    widget: t.field({ type: Widget, nullable: false, resolve: (p) => p.widget }),
  }),
});

const CreateWidgetInput = builder.inputType('CreateWidgetInput', {
  fields: (t) => ({
    workspaceId: t.id({
      description: "A Workspace id; the project's workspace by default (they must agree).",
    }),
    projectId: t.id({ required: true, description: 'The Project the widget collects for.' }),
    name: t.string({ required: true }),
    config: t.field({ type: 'JSON', description: 'Object, e.g. { "type": "modal" }.' }),
    styling: t.field({ type: 'JSON', description: 'Object, e.g. { "primaryColor": "#6366f1" }.' }),
    idempotencyKey: t.string({ description: IDEMPOTENCY_KEY_DOC }),
  }),
});

const UpdateWidgetInput = builder.inputType('UpdateWidgetInput', {
  description: 'Changes to one widget: fields left out stay as they are; at least one must change.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The Widget to change.' }),
    name: t.string(),
    enabled: t.boolean(),
    config: t.field({ type: 'JSON', description: 'Object.' }),
    styling: t.field({ type: 'JSON', description: 'Object.' }),
  }),
});

type CreateArgs = typeof CreateWidgetInput.$inferInput;
type UpdateArgs = typeof UpdateWidgetInput.$inferInput;

function objects(
  checks: InputChecks,
  input: { config?: unknown; styling?: unknown },
): { config?: Record<string, unknown>; styling?: Record<string, unknown> } {
  const out: { config?: Record<string, unknown>; styling?: Record<string, unknown> } = {};
  if (input.config != null) out.config = checks.jsonObject('input.config', input.config);
  if (input.styling != null) out.styling = checks.jsonObject('input.styling', input.styling);
  return out;
}

function checkCreate(input: CreateArgs) {
  const checks = new InputChecks('input');
  const project = scopedId(checks, 'input.projectId', input.projectId, 'Project');
  const ws = agreedWorkspace(checks, [
    { field: 'input.projectId', workspaceId: project?.workspaceId },
    {
      field: 'input.workspaceId',
      workspaceId: workspaceId(checks, 'input.workspaceId', input.workspaceId),
    },
  ]);
  const name = checks.text('input.name', input.name.trim());
  const extra = objects(checks, input);
  const idempotencyKey = rules.idempotencyKey(checks, 'input.idempotencyKey', input.idempotencyKey);
  checks.done();
  const write = { workspaceId: ws ?? '', projectId: project?.id ?? '', name: name ?? '', ...extra };
  return { write, idempotencyKey };
}

function checkUpdate(input: UpdateArgs) {
  const checks = new InputChecks('input');
  const ref = scopedId(checks, 'input.id', input.id, 'Widget');
  for (const key of ['name', 'enabled', 'config', 'styling'] as const) {
    if (input[key] === null) {
      checks.refuse(`input.${key}`, 'cannot be null: leave it out to keep the current value');
    }
  }
  const body: Omit<VendorUpdate, 'workspaceId'> = objects(checks, input);
  if (input.name != null) body.name = checks.text('input.name', input.name.trim());
  if (input.enabled != null) body.enabled = input.enabled;
  if (checks.ok && Object.keys(body).length === 0) {
    checks.refuse('input', 'must change at least one field besides id');
  }
  checks.done();
  const { workspaceId: ws = '', id = '' } = ref ?? {};
  return { ref: { workspaceId: ws, id }, write: { workspaceId: ws, ...body } };
}

const node = (widget: WidgetShape, ws: string): WidgetNode => ({
  ...widget,
  workspaceId: widget.workspaceId ?? ws,
});

builder.mutationField('createWidget', (t) =>
  t.field({
    extensions: cost(READ),
    type: WidgetPayload,
    nullable: false,
    description: 'Creates a feedback widget in a project.',
    args: { input: t.arg({ type: CreateWidgetInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { write, idempotencyKey } = checkCreate(input);
      const client = ctx.vendor('userhero');
      return userheroWrite(ctx, async () => ({
        widget: node(
          await client.createWidget(write, writeOptions(ctx, idempotencyKey)),
          write.workspaceId,
        ),
      }));
    },
  }),
);

builder.mutationField('updateWidget', (t) =>
  t.field({
    extensions: cost(READ),
    type: WidgetPayload,
    nullable: false,
    description: 'Changes the name, enabled state, config or styling of a widget.',
    args: { input: t.arg({ type: UpdateWidgetInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { ref, write } = checkUpdate(input);
      const client = ctx.vendor('userhero');
      return userheroWrite(ctx, async () => ({
        widget: node(await client.updateWidget(ref.id, write, writeOptions(ctx)), ref.workspaceId),
      }));
    },
  }),
);

builder.mutationField('deleteWidget', (t) =>
  t.field({
    extensions: cost(READ),
    type: DeletePayload,
    nullable: false,
    description: 'Deletes a widget; VENDOR_NOT_FOUND when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The Widget to delete.' }) },
    resolve: async (_root, args, ctx) => {
      const checks = new InputChecks('id');
      const ref = scopedId(checks, 'id', args.id, 'Widget');
      checks.done();
      const { workspaceId: ws = '', id = '' } = ref ?? {};
      const client = ctx.vendor('userhero');
      await userheroWrite(ctx, () => client.deleteWidget(ws, id, writeOptions(ctx)));
      return { deletedId: scopedGlobalId('Widget', { workspaceId: ws, id }) };
    },
  }),
);
