import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { InvalidInputError } from '../domain/input-error.js';
import type { Logger } from '../logger.js';
import { traceFields } from '../observability/trace-fields.js';
import { VendorError } from '../transport/vendor-error.js';
import type { GatewayContext } from '../types.js';
import { requestInfo } from './request-info.js';

/** The request id goes back on every response, so a caller can quote it and we can find it. */
export function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      requestInfo(request);
    },
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestInfo(request).id);
    },
  };
}

/**
 * Unexpected errors of a resolver (a bug, not a vendor failure nor a refusal we meant) become a
 * generic message carrying the request id; the log line with the same id keeps the real message
 * and stack. Also ends the request's deadline timer once execution is over, through `endRequest`
 * (context.ts's, passed in by the server): the http layer does not depend on the context factory.
 */
export function useRequestErrors(options: {
  logger: Logger;
  endRequest: (context: unknown) => void;
}): Plugin {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as Partial<GatewayContext>;
      return {
        onExecuteDone({ result, setResult }) {
          options.endRequest(ctx);
          if (!isResult(result) || !result.errors?.length) return;
          let changed = false;
          const errors = result.errors.map((error) => {
            if (!isUnexpected(error)) return error;
            changed = true;
            const original = error.originalError;
            options.logger.error('unexpected error', {
              requestId: ctx.requestId,
              ...traceFields((ctx as { request?: Request }).request),
              path: error.path?.join('.'),
              error: original?.message ?? error.message,
              stack: original?.stack,
            });
            return new GraphQLError(
              `Unexpected error; quote request id ${ctx.requestId ?? '?'} to the gateway's operators.`,
              {
                nodes: error.nodes,
                path: error.path,
                extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: ctx.requestId },
              },
            );
          });
          if (changed) setResult({ ...result, errors });
        },
      };
    },
  };
}

function isResult(value: unknown): value is ExecutionResult {
  return typeof value === 'object' && value !== null && !(Symbol.asyncIterator in value);
}

/** An error thrown by something other than graphql-js, a vendor or our own refusals. */
function isUnexpected(error: GraphQLError): boolean {
  const original = error.originalError;
  if (!original) return false;
  if (original instanceof VendorError || original instanceof InvalidInputError) return false;
  return original.name !== 'GraphQLError';
}
