import { createHash } from 'node:crypto';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing } from '../../src/observability/tracing.js';
import type { GatewayTracing } from '../../src/observability/tracing.js';
import { BASE_PATHS } from '../../src/sandbox/index.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import type { OtlpReceiver, ReceivedSpan } from '../support/otlp.js';
import { KIND, startOtlpReceiver } from '../support/otlp.js';
import { listen } from '../support/raw-http.js';

const VENDORS = ['userlane', 'userloop', 'userhero', 'planhat'];

// A customer's NPS from the three NPS vendors and their UserHero tickets: every vendor, and
// per-key loads a DataLoader batches onto a later microtask.
const TRACED = `query Traced($email: String!) {
  customer(email: $email) {
    email
    profile { customerId }
    latestNps { score }
    npsResponses(first: 3) { nodes { score } }
    feedback(first: 2) { nodes { id } }
  }
}`;

const OTEL_VARIABLES = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_SERVICE_NAME',
  'OTEL_BSP_SCHEDULE_DELAY',
  'OTEL_TRACES_SAMPLER',
];

describe.each(['http/protobuf', 'http/json'] as const)('traces over %s', (protocol) => {
  let receiver: OtlpReceiver;
  let tracing: GatewayTracing;
  let gw: TestGateway;
  let server: Awaited<ReturnType<typeof listen>>;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    for (const name of OTEL_VARIABLES) saved[name] = process.env[name];
    Object.assign(process.env, {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_SERVICE_NAME: 'gateway-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '20',
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    });
    tracing = (await startTracing(process.env))!;
    expect(tracing).toBeDefined();
    gw = await startTestGateway({ tracing });
    server = await listen(gw);
  });
  afterAll(async () => {
    await server.close();
    await gw.close();
    await tracing.shutdown();
    await receiver.close();
    for (const name of OTEL_VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('exports one request as a SERVER span naming its operation, with a CLIENT span per vendor attempt under it, continuing the incoming traceparent and sending each attempt its own', async () => {
    const first = await post({ query: '{ customers(first: 1) { nodes { email } } }' });
    const email = ((await first.json()) as { data: { customers: { nodes: { email: string }[] } } })
      .data.customers.nodes[0]!.email;
    expect(email).toContain('@');
    // One failed UserHero attempt, retried: its span and the retry's both belong to the trace.
    gw.sandbox.faults.inject({ vendor: 'userhero', status: 503, times: 1 });
    gw.sandbox.log.clear();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const res = await post(
      { query: TRACED, variables: { email } },
      { traceparent: `00-${traceId}-${callerSpan}-01` },
    );
    const body = (await res.json()) as { data?: { customer: unknown }; errors?: unknown[] };
    expect(body.errors ?? []).toEqual([]);
    expect(body.data?.customer).toBeTruthy();
    const seen = gw.sandbox.log.entries();
    await tracing.forceFlush();

    expect(receiver.paths.every((p) => p === '/v1/traces')).toBe(true);
    const expectedType = protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
    expect(receiver.contentTypes.some((t) => t.startsWith(expectedType))).toBe(true);
    // An export the batch timer started may still be on its way when forceFlush returns.
    const ofTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    await expect.poll(() => ofTrace().length).toBe(seen.length + 1);
    const spans = ofTrace();
    const servers = spans.filter((s) => s.kind === KIND.SERVER);
    expect(servers).toHaveLength(1);
    const serverSpan = servers[0]!;
    expect(serverSpan.parentSpanId).toBe(callerSpan);
    expect(serverSpan.resource['service.name']).toBe('gateway-under-test');
    expect(serverSpan.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
      // The address the client sent the request to: its Host header.
      'server.address': '127.0.0.1',
      'server.port': server.port,
    });

    // The operation is told on the SERVER span: no span of its own for a lone operation.
    expect(spans.filter((s) => s.kind === KIND.INTERNAL)).toEqual([]);
    expect(serverSpan.attributes).toMatchObject({
      'graphql.operation.name': 'Traced',
      'graphql.operation.type': 'query',
      'graphql.document.hash': createHash('sha256')
        .update(print(parse(TRACED)))
        .digest('hex'),
    });
    expect(serverSpan.status).not.toBe(2);
    // Never the variables: the email appears in no span at all.
    for (const s of spans) expect(JSON.stringify(s)).not.toContain(email);

    const clients = spans.filter((s) => s.kind === KIND.CLIENT);
    // Exactly the calls the sandbox received, each under the request's span.
    expect(seen.length).toBeGreaterThan(3);
    expect(clients).toHaveLength(seen.length);
    expect(new Set(seen.map((e) => e.vendor))).toEqual(new Set(VENDORS));
    for (const client of clients) {
      expect(client.parentSpanId).toBe(serverSpan.spanId);
      expect(VENDORS).toContain(client.attributes['gateway.vendor']);
      expect(client.attributes['http.request.method']).toMatch(/^(GET|POST)$/);
      expect(client.attributes['server.address']).toBe('127.0.0.1');
      expect(typeof client.attributes['server.port']).toBe('number');
      // The vendor's base path, then the endpoint's path (checked against the call below).
      const vendor = client.attributes['gateway.vendor'] as keyof typeof BASE_PATHS;
      expect(String(client.attributes['url.template']).startsWith(BASE_PATHS[vendor])).toBe(true);
      expect(client.name).toBe(
        `${String(client.attributes['http.request.method'])} ${String(client.attributes['url.template'])}`,
      );
      expect(typeof client.attributes['gateway.retry.attempt']).toBe('number');
    }
    // The sandbox saw, on every call, the traceparent of that call's own CLIENT span.
    const clientIds = new Set(clients.map((c) => c.spanId));
    for (const entry of seen) {
      const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(entry.headers.traceparent ?? '');
      expect(match?.[1]).toBe(traceId);
      expect(clientIds.has(match![2]!)).toBe(true);
    }
    expect(new Set(seen.map((e) => e.headers.traceparent)).size).toBe(seen.length);
    // Each span's template is the path its call was sent to, an {id} standing for each id.
    for (const entry of seen) {
      const client = clients.find((c) => entry.headers.traceparent?.includes(c.spanId))!;
      const template = String(client.attributes['url.template']);
      const escaped = template
        .split('{id}')
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
      expect(BASE_PATHS[entry.vendor] + entry.path).toMatch(
        new RegExp(`^${escaped.join('[^/]+')}$`),
      );
    }

    // The failed attempt and its retry.
    const failed = clients.filter((c) => c.attributes['http.response.status_code'] === 503);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.attributes['error.type']).toBe('503');
    expect(failed[0]!.status).toBe(2);
    const retry = clients.find(
      (c) =>
        c.attributes['gateway.vendor'] === 'userhero' &&
        c.attributes['gateway.retry.attempt'] === 1,
    );
    expect(retry?.attributes['http.request.resend_count']).toBe(1);
    expect(retry?.attributes['http.response.status_code']).toBe(200);

    // Log lines about the calls carry the trace and the call's span.
    const lines = gw.logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'vendor call' && l.trace_id === traceId);
    expect(lines).toHaveLength(seen.length);
    for (const line of lines) expect(clientIds.has(String(line.span_id))).toBe(true);
  });

  it('gives each operation of a batched request an INTERNAL span under the SERVER span, its calls under an operation', async () => {
    const batching = await startTestGateway({ tracing, env: { GRAPHQL_MAX_BATCH: '2' } });
    const batchServer = await listen(batching);
    try {
      const traceId = 'aaf92f3577b34da6a3ce929d0e0e4736';
      const res = await fetch(`http://127.0.0.1:${batchServer.port}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        },
        body: JSON.stringify([
          { query: 'query Plain { __typename }' },
          {
            query:
              'query Scores { npsResponses(first: 1, filter: { sources: [PLANHAT] }) { nodes { score } } }',
          },
        ]),
      });
      const answers = (await res.json()) as { data?: unknown; errors?: unknown[] }[];
      expect(answers).toHaveLength(2);
      expect(answers.every((a) => a.data && !a.errors)).toBe(true);
      await tracing.forceFlush();
      const ofTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
      await expect.poll(() => ofTrace().some((s) => s.kind === KIND.SERVER)).toBe(true);
      const spans = ofTrace();
      const serverSpan = spans.find((s) => s.kind === KIND.SERVER)!;
      const operations = spans.filter((s: ReceivedSpan) => s.kind === KIND.INTERNAL);
      expect(operations.map((o) => o.name).sort()).toEqual(['query Plain', 'query Scores']);
      for (const op of operations) expect(op.parentSpanId).toBe(serverSpan.spanId);
      const clients = spans.filter((s) => s.kind === KIND.CLIENT);
      expect(clients.length).toBeGreaterThan(0);
      const opIds = new Set(operations.map((o) => o.spanId));
      for (const client of clients) expect(opIds.has(client.parentSpanId)).toBe(true);
    } finally {
      await batchServer.close();
      await batching.close();
    }
  });

  it('starts a new trace for a request without traceparent, marking a failed vendor call as an error', async () => {
    gw.sandbox.faults.inject({ vendor: 'planhat', status: 404, times: 1 });
    receiver.spans.length = 0;
    const res = await post({
      query: '{ npsResponses(first: 2, filter: { sources: [PLANHAT] }) { nodes { score } } }',
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    const codes = [...new Set((body.errors ?? []).map((e) => String(e.extensions?.code)))];
    expect(codes.length).toBeGreaterThan(0);
    await tracing.forceFlush();
    const notFoundSpan = () =>
      receiver.spans.find(
        (s) => s.kind === KIND.CLIENT && s.attributes['http.response.status_code'] === 404,
      );
    await expect.poll(() => notFoundSpan()).toBeDefined();
    const ofTrace = () => receiver.spans.filter((s) => s.traceId === notFoundSpan()!.traceId);
    await expect.poll(() => ofTrace().some((s) => s.kind === KIND.SERVER)).toBe(true);
    const trace = ofTrace();
    const serverSpan = trace.find((s) => s.kind === KIND.SERVER)!;
    expect(serverSpan.parentSpanId).toBe('');
    expect(serverSpan.attributes['graphql.operation.type']).toBe('query');
    expect(serverSpan.attributes['graphql.operation.name']).toBeUndefined();
    // The answer's error codes (never its messages) are on the request's span, marked failed.
    expect(serverSpan.attributes['gateway.graphql.error_codes']).toEqual(codes);
    expect(serverSpan.status).toBe(2);
    const clients = trace.filter((s) => s.kind === KIND.CLIENT);
    expect(clients.length).toBeGreaterThan(0);
    const notFound = clients.filter((c) => c.attributes['http.response.status_code'] === 404);
    expect(notFound).toHaveLength(1);
    expect(notFound[0]!.attributes['error.type']).toBe('404');
    gw.sandbox.faults.clear();
  });
});
