import type { Env } from '../../src/config.js';
import { loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import type { GatewayTracing } from '../../src/observability/tracing.js';
import { createLogger } from '../../src/logger.js';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { createGateway } from '../../src/server.js';
import type { Services } from '../../src/services.js';
import { createServices } from '../../src/services.js';

export interface TestGateway {
  sandbox: Sandbox;
  services: Services;
  yoga: ReturnType<typeof createGateway>;
  /** Every line the gateway logged, for secret-leak assertions. */
  logLines: string[];
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

export interface GraphQLResult<T> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  body: string;
}

/**
 * A sandbox plus a gateway wired to it in-process, queried through `yoga.fetch`. The rate limit is
 * raised so that suites do not trip UserHero's 100/min unless a test sets it on purpose.
 */
export async function startTestGateway(
  options: {
    sandbox?: SandboxOptions;
    env?: Env;
    logLevel?: 'debug' | 'info';
    /** Traces exported by this tracer (see src/observability/tracing.ts). */
    tracing?: GatewayTracing;
    /**
     * Another gateway's sandbox (replicas over one set of vendors): the same vendor accounts, one
     * request log; closed by its owner, not by this gateway.
     */
    over?: Sandbox;
  } = {},
): Promise<TestGateway> {
  const sandbox =
    options.over ??
    (await startSandbox({ userheroRateLimitPerMinute: 100_000, ...options.sandbox }));
  const config = loadConfig({
    VENDOR_TIMEOUT_MS: '2000',
    // The gateway's UserHero budget matches what this sandbox enforces.
    USERHERO_RATE_LIMIT: String(options.sandbox?.userheroRateLimitPerMinute ?? 100_000),
    // Suites count each request's calls from a cold start; the cache's own tests turn it on.
    EXPORT_CACHE_TTL_MS: '0',
    ...sandbox.env,
    ...options.env,
  });
  const logLines: string[] = [];
  const logger: Logger = createLogger(options.logLevel ?? 'debug', (line) => logLines.push(line));
  const services = createServices(config, { logger, sandbox: true, tracing: options.tracing });
  const yoga = createGateway(services);
  return {
    sandbox,
    services,
    yoga,
    logLines,
    async query(query, variables, headers) {
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.text();
      const json = JSON.parse(body) as { data?: never; errors?: GraphQLResult<never>['errors'] };
      return { status: response.status, data: json.data, errors: json.errors ?? [], body };
    },
    async close() {
      await services.close();
      if (!options.over) await sandbox.close();
    },
  };
}
