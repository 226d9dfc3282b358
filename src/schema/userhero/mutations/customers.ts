// UserHero customer profile writes: create, update, delete, merge.
import { cost, LOOKUP, READ } from '../../../cost/declare.js';
import { builder } from '../../../builder.js';
import type { UserHeroCustomer as CustomerShape } from '../../../domain/customer-profile.js';
import type {
  CreateCustomerInput as VendorCreate,
  UpdateCustomerInput as VendorUpdate,
} from '../../../vendors/userhero/requests.js';
import * as rules from '../../../writes/userhero-rules.js';
import { InputChecks } from '../../../writes/validate.js';
import { DeletePayload } from '../../shared/delete-payload.js';
import { UserHeroCustomer } from '../customers.js';
import { IDEMPOTENCY_KEY_DOC, userheroWrite, writeOptions } from './after-write.js';
import { customerGlobalId, customerId, resolveWorkspace, workspaceId } from './ids.js';

const CustomerProfilePayload = builder
  .objectRef<{ customer: CustomerShape }>('CustomerProfilePayload')
  .implement({
    description: 'The customer profile as UserHero holds it after the write.',
    fields: (t) => ({
      customer: t.field({ type: UserHeroCustomer, nullable: false, resolve: (p) => p.customer }),
    }),
  });

const MergeCustomersPayload = builder
  .objectRef<{ targetId: string; mergedSourceId: string; mergedFeedbackCount: number }>(
    'MergeCustomersPayload',
  )
  .implement({
    fields: (t) => ({
      customer: t.field({
        extensions: cost(LOOKUP),
        type: UserHeroCustomer,
        nullable: true,
        description: 'The target, read again after the merge (UserHero answers only counts).',
        resolve: (p, _args, ctx) => ctx.loaders.userhero.customer.load(p.targetId),
      }),
      mergedSourceId: t.id({
        nullable: false,
        description: 'The UserHeroCustomer id of the source, which no longer exists.',
        resolve: (p) => customerGlobalId(p.mergedSourceId),
      }),
      mergedFeedbackCount: t.exposeInt('mergedFeedbackCount', {
        nullable: false,
        description: 'Feedback items moved from the source to the target.',
      }),
    }),
  });

const SocialHandleInput = builder.inputType('SocialHandleInput', {
  fields: (t) => ({
    platform: t.string({ required: true }),
    handle: t.string({ required: true }),
    accountId: t.string(),
  }),
});

const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
  description:
    'A new customer profile. An email or phone another customer of the workspace has already: ' +
    'VENDOR_CONFLICT.',
  fields: (t) => ({
    workspaceId: t.id({ description: 'A Workspace id; USERHERO_WORKSPACE_ID by default.' }),
    name: t.string(),
    primaryEmail: t.string(),
    primaryPhone: t.string(),
    emails: t.stringList(),
    phones: t.stringList(),
    company: t.string(),
    tags: t.stringList(),
    notes: t.string({ description: 'Free-text notes.' }),
    idempotencyKey: t.string({ description: IDEMPOTENCY_KEY_DOC }),
  }),
});

const UpdateCustomerInput = builder.inputType('UpdateCustomerInput', {
  description:
    'Changes to one customer profile: fields left out stay as they are (lists replace the whole ' +
    'list); at least one must change.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The UserHeroCustomer to change.' }),
    name: t.string(),
    primaryEmail: t.string(),
    primaryPhone: t.string(),
    emails: t.stringList({ description: 'Replaces all email addresses.' }),
    phones: t.stringList({ description: 'Replaces all phone numbers.' }),
    company: t.string(),
    tags: t.stringList({ description: 'Replaces all tags.' }),
    notes: t.string({ description: 'Free-text notes.' }),
    customFields: t.field({ type: 'JSON', description: 'Object of arbitrary key/value data.' }),
    socialHandles: t.field({ type: [SocialHandleInput] }),
    timezone: t.string({ description: 'IANA timezone, e.g. Europe/Berlin.' }),
    language: t.string({ description: 'Language code, e.g. en or pt-BR.' }),
  }),
});

type CreateArgs = typeof CreateCustomerInput.$inferInput;
type UpdateArgs = typeof UpdateCustomerInput.$inferInput;
type Fields = Omit<VendorUpdate, 'customFields' | 'socialHandles' | 'timezone' | 'language'>;

/** The fields create and update share, checked the same way. */
function profileFields(checks: InputChecks, input: CreateArgs | UpdateArgs): Fields {
  const out: Fields = {};
  const text = (key: 'name' | 'primaryPhone' | 'company' | 'notes') => {
    const value = input[key];
    if (value != null) out[key] = checks.text(`input.${key}`, value.trim());
  };
  text('name');
  text('primaryPhone');
  text('company');
  text('notes');
  if (input.primaryEmail != null) {
    out.primaryEmail = checks.email('input.primaryEmail', input.primaryEmail);
  }
  if (input.emails != null) out.emails = rules.emails(checks, 'input.emails', input.emails);
  if (input.phones != null) out.phones = rules.texts(checks, 'input.phones', input.phones);
  if (input.tags != null) out.tags = rules.texts(checks, 'input.tags', input.tags);
  return out;
}

