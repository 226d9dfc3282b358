import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing } from '../../src/observability/tracing.js';
import type { GatewayTracing } from '../../src/observability/tracing.js';
import { BASE_PATHS } from '../../src/sandbox/index.js';
import type { LogEntry } from '../../src/sandbox/request-log.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import type { OtlpReceiver, ReceivedSpan } from '../support/otlp.js';
import { KIND, startOtlpReceiver } from '../support/otlp.js';
import { globalId } from '../schema/userhero-fixtures.js';
import { type Clients, type IdMethod, METHODS, NUMBERED } from '../vendors/id-methods.js';

// The `url.template` (and name) of every vendor attempt's CLIENT span, read back from the spans
// a real gateway exported for real calls to the sandbox: the endpoint as the vendor documents
// it, each id written {id} (test/vendors/id-methods.ts), never the id, whatever the id looks like
// (`acme`, `hooks`: words a guess from the path's look would have printed).

const OTEL = {
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  OTEL_SERVICE_NAME: 'gateway-under-test',
  OTEL_BSP_SCHEDULE_DELAY: '20',
  OTEL_TRACES_SAMPLER: 'parentbased_always_on',
};

let receiver: OtlpReceiver;
let tracing: GatewayTracing;
let gw: TestGateway;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const env = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, ...OTEL };
  for (const name of Object.keys(env)) saved[name] = process.env[name];
  Object.assign(process.env, env);
  tracing = (await startTracing(process.env))!;
  gw = await startTestGateway({ tracing });
});
afterAll(async () => {
  await gw.close();
  await tracing.shutdown();
  await receiver.close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const clients = () => gw.services.vendors as Clients;
const lastSeq = () => gw.sandbox.log.entries().at(-1)?.seq ?? 0;

/** The sandbox's entries since `seq`, each with the CLIENT span whose traceparent it received. */
async function spansOf(entries: LogEntry[]): Promise<[LogEntry, ReceivedSpan][]> {
  await tracing.forceFlush();
  const spanId = (e: LogEntry) => e.headers.traceparent?.split('-')[2];
  const find = (e: LogEntry) =>
    receiver.spans.find((s) => s.kind === KIND.CLIENT && s.spanId === spanId(e));
  await expect.poll(() => entries.every(find)).toBe(true);
  return entries.map((e) => [e, find(e)!]);
}

/** Every way the id could be written in a span: as given, and as escaped in the path. */
function expectNowhere(span: ReceivedSpan, id: string) {
  const text = JSON.stringify(span);
  for (const form of new Set([id, encodeURIComponent(id)])) {
    expect(text, `${span.name} carries ${JSON.stringify(form)}`).not.toContain(form);
  }
}

const template = (row: IdMethod) => BASE_PATHS[row.vendor] + row.path.replace('{property}', '{id}');

describe('url.template of vendor calls', () => {
  it('names the endpoint of every call with an id in its path, never the id itself', async () => {
    // Words a vendor may well use as ids (a guess from the path's look printed them), a prefixed
    // id and an escaped one; none spelt by any literal or operation name, so that a span holding
    // one holds the id.
    const ids = ['acme', 'Quill-pen_x', 'fb_7Kq2xZ', 'a/b c'];
    const calls: { row: IdMethod; id: string; entries: LogEntry[] }[] = [];
    const call = async (row: IdMethod, id: string) => {
      const since = lastSeq();
      await row.call(clients(), id, gw.sandbox.seed.userhero.workspaceId).catch(() => undefined);
      calls.push({ row, id, entries: gw.sandbox.log.entries({ since }) });
    };
    for (const row of METHODS) for (const id of ids) await call(row, id);
    for (const row of NUMBERED) await call(row, 245 as unknown as string);

    const property = gw.sandbox.env.USERLANE_PROPERTY_ID!;
    for (const { row, id, entries } of calls) {
      expect(entries, `${row.method} ${id}`).not.toEqual([]);
      for (const [entry, span] of await spansOf(entries)) {
        expect(entry.method).toBe(row.http);
        expect(span.attributes['url.template']).toBe(template(row));
        expect(span.name).toBe(`${row.http} ${template(row)}`);
        if (typeof id === 'string') expectNowhere(span, id);
        if (row.vendor === 'userlane') expectNowhere(span, property);
      }
    }
  });

  it('keeps a literal path as its own template', async () => {
    const c = clients();
    const workspace = gw.sandbox.seed.userhero.workspaceId;
    const since = lastSeq();
    await c.userhero.listFeedback({ workspaceId: workspace }, 1, 5);
    await c.userhero.listProjects(workspace);
    await c.userloop.health();
    await c.planhat.listNps({ limit: 1 });
    const entries = gw.sandbox.log.entries({ since });
    expect(entries.map((e) => `${e.vendor} ${e.path}`)).toEqual([
      'userhero /feedback',
      'userhero /projects',
      'userloop /health',
      'planhat /nps',
    ]);
    for (const [entry, span] of await spansOf(entries)) {
      const literal = BASE_PATHS[entry.vendor] + entry.path;
      expect(span.attributes['url.template']).toBe(literal);
      expect(span.name).toBe(`GET ${literal}`);
    }
  });

  it('names the endpoint, not the id, of the calls a GraphQL request makes, under the base path each is sent to', async () => {
    const userhero = gw.sandbox.seed.userhero;
    const workspace = userhero.workspaceId;
    // A feedback item whose id is a word, and a webhook whose slug is one.
    const item = [...userhero.data.feedback.values()].find((f) => f.workspaceId === workspace)!;
    userhero.data.feedback.set('acme', { ...item, id: 'acme' });
    const hook = [...userhero.data.webhooks.values()].find(
      (w) => w.workspaceId === workspace && w.enabled && w.projectId !== null,
    )!;
    userhero.data.webhooks.set('wh_plainslug', { ...hook, id: 'wh_plainslug', slug: 'hooks' });

    const since = lastSeq();
    const read = await gw.query<{ node: { message: string } | null }>(
      'query($id: ID!) { node(id: $id) { ... on Feedback { message } } }',
      { id: globalId('Feedback', workspace, 'acme') },
    );
    expect(read.errors).toEqual([]);
    expect(read.data?.node?.message).toBe(item.message);
    const sent = await gw.query<{ sendWebhookFeedback: { accepted: boolean } }>(
      `mutation($input: SendWebhookFeedbackInput!) {
        sendWebhookFeedback(input: $input) { accepted }
      }`,
      { input: { slug: 'hooks', secret: hook.secret, message: 'Sent to a word-named webhook' } },
    );
    expect(sent.errors).toEqual([]);
    expect(sent.data?.sendWebhookFeedback.accepted).toBe(true);

    const entries = gw.sandbox.log.entries({ since });
    expect(entries.map((e) => `${e.method} ${e.path}`)).toEqual([
      'GET /feedback/acme',
      'POST /api/hooks/hooks',
    ]);
    const spans = (await spansOf(entries)).map(([, span]) => span);
    expect(spans.map((s) => [s.name, s.attributes['url.template']])).toEqual([
      ['GET /api/v1/feedback/{id}', '/api/v1/feedback/{id}'],
      ['POST /api/hooks/{id}', '/api/hooks/{id}'],
    ]);
    // Each under its request's SERVER span, which carries neither the id nor the secret.
    const servers = receiver.spans.filter((s) => s.kind === KIND.SERVER);
    for (const span of spans) {
      const server = servers.find((s) => s.spanId === span.parentSpanId);
      expect(server).toBeDefined();
      for (const s of [span, server!]) {
        expectNowhere(s, 'acme');
        expectNowhere(s, hook.secret);
      }
    }
  });
});
