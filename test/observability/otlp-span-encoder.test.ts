// The gateway's OTLP/protobuf span bodies (src/observability/otlp-span-encoder.ts) against the
// official serializer, @opentelemetry/otlp-transformer's ProtobufTraceSerializer: the same bytes
// for every batch, whatever its spans hold. The official serializer is the oracle; the end-to-end
// tests (tracing.test.ts) read the bodies back by trace.proto's field numbers.
import type {
  Attributes,
  AttributeValue,
  HrTime,
  SpanContext,
  TraceState,
} from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OtlpSpanEncoder } from '../../src/observability/otlp-span-encoder.js';

type Resource = ReadableSpan['resource'];
type Scope = ReadableSpan['instrumentationScope'];

// Strings of every kind: ASCII, any UTF-16 (lone surrogates too), long enough to need a two-byte
// length.
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ minLength: 120, maxLength: 300 }),
);
const number = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(2 ** 32, 2 ** 53, 2 ** 62, -(2 ** 63), 2 ** 63, -0, 0xffffffff),
);
const scalar = fc.oneof(text, number, fc.boolean());
const value: fc.Arbitrary<AttributeValue> = fc.oneof(
  scalar,
  fc.array(text),
  fc.array(number),
  fc.array(fc.boolean()),
  fc.array(fc.option(text, { nil: null })) as fc.Arbitrary<AttributeValue>,
);
const attributes: fc.Arbitrary<Attributes> = fc.dictionary(text, value, { maxKeys: 12 });
const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));
const time: fc.Arbitrary<HrTime> = fc.tuple(
  fc.integer({ min: 0, max: 18_000_000_000 }),
  fc.integer({ min: 0, max: 999_999_999 }),
);
const traceState = fc.option(
  fc
    .constantFrom('vendor=a', 'k1=v1,k2=v2', '')
    .map((state) => ({ serialize: () => state }) as TraceState),
  { nil: undefined },
);
const context: fc.Arbitrary<SpanContext> = fc.record({
  traceId: hex(16),
  spanId: hex(8),
  traceFlags: fc.integer({ min: 0, max: 255 }),
  isRemote: fc.option(fc.boolean(), { nil: undefined }),
  traceState,
});

// Spans are grouped by their resource's and scope's identity: a few of each, shared.
const resources: Resource[] = [
  { attributes: { 'service.name': 'gateway', 'host.name': 'héllo' } },
  { attributes: {}, schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' },
  { attributes: { 'service.instance.id': 'b3f1', 'process.pid': 4711, big: [1.5, 2] } },
].map((r) => r as unknown as Resource);
const scopes: Scope[] = [
  { name: 'feedback-graph-gateway' },
  { name: 'other', version: '1.2.3', schemaUrl: 'https://example.com/schema' },
  { name: '', version: '' },
];

const span: fc.Arbitrary<ReadableSpan> = fc
  .record({
    context,
    parent: fc.option(context, { nil: undefined }),
    name: text,
    kind: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    startTime: time,
    endTime: time,
    attributes,
    dropped: fc.nat({ max: 300 }),
    events: fc.array(
      fc.record({
        name: text,
        time,
        attributes: fc.option(attributes, { nil: undefined }),
        droppedAttributesCount: fc.option(fc.nat({ max: 200 }), { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
    links: fc.array(
      fc.record({
        context,
        attributes: fc.option(attributes, { nil: undefined }),
        droppedAttributesCount: fc.option(fc.nat({ max: 200 }), { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
    status: fc.record({
      code: fc.integer({ min: 0, max: 2 }),
      message: fc.option(text, { nil: undefined }),
    }),
    resource: fc.constantFrom(...resources),
    scope: fc.constantFrom(...scopes),
  })
  .map(
    (s) =>
      ({
        spanContext: () => s.context,
        parentSpanContext: s.parent,
        name: s.name,
        kind: s.kind,
        startTime: s.startTime,
        endTime: s.endTime,
        attributes: s.attributes,
        droppedAttributesCount: s.dropped,
        events: s.events,
        droppedEventsCount: s.dropped % 7,
        links: s.links,
        droppedLinksCount: s.dropped % 5,
        status: s.status,
        resource: s.resource,
        instrumentationScope: s.scope,
        duration: [0, 0],
        ended: true,
      }) as unknown as ReadableSpan,
  );

function official(spans: ReadableSpan[]): Buffer {
  return Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!);
}

describe('OTLP/protobuf span bodies', () => {
  it('are the official serializer’s bytes for any batch of spans, one encoder for all batches', () => {
    // One encoder across runs: a body must not depend on what an earlier, larger one left.
    const encoder = new OtlpSpanEncoder();
    fc.assert(
      fc.property(fc.array(span, { minLength: 1, maxLength: 12 }), (spans) => {
        const ours = Buffer.from(encoder.encode(spans));
        expect(ours.length).toBeGreaterThan(0);
        expect(ours.equals(official(spans))).toBe(true);
      }),
      // Reported unshrunk: shrinking a batch of spans can take minutes.
      { numRuns: 400, endOnFailure: true },
    );
  });

  it('are the official serializer’s bytes for a batch of 2,000 spans (a body past its first buffer)', () => {
    const [spans] = fc.sample(fc.array(span, { minLength: 2_000, maxLength: 2_000 }), {
      numRuns: 1,
      seed: 42,
    });
    const ours = Buffer.from(new OtlpSpanEncoder().encode(spans!));
    // Well past the encoder's first 64 KiB, so its buffer grew while writing.
    expect(ours.length).toBeGreaterThan(256 * 1024);
    expect(ours.equals(official(spans!))).toBe(true);
  });

  it('hands out a copy: a later batch does not change a body the exporter may still resend', () => {
    const [first, second] = fc.sample(fc.array(span, { minLength: 3, maxLength: 3 }), {
      numRuns: 2,
      seed: 7,
    });
    const encoder = new OtlpSpanEncoder();
    const body = encoder.encode(first!);
    const kept = Buffer.from(body);
    encoder.encode(second!);
    expect(Buffer.from(body).equals(kept)).toBe(true);
    expect(kept.equals(official(first!))).toBe(true);
  });

  it('stays exact after a batch past 4 MiB, whose buffer it does not keep', () => {
    const [spans] = fc.sample(fc.array(span, { minLength: 4, maxLength: 4 }), {
      numRuns: 1,
      seed: 3,
    });
    const huge = spans!.map((s) => ({
      ...s,
      attributes: { ...s.attributes, 'big.value': 'x'.repeat(1_500_000) },
    })) as ReadableSpan[];
    const encoder = new OtlpSpanEncoder();
    const large = Buffer.from(encoder.encode(huge));
    expect(large.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(large.equals(official(huge))).toBe(true);
    expect(Buffer.from(encoder.encode(spans!)).equals(official(spans!))).toBe(true);
  });
});
