import { createYoga } from 'graphql-yoga';
import { createContextFactory, endRequest } from './context.js';
import { DASHBOARD_QUERY } from './graphiql-default.js';
import { maskError } from './graphql-errors.js';
import { useApiKeys } from './http/auth.js';
import { corsOptions } from './http/cors.js';
import { useCsrfPrevention } from './http/csrf.js';
import { useSchemaExposure } from './http/exposure.js';
import { createFrontDoor, GRAPHQL_PATH } from './http/front-door.js';
import { useRequestLimits } from './http/limits.js';
import { useRequestErrors, useRequestId } from './http/request-errors.js';
import { usePartialErrors } from './http/partial-errors.js';
import { useUploadSlots } from './http/uploads.js';
import { schema } from './schema/index.js';
import type { Services } from './services.js';

/**
 * The gateway as a fetch handler (and a Node request listener): GraphQL at exactly /graphql,
 * liveness at /healthz, readiness at /readyz, 404 for everything else (see the front door).
 */
export function createGateway(services: Services) {
  const yoga = createGraphQLHandler(services);
  return createFrontDoor({
    graphql: yoga,
    healthz: () => new Response(null, { status: 200 }),
    readyz: async () => {
      const report = await services.readiness();
      return new Response(JSON.stringify(report), {
        status: report.ready ? 200 : 503,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
}

/** Yoga, which only ever sees requests the front door routed to /graphql. */
function createGraphQLHandler(services: Services) {
  const { config, logger } = services;
  const createContext = createContextFactory(services);
  const suggestions = !config.production;
  return createYoga({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    // Liveness is the front door's. Yoga's own check answers any URL that *ends with* its
    // endpoint (`/graphql?x=/health` included); a serialized URL never holds a raw space, so no
    // request matches this one.
    healthCheckEndpoint: ' (liveness is answered by the front door)',
    landingPage: false,
    graphiql: config.graphiql
      ? { title: 'Feedback graph gateway', defaultQuery: DASHBOARD_QUERY }
      : false,
    logging: false,
    maskedErrors: { maskError: (error, message) => maskError(error, message, { suggestions }) },
    cors: corsOptions(config.corsOrigins),
    batching: config.limits.maxBatch > 1 ? { limit: config.limits.maxBatch } : false,
    // Our own limits (src/http/limits.ts) check every body, uploads included; Yoga's would pipe
    // every body through one more stream.
    maxRequestBodySize: false,
    // Built into Yoga's own context object, so its lazy parts stay lazy (see createContextFactory).
    context: (initial) => {
      createContext(initial.request, initial);
      return {};
    },
    plugins: [
      useRequestId(),
      config.csrfPrevention ? useCsrfPrevention() : {},
      useApiKeys({ keys: config.apiKeys, logger }),
      useUploadSlots({
        max: config.limits.maxConcurrentUploads,
        waitMs: config.requestDeadlineMs,
      }),
      useRequestLimits(config.limits, schema),
      useSchemaExposure({ introspection: config.introspection, suggestions }),
      useRequestErrors({ logger, endRequest }),
      usePartialErrors(),
    ],
  });
}
