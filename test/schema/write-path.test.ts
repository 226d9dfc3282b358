// The one write path (src/schema/shared/vendor-write.ts): whatever a Planhat or UserHero write's
// outcome, the request forgets the nodes it loaded from that vendor (a failed or lost answer may
// still have been applied), and the other replicas are told through Redis.
import { execute, parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContextFactory, endRequest } from '../../src/context.js';
import { encodeGlobalId } from '../../src/global-id.js';
import { schema } from '../../src/schema/index.js';
import { NpsResponse } from '../../src/schema/nps/nps.js';
import { Feedback } from '../../src/schema/userhero/feedback.js';
import type { Invalidation } from '../../src/shared-state/index.js';
import type { GatewayContext } from '../../src/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { testRedis, type TestRedis } from '../support/redis.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterEach(() => gw.sandbox.faults.clear());
afterAll(() => gw.close());

/** Runs one operation through the schema with a context the test can look into afterwards. */
async function run(
  target: TestGateway,
  query: string,
  variables: Record<string, unknown>,
  before: (ctx: GatewayContext) => void,
) {
  const ctx = createContextFactory(target.services)(
    new Request('http://gateway.test/graphql', { method: 'POST' }),
  );
  before(ctx);
  const result = await execute({
    schema,
    document: parse(query),
    contextValue: ctx,
    variableValues: variables,
  });
  endRequest(ctx);
  return { ctx, result };
}

/** Whether a loader still holds what was primed: `prime` never overwrites a held key. */
async function holds(
  loader: { prime(key: string, value: unknown): unknown; load(key: string): Promise<unknown> },
  key: string,
  value: unknown,
): Promise<boolean> {
  const probe = { probe: key };
  loader.prime(key, probe);
  const now = await loader.load(key);
  return now === value;
}

const seededPlanhat = () => {
  const record = gw.sandbox.seed.planhat.store.all().find((r) => r.sourceId);
  if (!record) throw new Error('no seeded Planhat record with a sourceId');
  return record;
};

describe('Planhat writes forget the NpsResponse nodes, answered or not', () => {
  const primed = { primed: true };

  it('deleteNps whose answer fails', async () => {
    const record = seededPlanhat();
    const key = `PLANHAT|${record._id}`;
    gw.sandbox.faults.inject({ vendor: 'planhat', method: 'DELETE', status: 503, times: 1 });
    const { ctx, result } = await run(
      gw,
      'mutation($id: ID!) { deleteNps(id: $id) { deletedId } }',
      { id: encodeGlobalId('NpsResponse', key) },
      (c) => NpsResponse.getDataloader(c).prime(key, primed as never),
    );
    expect(result.errors?.[0]?.message).toMatch(/Planhat/);
    expect(await holds(NpsResponse.getDataloader(ctx) as never, key, primed)).toBe(false);
  });

  it('deleteNpsBySourceId whose delete fails after its lookup', async () => {
    const record = seededPlanhat();
    const key = `PLANHAT|${record._id}`;
    gw.sandbox.faults.inject({ vendor: 'planhat', method: 'DELETE', status: 503, times: 1 });
    const { ctx, result } = await run(
      gw,
      'mutation($s: String!) { deleteNpsBySourceId(sourceId: $s) { deletedId } }',
      { s: record.sourceId },
      (c) => NpsResponse.getDataloader(c).prime(key, primed as never),
    );
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(await holds(NpsResponse.getDataloader(ctx) as never, key, primed)).toBe(false);
  });

  it('upsertNpsBatch whose every chunk fails', async () => {
    const record = seededPlanhat();
    const key = `PLANHAT|${record._id}`;
    gw.sandbox.faults.inject({ vendor: 'planhat', method: 'PUT', status: 503 });
    gw.sandbox.faults.inject({ vendor: 'planhat', method: 'POST', status: 503 });
    const { ctx, result } = await run(
      gw,
      'mutation($r: [NpsRecordInput!]!) { upsertNpsBatch(records: $r) { chunks } }',
      { r: [{ id: encodeGlobalId('NpsResponse', key), score: 4 }] },
      (c) => NpsResponse.getDataloader(c).prime(key, primed as never),
    );
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(await holds(NpsResponse.getDataloader(ctx) as never, key, primed)).toBe(false);
  });
});

const UPLOAD = `mutation($file: Upload!, $feedbackId: ID) {
  uploadFeedbackMedia(file: $file, feedbackId: $feedbackId) { url }
}`;

const png = () => new File([new Uint8Array(64).fill(7)], 'shot.png', { type: 'image/png' });

describe('UserHero uploadFeedbackMedia is a write like the others', () => {
  it('forgets the Feedback nodes the request loaded, the upload answered', async () => {
    const primed = { primed: true };
    const { ctx, result } = await run(gw, UPLOAD, { file: png() }, (c) =>
      Feedback.getDataloader(c).prime('probe-feedback', primed as never),
    );
    expect(result.errors).toBeUndefined();
    expect(
      (result.data as { uploadFeedbackMedia: { url: string } }).uploadFeedbackMedia.url,
    ).toMatch(/^https?:\/\//);
    expect(await holds(Feedback.getDataloader(ctx) as never, 'probe-feedback', primed)).toBe(false);
  });

  it('forgets them when the upload fails too', async () => {
    const primed = { primed: true };
    gw.sandbox.faults.inject({ vendor: 'userhero', method: 'POST', status: 500, times: 1 });
    const { ctx, result } = await run(gw, UPLOAD, { file: png() }, (c) =>
      Feedback.getDataloader(c).prime('probe-feedback', primed as never),
    );
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(await holds(Feedback.getDataloader(ctx) as never, 'probe-feedback', primed)).toBe(false);
  });
});

describe('the write path tells the other replicas (REDIS_URL)', () => {
  let redis: TestRedis;
  let a: TestGateway;
  let b: TestGateway;
  /** Another deployment over the same Redis and prefix: other credentials, other accounts. */
  let other: TestGateway;
  beforeAll(async () => {
    redis = await testRedis();
    const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix() };
    a = await startTestGateway({ env });
    b = await startTestGateway({ env, over: a.sandbox });
    other = await startTestGateway({ env, sandbox: { seed: 7 } });
    await Promise.all([a, b, other].map((g) => g.services.shared.ready(5000)));
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), other?.close()]);
    await redis?.close();
  });

  it('an upload through one replica reaches the other as a UserHero invalidation', async () => {
    const heard: (Invalidation | 'all')[] = [];
    b.services.shared.onInvalidation((i) => heard.push(i));
    const elsewhere: (Invalidation | 'all')[] = [];
    other.services.shared.onInvalidation((i) => elsewhere.push(i));
    const { result } = await run(a, UPLOAD, { file: png() }, () => undefined);
    expect(result.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([{ vendor: 'userhero' }]);
    // Its UserHero account is not the one written to: it keeps its copies.
    expect(elsewhere).toEqual([]);
  });

  it('a failed Planhat delete through one replica still reaches the other', async () => {
    const heard: (Invalidation | 'all')[] = [];
    b.services.shared.onInvalidation((i) => heard.push(i));
    a.sandbox.faults.inject({ vendor: 'planhat', method: 'DELETE', status: 503, times: 1 });
    const record = a.sandbox.seed.planhat.store.all()[0]!;
    const { result } = await run(
      a,
      'mutation($id: ID!) { deleteNps(id: $id) { deletedId } }',
      { id: encodeGlobalId('NpsResponse', `PLANHAT|${record._id}`) },
      () => undefined,
    );
    expect(result.errors?.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([{ vendor: 'planhat' }]);
  });
});
