import type { Env, GatewayConfig } from './config.js';
import { ConfigError, hasVendorCredentials, loadConfig, readDotEnv } from './config.js';
import type { Logger } from './logger.js';
import { createHttpServer } from './http/node-server.js';
import { createLogger } from './logger.js';
import { startTracing } from './observability/tracing.js';
import { createGateway } from './server.js';
import { createServices } from './services.js';

async function main(): Promise<void> {
  const started = performance.now();
  const env: Env = { ...readDotEnv('.env'), ...process.env };
  let config = loadConfig(env);
  const logger = createLogger(config.logLevel);

  const useSandbox =
    config.sandbox === 'on' || (config.sandbox === 'auto' && !hasVendorCredentials(env));
  // Loaded only when used: a gateway in front of real vendors carries none of the simulators.
  const sandbox = useSandbox
    ? await (await import('./sandbox/index.js')).startSandbox()
    : undefined;
  if (sandbox) {
    // The sandbox's variables replace the vendor settings, so every vendor points at it.
    config = loadConfig({ ...env, ...sandbox.env });
    logger.info(
      config.sandbox === 'on'
        ? 'SANDBOX=on: serving the embedded vendor sandbox'
        : 'no vendor credentials set: serving the embedded vendor sandbox (SANDBOX=auto)',
      { vendors: sandbox.urls },
    );
  }

  announceAccess(config, logger, sandbox !== undefined);
  // OTEL_* variables only; without an OTLP endpoint the SDK is not even loaded.
  const tracing = await startTracing(env);
  const services = createServices(config, { logger, sandbox: sandbox !== undefined, tracing });
  // With REDIS_URL, start sharing before the first request; Redis away: start on the fallback.
  await services.shared.ready(2000);
  const gateway = createGateway(services);
  const server = createHttpServer(gateway, { requestDeadlineMs: config.requestDeadlineMs });
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    config.graphiql
      ? `GraphiQL at http://localhost:${port}/graphql`
      : `GraphQL at http://localhost:${port}/graphql (GraphiQL off)`,
    {
      bootMs: Math.round(performance.now() - started),
      enabled: services.enabledVendors(),
      production: config.production,
      introspection: config.introspection,
      sharing: services.shared.mode,
      metrics: config.metrics.enabled ? '/metrics' : 'off',
      tracing: tracing ? 'OTLP export on' : 'off',
    },
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await services.close();
    await tracing?.shutdown().catch(() => undefined);
    await sandbox?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Whether clients must authenticate, said at start-up; key names only, never keys. */
function announceAccess(config: GatewayConfig, logger: Logger, sandbox: boolean): void {
  if (config.apiKeys.length > 0) {
    logger.info('client authentication on: API keys required', {
      keys: config.apiKeys.map((k) => `${k.name} (${k.write ? 'read,write' : 'read'})`),
    });
    return;
  }
  if (sandbox) {
    logger.info(
      'GATEWAY_API_KEYS is not set: the gateway is open to anyone who can reach it (fine for exploring the sandbox)',
    );
    return;
  }
  logger.warn(
    'WARNING: GATEWAY_API_KEYS is not set while live vendors are configured: ANYONE WHO CAN REACH THIS GATEWAY CAN READ AND WRITE YOUR VENDOR DATA with its credentials. Set GATEWAY_API_KEYS (see README, Security and limits) before exposing it.',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`gateway failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
