import type { ServerAdapterRequestHandler } from '@whatwg-node/server';
import { createServerAdapter } from '@whatwg-node/server';

/** The one path that executes GraphQL. */
export const GRAPHQL_PATH = '/graphql';

/** What the node adapter puts in the server context: the raw request line's target. */
interface NodeServerContext {
  req?: { url?: string };
}

export interface FrontDoorRoutes<TContext> {
  graphql: ServerAdapterRequestHandler<TContext>;
  /** Liveness: answers without touching a vendor. */
  healthz: () => Response;
  /** Readiness: probes the enabled vendors. */
  readyz: () => Promise<Response>;
}

/**
 * The path of a request exactly as the client wrote it. Yoga matches its endpoint loosely (a URL
 * that merely ends with `/graphql`, a trailing slash, a pattern), and the WHATWG URL parser
 * resolves dot segments and doubled slashes; a check on either is a check on something other than
 * what the client sent. Behind Node the raw request target is at hand; for `fetch` calls (tests,
 * other adapters) the URL is already the one the caller built.
 */
export function requestPath(request: Request, serverContext: unknown): string {
  const raw = (serverContext as NodeServerContext | undefined)?.req?.url;
  if (typeof raw === 'string') {
    // Absolute form (`GET http://host/graphql HTTP/1.1`, as proxies send it): its path part.
    const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(raw);
    const target = absolute ? raw.slice(absolute[0].length) || '/' : raw;
    const end = target.search(/[?#]/);
    return end === -1 ? target : target.slice(0, end);
  }
  const url = request.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start === -1) return '/';
  const end = url.slice(start).search(/[?#]/);
  return end === -1 ? url.slice(start) : url.slice(start, start + end);
}

function notFound(): Response {
  return new Response(
    JSON.stringify({
      errors: [
        {
          message: `Not found: GraphQL is served at exactly ${GRAPHQL_PATH} (liveness /healthz, readiness /readyz).`,
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    }),
    { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' } },
  );
}

/**
 * The gateway's one routing decision, made before any GraphQL plugin runs: exactly `/graphql`
 * reaches Yoga (and with it authentication, CSRF prevention and the limits, which therefore need
 * no path checks of their own); `/healthz` and `/readyz` are answered here; every other path is a
 * 404. No variant (`/graphql/`, `//graphql`, `/x/graphql`, `/graphql;x`, `/GRAPHQL`, dot segments,
 * percent-encodings) is the endpoint.
 */
export function createFrontDoor<TContext extends Record<string, any>>(
  routes: FrontDoorRoutes<TContext>,
) {
  return createServerAdapter<TContext>((request, serverContext) => {
    const path = requestPath(request, serverContext);
    if (path === GRAPHQL_PATH) return routes.graphql(request, serverContext);
    if (path === '/healthz') return routes.healthz();
    if (path === '/readyz') return routes.readyz();
    return notFound();
  });
}
