// Tracing configured by OTEL_* variables: sampling, protocols, and batched requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import type { GatewayTracing } from '../../src/observability/tracing.js';
import { startTracing, tracingSettings } from '../../src/observability/tracing.js';
import type { Env } from '../../src/config.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import type { OtlpReceiver } from '../support/otlp.js';
import { KIND, startOtlpReceiver } from '../support/otlp.js';

const OTEL_VARIABLES = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_BSP_SCHEDULE_DELAY',
  'OTEL_TRACES_SAMPLER',
];

/** Gateways traced to one loopback receiver, each with its own sampler; all closed after. */
function tracedGateways() {
  let receiver: OtlpReceiver;
  const saved: Record<string, string | undefined> = {};
  const tracers: GatewayTracing[] = [];
  const gateways: TestGateway[] = [];
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    for (const name of OTEL_VARIABLES) saved[name] = process.env[name];
  });
  afterAll(async () => {
    for (const gw of gateways) await gw.close();
    for (const tracing of tracers) await tracing.shutdown();
    await receiver.close();
    for (const name of OTEL_VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  return {
    receiver: () => receiver,
    async start(sampler: string, env: Env = {}) {
      Object.assign(process.env, {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '20',
        OTEL_TRACES_SAMPLER: sampler,
      });
      const tracing = (await startTracing(process.env))!;
      tracers.push(tracing);
      const gw = await startTestGateway({ tracing, env });
      gateways.push(gw);
      return { tracing, gw };
    },
  };
}

const PLANHAT_NPS =
  '{ npsResponses(first: 2, filter: { sources: [PLANHAT] }) { nodes { score } } }';

describe('sampling', () => {
  const traced = tracedGateways();

  it('follows OTEL_TRACES_SAMPLER and an incoming unsampled traceparent, still propagating the trace to vendors', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    // The default sampler follows the caller: an unsampled trace stays unsampled.
    const parentBased = await traced.start('parentbased_always_on');
    parentBased.gw.sandbox.log.clear();
    const res = await parentBased.gw.query(PLANHAT_NPS, undefined, {
      traceparent: `00-${traceId}-b7ad6b7169203331-00`,
    });
    expect(res.errors).toEqual([]);
    const calls = parentBased.gw.sandbox.log.entries();
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.headers.traceparent).toMatch(`00-${traceId}-`);
    for (const call of calls) expect(call.headers.traceparent).toMatch(/-00$/);
    await parentBased.tracing.forceFlush();

    // always_off: nothing is exported, whatever the caller says.
    const off = await traced.start('always_off');
    off.gw.sandbox.log.clear();
    expect((await off.gw.query(PLANHAT_NPS)).errors).toEqual([]);
    expect(off.gw.sandbox.log.count()).toBeGreaterThan(0);
    for (const call of off.gw.sandbox.log.entries()) {
      expect(call.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    }
    await off.tracing.forceFlush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(traced.receiver().spans).toEqual([]);
  });

  it("passes the caller's tracestate on to every vendor call of a continued trace (W3C Trace Context)", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const { tracing, gw } = await traced.start('parentbased_always_on');
    gw.sandbox.log.clear();
    const res = await gw.query(PLANHAT_NPS, undefined, {
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7',
    });
    expect(res.errors).toEqual([]);
    const calls = gw.sandbox.log.entries();
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      // The spec's own example value; list members keep their order.
      expect(call.headers.tracestate).toBe('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
    }
    await tracing.forceFlush();
  });
});

describe('batched requests', () => {
  const traced = tracedGateways();

  it('get one operation span per operation, each ended, under the one request span', async () => {
    const { tracing, gw } = await traced.start('always_on', { GRAPHQL_MAX_BATCH: '2' });
    const res = await gw.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { query: 'query One { __typename }' },
        { query: 'query Two { __typename }' },
      ]),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveLength(2);
    await tracing.forceFlush();
    const receiver = traced.receiver();
    await expect.poll(() => receiver.spans.length).toBe(3);
    const server = receiver.spans.find((s) => s.kind === KIND.SERVER)!;
    const operations = receiver.spans.filter((s) => s.kind === KIND.INTERNAL);
    expect(operations.map((s) => s.name).sort()).toEqual(['query One', 'query Two']);
    for (const op of operations) expect(op.parentSpanId).toBe(server.spanId);
  });
});

describe('tracing settings', () => {
  it('stays off without an OTLP endpoint, and refuses a protocol it cannot speak', async () => {
    expect(await startTracing({})).toBeUndefined();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x' })).toEqual({
      protocol: 'http/protobuf',
    });
    expect(
      tracingSettings({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://x/v1/traces',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      }),
    ).toEqual({ protocol: 'http/json' });
    expect(
      tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x', OTEL_TRACES_EXPORTER: 'none' }),
    ).toBeUndefined();
    expect(
      tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
    expect(() =>
      tracingSettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(ConfigError);
  });
});
