import type { Plugin } from 'graphql-yoga';
import { createYoga } from 'graphql-yoga';
import { createContextFactory } from './context.js';
import { DASHBOARD_QUERY } from './graphiql-default.js';
import { maskError } from './graphql-errors.js';
import { schema } from './schema/index.js';
import type { Services } from './services.js';

/** The gateway as a fetch handler: GraphQL at /graphql, liveness at /healthz, readiness at /readyz. */
export function createGateway(services: Services) {
  const createContext = createContextFactory(services);
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: { title: 'Feedback graph gateway', defaultQuery: DASHBOARD_QUERY },
    logging: false,
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    context: ({ request }) => createContext(request),
    plugins: [readinessEndpoint(services)],
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