function checkCreate(input: CreateArgs) {
  const checks = new InputChecks('input');
  const named = workspaceId(checks, 'input.workspaceId', input.workspaceId);
  const fields = profileFields(checks, input);
  const idempotencyKey = rules.idempotencyKey(checks, 'input.idempotencyKey', input.idempotencyKey);
  checks.done();
  return { named, fields, idempotencyKey };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkUpdate(input: UpdateArgs) {
  const checks = new InputChecks('input');
  for (const [key, value] of Object.entries(input)) {
    if (value === null) {
      checks.refuse(`input.${key}`, 'cannot be null: leave it out to keep the current value');
    }
  }
  const id = customerId(checks, 'input.id', input.id);
  const write: VendorUpdate = profileFields(checks, input);
  if (input.customFields != null) {
    write.customFields = checks.jsonObject('input.customFields', input.customFields);
  }
  if (input.socialHandles != null) {
    write.socialHandles = input.socialHandles.flatMap((h, i) => {
      const at = `input.socialHandles[${i}]`;
      const platform = checks.text(`${at}.platform`, h.platform.trim());
      const handle = checks.text(`${at}.handle`, h.handle.trim());
      const accountId =
        h.accountId == null ? undefined : checks.text(`${at}.accountId`, h.accountId);
      if (platform === undefined || handle === undefined) return [];
      return [{ platform, handle, ...(accountId === undefined ? {} : { accountId }) }];
    });
  }
  if (input.timezone != null) {
    const zone = input.timezone.trim();
    write.timezone =
      isTimeZone(zone) && zone !== ''
        ? zone
        : checks.refuse(
            'input.timezone',
            `must be an IANA timezone such as Europe/Berlin (got ${JSON.stringify(input.timezone)})`,
          );
  }
  if (input.language != null) {
    const code = input.language.trim();
    write.language = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(code)
      ? code
      : checks.refuse(
          'input.language',
          `must be a language code such as en or pt-BR (got ${JSON.stringify(input.language)})`,
        );
  }
  if (checks.ok && Object.keys(write).length === 0) {
    checks.refuse('input', 'must change at least one field besides id');
  }
  checks.done();
  return { id: id ?? '', write };
}

builder.mutationField('createCustomer', (t) =>
  t.field({
    extensions: cost(READ),
    type: CustomerProfilePayload,
    nullable: false,
    description: 'Creates a UserHero customer profile.',
    args: { input: t.arg({ type: CreateCustomerInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { named, fields, idempotencyKey } = checkCreate(input);
      const ws = await resolveWorkspace(ctx, named);
      const write: VendorCreate = { workspaceId: ws, ...fields };
      const client = ctx.vendor('userhero');
      return userheroWrite(ctx, async () => ({
        customer: await client.createCustomer(write, writeOptions(ctx, idempotencyKey)),
      }));
    },
  }),
);

builder.mutationField('updateCustomer', (t) =>
  t.field({
    extensions: cost(READ),
    type: CustomerProfilePayload,
    nullable: false,
    description: 'Changes a customer profile.',
    args: { input: t.arg({ type: UpdateCustomerInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, write } = checkUpdate(input);
      const client = ctx.vendor('userhero');
      return userheroWrite(ctx, async () => ({
        customer: await client.updateCustomer(id, write, writeOptions(ctx)),
      }));
    },
  }),
);

builder.mutationField('deleteCustomer', (t) =>
  t.field({
    extensions: cost(READ),
    type: DeletePayload,
    nullable: false,
    description:
      'Deletes a customer profile; its feedback stays, unlinked. VENDOR_NOT_FOUND when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The UserHeroCustomer to delete.' }) },
    resolve: async (_root, args, ctx) => {
      const checks = new InputChecks('id');
      const id = customerId(checks, 'id', args.id) ?? '';
      checks.done();
      const client = ctx.vendor('userhero');
      await userheroWrite(ctx, () => client.deleteCustomer(id, writeOptions(ctx)));
      return { deletedId: customerGlobalId(id) };
    },
  }),
);

builder.mutationField('mergeCustomers', (t) =>
  t.field({
    extensions: cost(READ),
    type: MergeCustomersPayload,
    nullable: false,
    description:
      'Merges the source customer into the target: emails, phones, handles and channels are ' +
      'combined, feedback is moved, and the source is deleted.',
    args: {
      targetId: t.arg.id({ required: true, description: 'The UserHeroCustomer that stays.' }),
      sourceId: t.arg.id({ required: true, description: 'The UserHeroCustomer merged away.' }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DOC }),
    },
    resolve: async (_root, args, ctx) => {
      const checks = new InputChecks('targetId');
      const target = customerId(checks, 'targetId', args.targetId);
      const source = customerId(checks, 'sourceId', args.sourceId);
      if (target !== undefined && target === source) {
        checks.refuse('sourceId', 'must name another customer than targetId');
      }
      const key = rules.idempotencyKey(checks, 'idempotencyKey', args.idempotencyKey);
      checks.done();
      const client = ctx.vendor('userhero');
      const result = await userheroWrite(ctx, () =>
        client.mergeCustomers(target ?? '', source ?? '', writeOptions(ctx, key)),
      );
      return {
        targetId: result.id,
        mergedSourceId: result.mergedSourceId,
        mergedFeedbackCount: result.mergedFeedbackCount,
      };
    },
  }),
);
