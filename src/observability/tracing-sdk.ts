// The OpenTelemetry SDK, set up from the standard variables. Imported only by startTracing when
// an OTLP endpoint is configured (see tracing.ts): a gateway without tracing never loads it.
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { fastenSdkExports } from './sdk-exports.js';
import { BlockRandomIdGenerator } from './span-ids.js';
import type { GatewayTracing, OtlpProtocol } from './tracing-types.js';
import { SdkTracing } from './tracing-spans.js';

/** The service name when OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) names none. */
export const DEFAULT_SERVICE_NAME = 'feedback-graph-gateway';

/**
 * A tracer provider of its own (not registered globally: two gateways in one process, as in
 * tests, keep apart). The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS, _TIMEOUT
 * and _COMPRESSION; the provider OTEL_TRACES_SAMPLER(_ARG) (default parentbased_always_on); the
 * batch processor OTEL_BSP_SCHEDULE_DELAY, _MAX_QUEUE_SIZE, _MAX_EXPORT_BATCH_SIZE,
 * _EXPORT_TIMEOUT.
 */
export async function createTracing(protocol: OtlpProtocol): Promise<GatewayTracing> {
  const exporter: SpanExporter =
    protocol === 'http/json'
      ? new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter()
      : new (await import('./protobuf-span-exporter.js')).ProtobufSpanExporter();
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: DEFAULT_SERVICE_NAME }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new BasicTracerProvider({
    resource,
    idGenerator: new BlockRandomIdGenerator(),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // Every SDK module a span goes through is loaded by now.
  fastenSdkExports();
  return new SdkTracing(
    provider.getTracer('feedback-graph-gateway'),
    () => provider.forceFlush(),
    () => provider.shutdown(),
  );
}
