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
  /**
   * Yoga's error mask (server.ts's), for the parts after the first of an incremental answer:
   * Yoga masks `errors` only, so without this a deferred part's vendor error would lose its
   * extensions and an unexpected one would keep its raw message.
   */
  maskError: (error: GraphQLError) => GraphQLError;
}): Plugin {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as Partial<GatewayContext>;
      return {
        onExecuteDone({ result, setResult }) {
          const mask = (errors: readonly GraphQLError[]) => maskUnexpected(errors, ctx, options);
          if (!isResult(result)) {
            // Unexpected errors replaced (and logged) first, then every error through the mask.
            const maskPart = (errors: readonly GraphQLError[]) =>
              (mask(errors) ?? errors).map(options.maskError);
            // @defer / @stream: the request ends with its last part, not its first.
            return {
              onNext: ({ result: part, setResult: setPart }) => {
                const masked = maskIncremental(part, mask, maskPart);
                if (masked) setPart(masked);
              },
              onEnd: () => options.endRequest(ctx),
            };
          }
          options.endRequest(ctx);
          const errors = result.errors?.length ? mask(result.errors) : undefined;
          if (errors) setResult({ ...result, errors });
          return undefined;
        },
      };
    },
  };
}

/** Errors with every unexpected one replaced (and logged); undefined when none was. */
function maskUnexpected(
  all: readonly GraphQLError[],
  ctx: Partial<GatewayContext>,
  options: { logger: Logger },
): GraphQLError[] | undefined {
  let changed = false;
  const errors = all.map((error) => {
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
  return changed ? errors : undefined;
}

interface Part {
  errors?: readonly GraphQLError[];
  incremental?: readonly { errors?: readonly GraphQLError[] }[];
}

/** A payload of an incremental result with its errors masked; undefined when none was. */
function maskIncremental<P extends Part>(
  part: P,
  mask: (errors: readonly GraphQLError[]) => GraphQLError[] | undefined,
  maskItem: (errors: readonly GraphQLError[]) => GraphQLError[],
): P | undefined {
  let changed = false;
  // A part's own `errors` Yoga masks after this; its deferred and streamed items' it does not.
  const own = part.errors?.length ? mask(part.errors) : undefined;
  const incremental = part.incremental?.map((item) => {
    const errors = item.errors?.length ? maskItem(item.errors) : undefined;
    if (!errors) return item;
    changed = true;
    return { ...item, errors };
  });
  if (!own && !changed) return undefined;
  return { ...part, ...(own ? { errors: own } : {}), ...(changed ? { incremental } : {}) };
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
