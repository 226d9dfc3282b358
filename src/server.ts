import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import type { GraphQLError } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { createContextFactory, endRequest, vendorCallsMade } from './context.js';
import { DASHBOARD_QUERY } from './graphiql-default.js';
import { maskError } from './graphql-errors.js';
import { useApiKeys } from './http/auth.js';
import { corsOptions } from './http/cors.js';
import { useCompression } from './http/compression.js';
import { useCsrfPrevention } from './http/csrf.js';
import { useSchemaExposure } from './http/exposure.js';
import { createFrontDoor, GRAPHQL_PATH } from './http/front-door.js';
import { useGetCaching } from './http/get-cache.js';
import { offlineGraphiQL } from './http/graphiql.js';
import { useRequestLimits } from './http/limits.js';
import {
  loadManifest,
  useAutomaticPersistedQueries,
  usePersistedDocuments,
} from './http/persisted.js';
import { useRequestErrors, useRequestId } from './http/request-errors.js';
import { usePartialErrors } from './http/partial-errors.js';
import { useExecutedOperation } from './http/executed-operation.js';
import { useUploadSlots } from './http/uploads.js';
import { useObservability } from './observability/yoga-plugin.js';
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
    metrics: services.metrics && (() => services.metrics!.scrape()),
  });
}

/** Yoga, which only ever sees requests the front door routed to /graphql. */
function createGraphQLHandler(services: Services) {
  const { config, logger } = services;
  const createContext = createContextFactory(services);
  const suggestions = !config.production;
  const { clients } = config;
  const manifest = loadManifest(clients.persistedDocumentsFile);
  // Yoga's generic message for unexpected errors (useRequestErrors replaces those first anyway).
  const mask = (error: GraphQLError) =>
    maskError(error, 'Unexpected error.', { suggestions }) as GraphQLError;
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
    // Every asset inside the page: GraphiQL works on a closed network (src/http/graphiql.ts).
    renderGraphiQL: offlineGraphiQL(),
    // `{"documentId": …}` (persisted documents, src/http/persisted.ts).
    extraParamNames: ['documentId'],
    logging: false,
    maskedErrors: { maskError: (error, message) => maskError(error, message, { suggestions }) },
    cors: corsOptions(config.corsOrigins),
    // Yoga executes arrays only when given a limit. Our check of the same bound (http/limits.ts)
    // runs first and is the one that answers: it names GRAPHQL_MAX_BATCH and the excess, and
    // LIMIT_EXCEEDED like every other limit, where Yoga's says "Batching is limited to N
    // operations per request." (or "Batching is not supported.") with a generic BAD_REQUEST.
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
      useObservability({
        metrics: services.metrics,
        tracing: services.tracing,
        batching: config.limits.maxBatch > 1,
      }),
      useRequestId(),
      config.csrfPrevention ? useCsrfPrevention() : {},
      useApiKeys({ keys: config.apiKeys, logger }),
      useUploadSlots({
        max: config.limits.maxConcurrentUploads,
        waitMs: config.requestDeadlineMs,
      }),
      // Before the limits, so the documents they resolve are counted like any other.
      clients.apqMaxDocuments > 0
        ? useAutomaticPersistedQueries(
            clients.apqMaxDocuments,
            manifest,
            services.shared.documents(clients.apqMaxDocuments),
          )
        : {},
      ...usePersistedDocuments(clients, manifest),
      useRequestLimits(config.limits, schema),
      // @defer / @stream; the limits and cost above count deferred and streamed parts alike.
      useDeferStream(),
      // ETag and Cache-Control on the plain body, then compression of what is sent.
      useGetCaching({ private: config.apiKeys.length > 0, vendorCalls: vendorCallsMade }),
      clients.compression ? useCompression() : {},
      useSchemaExposure({ introspection: config.introspection, suggestions }),
      useRequestErrors({ logger, endRequest, maskError: mask }),
      usePartialErrors(),
      // What the whole operation asks, for reads chosen for all of it (schema/nps/record-reads.ts).
      useExecutedOperation(),
    ],
  });
}
