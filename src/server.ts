import type { Plugin } from 'graphql-yoga';
import { createYoga } from 'graphql-yoga';
import { createContextFactory } from './context.js';
import { DASHBOARD_QUERY } from './graphiql-default.js';
import { maskError } from './graphql-errors.js';
import { useApiKeys } from './http/auth.js';
import { corsOptions } from './http/cors.js';
import { useCsrfPrevention } from './http/csrf.js';
import { useSchemaExposure } from './http/exposure.js';
import { useRequestLimits } from './http/limits.js';
import { useRequestErrors, useRequestId } from './http/request-errors.js';
import { schema } from './schema/index.js';
import type { Services } from './services.js';

const GRAPHQL_ENDPOINT = '/graphql';

/** The gateway as a fetch handler: GraphQL at /graphql, liveness at /healthz, readiness at /readyz. */
export function createGateway(services: Services) {
  const { config, logger } = services;
  const createContext = createContextFactory(services);
  const suggestions = !config.production;
  return createYoga({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/healthz',
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
      readinessEndpoint(services),
      config.csrfPrevention ? useCsrfPrevention({ graphqlEndpoint: GRAPHQL_ENDPOINT }) : {},
      useApiKeys({ keys: config.apiKeys, graphqlEndpoint: GRAPHQL_ENDPOINT, logger }),
      useRequestLimits(config.limits, schema),
      useSchemaExposure({ introspection: config.introspection, suggestions }),
      useRequestErrors({ logger }),
    ],
  });
}

function readinessEndpoint(services: Services): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/readyz') return;
      const report = await services.readiness();
      endResponse(
        new fetchAPI.Response(JSON.stringify(report), {
          status: report.ready ? 200 : 503,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}
