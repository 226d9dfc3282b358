// Planhat NPS writes. Every input is checked before any vendor call; every write goes through the
// one write path (../shared/vendor-write.ts), answered or not, so later fields (mutation fields
// run one after another) and other requests and replicas read the new state.
import { cost, READ } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../types.js';
import type { NpsRecord } from '../../domain/nps.js';
import { encodeGlobalId } from '../../global-id.js';
import { vendorErrorExtensions } from '../../graphql-errors.js';
import { VendorError } from '../../transport/vendor-error.js';
import { PLANHAT_MAX_BULK_ITEMS } from '../../vendors/planhat/limits.js';
import type { BatchErrorKind, BatchResult, FailedChunk } from '../../writes/planhat-batch.js';
import { upsertInChunks } from '../../writes/planhat-batch.js';
import { InputChecks } from '../../writes/validate.js';
import { DeletePayload } from '../shared/delete-payload.js';
import { vendorWrite } from '../shared/vendor-write.js';
import { NpsResponse } from './nps.js';
import {
  CreateNpsInput,
  checkBatch,
  checkCreate,
  checkUpdate,
  NpsRecordInput,
  planhatNpsId,
  UpdateNpsInput,
} from './mutation-inputs.js';
import { npsNodeKey } from './node.js';

/** Chunks in flight at once: enough to overlap the vendor's latency without crowding it. */
const BULK_CONCURRENCY = 2;

/** Failures every later chunk would meet too: sending them would only repeat the refusal. */
const FATAL_KINDS: ReadonlySet<string> = new Set(['auth', 'disabled', 'forbidden']);

const planhatKey = (id: string) => `PLANHAT|${id}`;
const npsGlobalId = (id: string) => encodeGlobalId('NpsResponse', planhatKey(id));

const NpsPayload = builder.objectRef<{ nps: NpsRecord }>('NpsPayload').implement({
  description: 'The record as Planhat holds it after the write.',
  fields: (t) => ({
    nps: t.field({ type: NpsResponse, nullable: false, resolve: (p) => p.nps }),
  }),
});

const NpsBatchErrorKind = builder.enumType('NpsBatchErrorKind', {
  values: {
    CREATE: { value: 'created', description: 'Planhat refused to create the record.' },
    UPDATE: { value: 'updated', description: 'Planhat refused to update the record.' },
    PERMISSION: { value: 'permission', description: 'The token may not write the record.' },
    CHUNK: {
      value: 'chunk',
      description: 'The request carrying the record failed as a whole (see failedChunks).',
    },
  } as const,
});

const NpsBatchError = builder
  .objectRef<{ index: number | null; message: string; kind: BatchErrorKind }>('NpsBatchError')
  .implement({
    description: 'One record Planhat did not write.',
    fields: (t) => ({
      index: t.exposeInt('index', {
        nullable: true,
        description:
          "The record's position in `records`; null when Planhat's answer did not say which.",
      }),
      message: t.exposeString('message', { nullable: false }),
      kind: t.field({ type: NpsBatchErrorKind, nullable: false, resolve: (e) => e.kind }),
    }),
  });

const NpsBatchFailedChunk = builder.objectRef<FailedChunk>('NpsBatchFailedChunk').implement({
  description:
    'A request of up to 5,000 records that failed as a whole. It is not sent again: an upsert ' +
    'whose answer was lost may have been applied, and records without a key would be created ' +
    'twice. Records with an id or sourceId are safe to send again.',
  fields: (t) => ({
    fromIndex: t.exposeInt('fromIndex', {
      nullable: false,
      description: 'First record, inclusive.',
    }),
    toIndex: t.exposeInt('toIndex', { nullable: false, description: 'Last record, inclusive.' }),
    code: t.string({ nullable: false, resolve: (c) => failure(c.error).code }),
    message: t.string({ nullable: false, resolve: (c) => failure(c.error).message }),
    sent: t.exposeBoolean('sent', {
      nullable: false,
      description:
        'False when the chunk was never sent because an earlier one failed in a way every chunk ' +
        'would (authentication, permission): nothing of it was written.',
    }),
  }),
});

const NpsBatchPayload = builder.objectRef<BatchResult>('NpsBatchPayload').implement({
  description:
    'Totals over every chunk that Planhat answered. A chunk that failed leaves the others ' +
    'standing; its records are listed in `errors` and its range in `failedChunks`.',
  fields: (t) => ({
    chunks: t.exposeInt('chunks', {
      nullable: false,
      description: 'Requests the records were split into (at most 5,000 records each).',
    }),
    created: t.exposeInt('created', { nullable: false }),
    updated: t.exposeInt('updated', { nullable: false, description: 'Matched and changed.' }),
    nonUpdates: t.exposeInt('nonUpdates', {
      nullable: false,
      description: 'Matched but already as sent: nothing changed.',
    }),
    insertedIds: t.idList({
      nullable: false,
      description: 'NpsResponse ids of the created records.',
      resolve: (r) => r.insertedIds.map(npsGlobalId),
    }),
    updatedIds: t.idList({
      nullable: false,
      description: 'NpsResponse ids of the changed records.',
      resolve: (r) => r.updatedIds.map(npsGlobalId),
    }),
    upsertedIds: t.idList({
      nullable: false,
      description: "NpsResponse ids Planhat lists as upserted (Planhat's `upsertedIds`).",
      resolve: (r) => r.upsertedIds.map(npsGlobalId),
    }),
    errors: t.field({
      type: [NpsBatchError],
      nullable: false,
      description: 'In record order; entries Planhat did not tie to a record come last.',
      resolve: (r) => r.errors,
    }),
    failedChunks: t.field({
      type: [NpsBatchFailedChunk],
      nullable: false,
      resolve: (r) => r.failedChunks,
    }),
  }),
});

