import { GraphQLError } from 'graphql';
import { InvalidInputError } from './domain/input-error.js';
import { withoutSuggestions } from './http/exposure.js';
import { MAX_ERROR_MESSAGE, vendorCode as safeVendorCode, vendorText } from './transport/redact.js';
import type { VendorName } from './transport/types.js';
import type { VendorErrorKind } from './transport/vendor-error.js';
import { VendorError } from './transport/vendor-error.js';
import type { VendorSource } from './vendors/registry.js';
import { vendorEntry } from './vendors/registry.js';

const CODES: Record<VendorErrorKind, string> = {
  unavailable: 'VENDOR_UNAVAILABLE',
  timeout: 'VENDOR_TIMEOUT',
  bad_response: 'VENDOR_BAD_RESPONSE',
  auth: 'VENDOR_AUTH',
  forbidden: 'VENDOR_FORBIDDEN',
  not_found: 'VENDOR_NOT_FOUND',
  rate_limited: 'VENDOR_RATE_LIMITED',
  conflict: 'VENDOR_CONFLICT',
  disabled: 'VENDOR_DISABLED',
  call_cap: 'VENDOR_CALL_CAP_EXCEEDED',
  // The vendor refused parameters that came from the caller's arguments.
  bad_request: 'BAD_USER_INPUT',
};

/** A vendor's value of the `Source` enum (and of the `vendor` error extension). */
export function sourceOf(vendor: VendorName): VendorSource {
  return vendorEntry(vendor).source;
}

export function vendorErrorExtensions(error: VendorError): Record<string, unknown> {
  const extensions: Record<string, unknown> = {
    code: CODES[error.kind],
    vendor: sourceOf(error.vendor),
  };
  if (error.status !== undefined) extensions.status = error.status;
  // Made safe where the error was built; checked again here, on the way out of the gateway.
  const vendorCode = safeVendorCode(error.vendorCode);
  if (vendorCode !== undefined) extensions.vendorCode = vendorCode;
  if (error.retryAfter !== undefined) extensions.retryAfter = error.retryAfter;
  if (error.operation !== undefined) extensions.operation = error.operation;
  if (error.circuitOpen) extensions.circuit = 'OPEN';
  return extensions;
}

/**
 * Yoga's error mask: vendor failures keep their message and gain typed extensions; errors we
 * raised on purpose pass through; anything else is unexpected and hidden behind a generic message.
 */
export function maskError(
  error: unknown,
  genericMessage: string,
  options: { suggestions?: boolean } = {},
): Error {
  const masked = maskErrorWithSuggestions(error, genericMessage);
  return options.suggestions === false && isGraphQLError(masked)
    ? withoutSuggestions(masked)
    : masked;
}

function maskErrorWithSuggestions(error: unknown, genericMessage: string): Error {
  const graphQLError = isGraphQLError(error) ? error : undefined;
  const original = graphQLError ? graphQLError.originalError : error;
  if (original instanceof VendorError || original instanceof InvalidInputError) {
    const message =
      original instanceof VendorError
        ? (vendorText(original.message, [], MAX_ERROR_MESSAGE) ?? original.message)
        : original.message;
    return new GraphQLError(message, {
      nodes: graphQLError?.nodes,
      source: graphQLError?.source,
      positions: graphQLError?.positions,
      path: graphQLError?.path,
      extensions:
        original instanceof VendorError
          ? vendorErrorExtensions(original)
          : { code: 'BAD_USER_INPUT' },
    });
  }
  if (graphQLError && (!original || isGraphQLError(original))) {
    // The outer message: for a variable refused by a scalar it names the variable and the path
    // (`at "records[3].dateSent"`); for a resolver's error it is the original message anyway.
    // Yoga's `http` extension (the status a request error gets) lives on the outer error.
    return withRequestErrorCode(
      isGraphQLError(original) && original !== graphQLError
        ? new GraphQLError(graphQLError.message, {
            nodes: graphQLError.nodes,
            source: graphQLError.source,
            positions: graphQLError.positions,
            path: graphQLError.path,
            extensions: { ...graphQLError.extensions, ...original.extensions },
          })
        : graphQLError,
    );
  }
  return new GraphQLError(genericMessage, {
    nodes: graphQLError?.nodes,
    path: graphQLError?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/**
 * graphql-js refuses a variable of the wrong type without a code; Yoga codes parse and
 * validation failures itself. An error outside execution (no path) and without a code is the
 * caller's request, so it says so.
 */
function withRequestErrorCode(error: GraphQLError): GraphQLError {
  if (error.path || error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  });
}

/**
 * By name, not `instanceof`: graphql ships CommonJS and ESM builds, and an error made by one is
 * not an instance of the other's class (the check Yoga itself uses).
 */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}
