import { cost, READ } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type { Workspace as WorkspaceShape, WorkspaceUsage } from '../../domain/workspace.js';

const UsageCount = builder.objectRef<{ name: string; value: number }>('UsageCount').implement({
  description: 'One named plan limit or usage counter.',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: false }),
    value: t.exposeFloat('value', { nullable: false }),
  }),
});

const entries = (record: Record<string, number>) =>
  Object.entries(record).map(([name, value]) => ({ name, value }));

const Usage = builder.objectRef<WorkspaceUsage>('WorkspaceUsage').implement({
  description: 'Plan limits and current usage of a UserHero workspace.',
  fields: (t) => ({
    plan: t.exposeString('plan', { nullable: true }),
    periodStart: t.exposeString('periodStart', { nullable: true }),
    periodEnd: t.exposeString('periodEnd', { nullable: true }),
    limits: t.field({ type: [UsageCount], nullable: false, resolve: (u) => entries(u.limits) }),
    usage: t.field({ type: [UsageCount], nullable: false, resolve: (u) => entries(u.usage) }),
    raw: t.field({
      type: 'JSON',
      nullable: false,
      description: 'The whole answer as UserHero sent it.',
      resolve: (u) => u.data,
    }),
  }),
});

export const Workspace = builder.loadableNode('Workspace', {
  description: 'A UserHero workspace the API key may use (owner or admin, API access on).',
  id: { resolve: (w: WorkspaceShape) => w.id },
  load: (ids: string[], ctx) =>
    Promise.all(ids.map((id) => ctx.vendor('userhero').workspace(id, { signal: ctx.signal }))),
  fields: (t) => ({
    workspaceId: t.exposeID('id', { nullable: false, description: "UserHero's own id." }),
    name: t.exposeString('name', { nullable: false }),
    plan: t.exposeString('plan', { nullable: true }),
    billingInterval: t.exposeString('billingInterval', { nullable: true }),
    subscriptionStatus: t.exposeString('subscriptionStatus', { nullable: true }),
    apiAccessEnabled: t.exposeBoolean('apiAccessEnabled', { nullable: true }),
    memberCount: t.exposeInt('memberCount', { nullable: true }),
    role: t.exposeString('role', { nullable: true, description: "The API key user's role." }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (w) => w.createdAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (w) => w.updatedAt }),
    usage: t.field({
      extensions: cost(READ),
      type: Usage,
      nullable: true,
      resolve: (w, _args, ctx) => ctx.vendor('userhero').usage(w.id, { signal: ctx.signal }),
    }),
  }),
});

builder.queryField('workspaces', (t) =>
  t.field({
    extensions: cost(READ),
    type: [Workspace],
    nullable: true,
    description:
      'UserHero workspaces the API key may use. Null (with an error) when UserHero fails, so the ' +
      'rest of the query still resolves.',
    resolve: (_root, _args, ctx) => ctx.vendor('userhero').workspaces({ signal: ctx.signal }),
  }),
);