builder.mutationField('createNps', (t) =>
  t.field({
    extensions: cost(READ),
    type: NpsPayload,
    nullable: false,
    description:
      'Creates a Planhat NPS record. Sent once, never retried (Planhat has no idempotency keys).',
    args: { input: t.arg({ type: CreateNpsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { write } = checkCreate(input);
      const client = ctx.vendor('planhat');
      const record = await vendorWrite(ctx, 'planhat', () =>
        client.createNps(write, { signal: ctx.signal }),
      );
      return { nps: remember(ctx, record) };
    },
  }),
);

builder.mutationField('updateNps', (t) =>
  t.field({
    extensions: cost(READ),
    type: NpsPayload,
    nullable: false,
    description: 'Changes a Planhat NPS record named by id or sourceId.',
    args: { input: t.arg({ type: UpdateNpsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { ref, write } = checkUpdate(input);
      const client = ctx.vendor('planhat');
      const record = await vendorWrite(ctx, 'planhat', () =>
        client.updateNps(ref, write, { signal: ctx.signal }),
      );
      return { nps: remember(ctx, record) };
    },
  }),
);

builder.mutationField('deleteNps', (t) =>
  t.field({
    extensions: cost(READ),
    type: DeletePayload,
    nullable: false,
    description: 'Deletes a Planhat NPS record; VENDOR_NOT_FOUND when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const checks = new InputChecks('id');
      const id = planhatNpsId(checks, 'id', String(args.id));
      checks.done();
      return deleteById(ctx, id ?? '');
    },
  }),
);

builder.mutationField('deleteNpsBySourceId', (t) =>
  t.field({
    extensions: cost(READ),
    type: DeletePayload,
    nullable: false,
    description:
      'Deletes the Planhat NPS record with this sourceId (the id it has in the system it came ' +
      'from): read first to learn its id, then deleted by id. VENDOR_NOT_FOUND when there is none.',
    args: { sourceId: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const checks = new InputChecks('sourceId');
      const sourceId = checks.text('sourceId', args.sourceId);
      checks.done();
      const record = await ctx
        .vendor('planhat')
        .getNps({ sourceId: sourceId ?? '' }, { signal: ctx.signal });
      if (!record) {
        throw notFound('nps.get', 'found the record unanswered: it is no NpsResponse to delete');
      }
      return deleteById(ctx, record.id);
    },
  }),
);

builder.mutationField('upsertNpsBatch', (t) =>
  t.field({
    extensions: cost(READ),
    type: NpsBatchPayload,
    nullable: false,
    description:
      'Creates and updates any number of Planhat NPS records, matched by id, then sourceId. ' +
      'Every record is checked first: one invalid record refuses the whole batch (BAD_USER_INPUT ' +
      'listing every problem) and nothing is sent. Records go out in chunks of 5,000, two at a ' +
      'time, each sent once; a chunk that fails is reported in `failedChunks` while the others ' +
      'stand. When every chunk fails the mutation fails with the first chunk’s error.',
    args: { records: t.arg({ type: [NpsRecordInput], required: true }) },
    resolve: async (_root, args, ctx) => {
      const writes = checkBatch(args.records);
      const client = ctx.vendor('planhat');
      const result = await vendorWrite(ctx, 'planhat', () =>
        upsertInChunks(writes, {
          maxChunkSize: PLANHAT_MAX_BULK_ITEMS,
          concurrency: BULK_CONCURRENCY,
          send: (chunk) => client.bulkUpsertNps(chunk, { signal: ctx.signal }),
          isFatal: (error) => error instanceof VendorError && FATAL_KINDS.has(error.kind),
          describe: (error) => failure(error).message,
        }),
      );
      const [first] = result.failedChunks;
      if (first && result.failedChunks.length === result.chunks) throw first.error;
      return result;
    },
  }),
);

/**
 * A later `node(id)` in the request answers the written record without a call (primed after the
 * write path dropped every NpsResponse the request had loaded).
 */
function remember(ctx: GatewayContext, record: NpsRecord): NpsRecord {
  const key = npsNodeKey(record);
  NpsResponse.getDataloader(ctx).clear(key).prime(key, record);
  return record;
}

async function deleteById(ctx: GatewayContext, id: string): Promise<{ deletedId: string }> {
  const client = ctx.vendor('planhat');
  const result = await vendorWrite(ctx, 'planhat', () =>
    client.deleteNps(id, { signal: ctx.signal }),
  );
  // Planhat answers a delete of nothing with a count of 0, not a 404.
  if (result.deletedCount === 0) throw notFound('nps.delete', 'found no NPS record with this id');
  return { deletedId: npsGlobalId(id) };
}

function notFound(operation: string, what: string): VendorError {
  return new VendorError({
    vendor: 'planhat',
    kind: 'not_found',
    operation,
    message: `Planhat ${operation} ${what}`,
  });
}

/** The code and message a failed chunk is reported with; unexpected errors stay unexplained. */
function failure(error: unknown): { code: string; message: string } {
  if (error instanceof VendorError) {
    return { code: String(vendorErrorExtensions(error).code), message: error.message };
  }
  return { code: 'INTERNAL_SERVER_ERROR', message: 'The chunk failed unexpectedly' };
}
