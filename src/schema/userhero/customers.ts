import { cost } from '../../cost/declare.js';
import { customerFeedbackCalls } from '../../cost/reads.js';
import { VENDOR_WEIGHTS } from '../../cost/rules.js';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../types.js';
import type {
  SocialHandle as SocialHandleShape,
  UserHeroCustomer as UserHeroCustomerShape,
} from '../../domain/customer-profile.js';
import type { Feedback as FeedbackShape } from '../../domain/feedback.js';
import { feedbackList, personEmail } from '../../lists/userhero.js';
import { mergedConnection } from '../../pagination/index.js';
import { Customer } from '../customers/customer.js';
import { FeedbackConnection, Feedback } from './feedback.js';
import { Workspace } from './workspaces.js';

const SocialHandle = builder.objectRef<SocialHandleShape>('SocialHandle').implement({
  fields: (t) => ({
    platform: t.exposeString('platform', { nullable: false }),
    handle: t.exposeString('handle', { nullable: false }),
    accountId: t.exposeString('accountId', { nullable: true }),
  }),
});

/**
 * The full profile: a listed customer lacks notes, customFields, timezone, language and
 * mergedCustomerIds, so those fields read Get Customer (once per customer per request).
 */
async function fullProfile(
  c: UserHeroCustomerShape,
  ctx: GatewayContext,
): Promise<UserHeroCustomerShape | null> {
  if (c.mergedCustomerIds !== null) return c;
  return ctx.loaders.userhero.customer.load(c.id);
}

export const UserHeroCustomer = builder.loadableNode('UserHeroCustomer', {
  description:
    'A UserHero customer profile (one workspace). Customer is the person across vendors.',
  id: { resolve: (c: UserHeroCustomerShape) => c.id },
  load: (ids: string[], ctx) =>
    Promise.all(ids.map((id) => ctx.loaders.userhero.customer.load(id))),
  fields: (t) => ({
    customerId: t.exposeID('id', { nullable: false, description: "UserHero's own id." }),
    workspaceId: t.exposeID('workspaceId', { nullable: true }),
    name: t.exposeString('name', { nullable: true }),
    primaryEmail: t.exposeString('primaryEmail', { nullable: true, description: 'Lower-cased.' }),
    primaryPhone: t.exposeString('primaryPhone', { nullable: true }),
    emails: t.exposeStringList('emails', {
      nullable: false,
      description: 'Every known address, lower-cased.',
    }),
    phones: t.exposeStringList('phones', { nullable: false }),
    socialHandles: t.expose('socialHandles', { type: [SocialHandle], nullable: false }),
    company: t.exposeString('company', { nullable: true }),
    tags: t.exposeStringList('tags', { nullable: false }),
    feedbackCount: t.exposeInt('feedbackCount', { nullable: false }),
    channels: t.exposeStringList('channels', {
      nullable: false,
      description: 'Channels the customer came through (widget, email, api, ...).',
    }),
    lastSeenAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.lastSeenAt }),
    firstSeenAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.firstSeenAt }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.createdAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.updatedAt }),
    notes: t.string({
      extensions: cost({ itemRead: { read: 'getCustomer', weight: VENDOR_WEIGHTS.userhero } }),
      nullable: true,
      description: 'Free-text notes.',
      resolve: async (c, _args, ctx) => (await fullProfile(c, ctx))?.notes ?? null,
    }),
    customFields: t.field({
      extensions: cost({ itemRead: { read: 'getCustomer', weight: VENDOR_WEIGHTS.userhero } }),
      type: 'JSON',
      nullable: true,
      resolve: async (c, _args, ctx) => (await fullProfile(c, ctx))?.customFields ?? null,
    }),
    timezone: t.string({
      extensions: cost({ itemRead: { read: 'getCustomer', weight: VENDOR_WEIGHTS.userhero } }),
      nullable: true,
      description: 'IANA zone.',
      resolve: async (c, _args, ctx) => (await fullProfile(c, ctx))?.timezone ?? null,
    }),
    language: t.string({
      extensions: cost({ itemRead: { read: 'getCustomer', weight: VENDOR_WEIGHTS.userhero } }),
      nullable: true,
      resolve: async (c, _args, ctx) => (await fullProfile(c, ctx))?.language ?? null,
    }),
    mergedCustomerIds: t.idList({
      extensions: cost({ itemRead: { read: 'getCustomer', weight: VENDOR_WEIGHTS.userhero } }),
      nullable: true,
      description: 'Customers merged into this one.',
      resolve: async (c, _args, ctx) => (await fullProfile(c, ctx))?.mergedCustomerIds ?? null,
    }),
    person: t.field({
      type: Customer,
      nullable: true,
      description: 'The person behind the profile (by primary email, else the first email).',
      resolve: (c) => {
        const email = personEmail(c);
        return email === null ? null : { email };
      },
    }),
    workspace: t.field({ type: Workspace, nullable: true, resolve: (c) => c.workspaceId }),
    feedback: t.connection(
      {
        extensions: cost({ byArguments: customerFeedbackCalls }),
        type: Feedback,
        nullable: true,
        description:
          "Feedback sent from any of the customer's emails, newest first (one list per email, " +
          'merged; forward paging only).',
        resolve: (c, args, ctx) => {
          const workspaceId = c.workspaceId;
          const streams = c.emails.map((email) => ({
            name: email,
            adapter: feedbackList(ctx.loaders.userhero, { workspaceId, userEmail: email }),
          }));
          return mergedConnection(streams, args, {
            field: 'UserHeroCustomer.feedback',
            filters: { workspaceId, emails: c.emails },
            sortKey: (f: FeedbackShape) => Date.parse(f.createdAt),
            signal: ctx.signal,
          });
        },
      },
      FeedbackConnection,
    ),
  }),
});

export const UserHeroCustomerConnection = builder.connectionObject({
  type: UserHeroCustomer,
  name: 'UserHeroCustomerConnection',
});
