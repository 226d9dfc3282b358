// OpenTelemetry traces, configured only by the standard OTEL_* variables. Without an OTLP endpoint
// nothing is loaded: the SDK is imported here, lazily, and only when traces are exported, so a
// gateway without tracing runs none of its code on any request.
import { ConfigError } from '../vendors/env.js';
import type { GatewayTracing, OtlpProtocol } from './tracing-types.js';

export type { GatewayTracing } from './tracing-types.js';

export type TracingEnv = Record<string, string | undefined>;

/** Whether `env` asks for traces, and over which protocol; throws on a protocol we cannot speak. */
export function tracingSettings(env: TracingEnv): { protocol: OtlpProtocol } | undefined {
  const set = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  if (set('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const exporter = set('OTEL_TRACES_EXPORTER')?.toLowerCase();
  if (exporter !== undefined && exporter !== 'otlp') {
    if (exporter === 'none') return undefined;
    throw new ConfigError(`OTEL_TRACES_EXPORTER must be otlp or none (got "${exporter}")`);
  }
  if (!set('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') && !set('OTEL_EXPORTER_OTLP_ENDPOINT')) {
    return undefined;
  }
  const protocol =
    set('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ??
    set('OTEL_EXPORTER_OTLP_PROTOCOL') ??
    'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new ConfigError(
      `OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (got "${protocol}")`,
    );
  }
  return { protocol };
}

/**
 * Starts exporting traces when `env` names an OTLP endpoint; undefined otherwise. The SDK reads
 * its own variables (endpoint, headers, timeout, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES,
 * OTEL_TRACES_SAMPLER(_ARG), OTEL_BSP_*) from the process environment, so OTEL_* values that only
 * `.env` holds are copied there first.
 */
export async function startTracing(env: TracingEnv): Promise<GatewayTracing | undefined> {
  const settings = tracingSettings(env);
  if (!settings) return undefined;
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('OTEL_') && process.env[name] === undefined) process.env[name] = value;
  }
  const { createTracing } = await import('./tracing-sdk.js');
  return createTracing(settings.protocol);
}
