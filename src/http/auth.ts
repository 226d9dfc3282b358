import { createHash, timingSafeEqual } from 'node:crypto';
import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ApiKey } from '../config.js';
import type { Logger } from '../logger.js';
import { traceFields } from '../observability/trace-fields.js';
import type { GatewayContext } from '../types.js';
import { isMultipart } from './content-type.js';
import { requestInfo } from './request-info.js';
import { errorResponse } from './responses.js';

interface StoredKey {
  name: string;
  write: boolean;
  digest: Buffer;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The key a request presents: `Authorization: Bearer <key>` or `X-API-Key: <key>`. An empty or
 * malformed header presents nothing.
 */
function presentedKey(request: Request): string | undefined {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1];
  }
  const header = request.headers.get('x-api-key')?.trim();
  return header || undefined;
}

/**
 * The configured key matching `presented`, compared in constant time: every key is compared (as
 * SHA-256 digests, so lengths do not differ) whatever matched before.
 */
export function matchKey(keys: readonly StoredKey[], presented: string | undefined) {
  const candidate = digest(presented ?? '');
  let found: StoredKey | undefined;
  for (const key of keys) {
    const equal = timingSafeEqual(candidate, key.digest);
    if (equal && presented !== undefined && found === undefined) found = key;
  }
  return found;
}

function unauthorized(fetchAPI: { Response: typeof Response }, missing: boolean): Response {
  const message = missing
    ? 'An API key is required: send it as `Authorization: Bearer <key>` (or `X-API-Key`).'
    : 'The API key is not valid.';
  return errorResponse(fetchAPI, 401, message, 'UNAUTHENTICATED', {
    'www-authenticate': 'Bearer realm="feedback-graph-gateway"',
  });
}

/** Why a read key was refused: the same words for a mutation and for an upload. */
const readOnlyMessage = (name: string, what: string) =>
  `The API key "${name}" may only read: ${what} need a key with the read,write scope.`;

function readOnly(fetchAPI: { Response: typeof Response }, name: string, what: string): Response {
  return errorResponse(fetchAPI, 403, readOnlyMessage(name, what), 'FORBIDDEN');
}

/**
 * Client authentication by API key (GATEWAY_API_KEYS): a request without a valid key is answered
 * 401 before its body is read; a mutation needs a key with the write scope (403), and so does a
 * multipart request (an upload), refused before its body is read so that a read key cannot make
 * the gateway buffer files. With no keys configured the gateway is open and this does nothing.
 *
 * It runs for every request Yoga sees: the front door only lets `/graphql` in, so there is no path
 * to check here (a check of its own would be a second definition of the endpoint to get wrong).
 */
export function useApiKeys(options: { keys: readonly ApiKey[]; logger: Logger }): Plugin {
  const keys: StoredKey[] = options.keys.map(({ name, write, key }) => ({
    name,
    write,
    digest: digest(key),
  }));
  if (keys.length === 0) return {};
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      // A CORS preflight carries no credentials by design and executes nothing.
      if (request.method === 'OPTIONS') return;
      const presented = presentedKey(request);
      const key = matchKey(keys, presented);
      const info = requestInfo(request);
      if (!key) {
        options.logger.info('client refused', {
          requestId: info.id,
          ...traceFields(request),
          reason: presented === undefined ? 'no API key' : 'unknown API key',
        });
        endResponse(unauthorized(fetchAPI, presented === undefined));
        return;
      }
      info.client = { name: key.name, write: key.write };
      if (!key.write && isMultipart(request)) {
        options.logger.info('upload refused', {
          requestId: info.id,
          ...traceFields(request),
          client: key.name,
        });
        endResponse(readOnly(fetchAPI, key.name, 'uploads (multipart requests)'));
      }
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      const client = (args.contextValue as Partial<GatewayContext>).client;
      if (operation?.operation !== 'mutation' || client?.write) return;
      options.logger.info('mutation refused', {
        requestId: (args.contextValue as Partial<GatewayContext>).requestId,
        ...traceFields((args.contextValue as { request?: Request }).request),
        client: client?.name,
      });
      setResultAndStopExecution({
        errors: [
          new GraphQLError(readOnlyMessage(client?.name ?? '?', 'mutations'), {
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          }),
        ],
      });
    },
  };
}
