// UserHero project writes. A project change also drops the workspace's project list that requests
// share, so the next read anywhere sees it.
import { cost, READ } from '../../../cost/declare.js';
import { builder } from '../../../builder.js';
import type { Project as ProjectShape } from '../../../domain/project.js';
import type { UpdateProjectInput as VendorUpdate } from '../../../vendors/userhero/requests.js';
import * as rules from '../../../writes/userhero-rules.js';
import { InputChecks } from '../../../writes/validate.js';
import { DeletePayload } from '../../shared/delete-payload.js';
import { Project } from '../projects.js';
import { IDEMPOTENCY_KEY_DOC, userheroWrite, writeOptions } from './after-write.js';
import { resolveWorkspace, scopedGlobalId, scopedId, workspaceId } from './ids.js';

const ProjectPayload = builder.objectRef<{ project: ProjectShape }>('ProjectPayload').implement({
  description: 'The project as UserHero holds it after the write.',
  fields: (t) => ({
    project: t.field({ type: Project, nullable: false, resolve: (p) => p.project }),
  }),
});

const SlaRuleInput = builder.inputType('SlaRuleInput', {
  description: 'Response deadline for one priority: new feedback with it gets a dueDate.',
  fields: (t) => ({
    priority: t.string({ required: true, description: 'low, medium, high or urgent.' }),
    hours: t.float({ required: true, description: 'The deadline in hours, above 0.' }),
  }),
});

const CreateProjectInput = builder.inputType('CreateProjectInput', {
  fields: (t) => ({
    workspaceId: t.id({ description: 'A Workspace id; USERHERO_WORKSPACE_ID by default.' }),
    name: t.string({ required: true }),
    domain: t.string({ description: 'Associated domain, e.g. app.example.com.' }),
    idempotencyKey: t.string({ description: IDEMPOTENCY_KEY_DOC }),
  }),
});

const UpdateProjectInput = builder.inputType('UpdateProjectInput', {
  description:
    'Changes to one project: fields left out stay as they are; at least one must change.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The Project to change.' }),
    name: t.string({ description: 'Display name.' }),
    domain: t.string({ description: 'Associated domain.' }),
    slaRules: t.field({
      type: [SlaRuleInput],
      description: 'Replaces all SLA rules (at most one per priority); [] removes them.',
    }),
  }),
});

type CreateArgs = typeof CreateProjectInput.$inferInput;
type UpdateArgs = typeof UpdateProjectInput.$inferInput;

function checkCreate(input: CreateArgs) {
  const checks = new InputChecks('input');
  const named = workspaceId(checks, 'input.workspaceId', input.workspaceId);
  const name = checks.text('input.name', input.name.trim());
  const domain =
    input.domain == null ? undefined : checks.text('input.domain', input.domain.trim());
  const idempotencyKey = rules.idempotencyKey(checks, 'input.idempotencyKey', input.idempotencyKey);
  checks.done();
  return {
    named,
    fields: { name: name ?? '', ...(domain === undefined ? {} : { domain }) },
    idempotencyKey,
  };
}

function checkUpdate(input: UpdateArgs) {
  const checks = new InputChecks('input');
  const ref = scopedId(checks, 'input.id', input.id, 'Project');
  const body: Omit<VendorUpdate, 'workspaceId'> = {};
  for (const key of ['name', 'domain', 'slaRules'] as const) {
    if (input[key] === null) {
      checks.refuse(`input.${key}`, 'cannot be null: leave it out to keep the current value');
    }
  }
  if (input.name != null) body.name = checks.text('input.name', input.name.trim());
  if (input.domain != null) body.domain = checks.text('input.domain', input.domain.trim());
  if (input.slaRules != null) {
    body.slaRules = rules.slaRules(checks, 'input.slaRules', input.slaRules);
  }
  if (checks.ok && Object.keys(body).length === 0) {
    checks.refuse('input', 'must change at least one field besides id');
  }
  checks.done();
  const { workspaceId: ws = '', id = '' } = ref ?? {};
  return { ref: { workspaceId: ws, id }, write: { workspaceId: ws, ...body } };
}

builder.mutationField('createProject', (t) =>
  t.field({
    extensions: cost(READ),
    type: ProjectPayload,
    nullable: false,
    description: 'Creates a UserHero project.',
    args: { input: t.arg({ type: CreateProjectInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { named, fields, idempotencyKey } = checkCreate(input);
      const ws = await resolveWorkspace(ctx, named);
      const client = ctx.vendor('userhero');
      return userheroWrite(
        ctx,
        async () => ({
          project: await client.createProject(
            { workspaceId: ws, ...fields },
            writeOptions(ctx, idempotencyKey),
          ),
        }),
        { projectsOf: ws },
      );
    },
  }),
);

builder.mutationField('updateProject', (t) =>
  t.field({
    extensions: cost(READ),
    type: ProjectPayload,
    nullable: false,
    description: 'Changes the name, domain or SLA rules of a project.',
    args: { input: t.arg({ type: UpdateProjectInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { ref, write } = checkUpdate(input);
      const client = ctx.vendor('userhero');
      return userheroWrite(
        ctx,
        async () => {
          const project = await client.updateProject(ref.id, write, writeOptions(ctx));
          // UserHero's project answers leave the SLA rules out: the ones it just accepted stand.
          const slaRules =
            write.slaRules !== undefined && project.slaRules.length === 0
              ? write.slaRules
              : project.slaRules;
          return { project: { ...project, slaRules } };
        },
        { projectsOf: ref.workspaceId },
      );
    },
  }),
);

builder.mutationField('deleteProject', (t) =>
  t.field({
    extensions: cost(READ),
    type: DeletePayload,
    nullable: false,
    description:
      'Deletes a project and what lives in it (widgets, automations, feedback); VENDOR_NOT_FOUND ' +
      'when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The Project to delete.' }) },
    resolve: async (_root, args, ctx) => {
      const checks = new InputChecks('id');
      const ref = scopedId(checks, 'id', args.id, 'Project');
      checks.done();
      const { workspaceId: ws = '', id = '' } = ref ?? {};
      const client = ctx.vendor('userhero');
      await userheroWrite(ctx, () => client.deleteProject(ws, id, writeOptions(ctx)), {
        projectsOf: ws,
      });
      return { deletedId: scopedGlobalId('Project', { workspaceId: ws, id }) };
    },
  }),
);
