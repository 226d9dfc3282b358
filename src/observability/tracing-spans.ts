// The gateway's spans: a SERVER span per GraphQL HTTP request (continuing an incoming
// `traceparent`) that names its operation, and a CLIENT span per vendor attempt under it, whose
// `traceparent` goes to the vendor; a batched request has an INTERNAL span per operation.
// Loaded only when tracing is on (see tracing.ts).
//
// Parenting is explicit, not through an async context: every vendor call of a request carries
// the request scope's AbortSignal (src/transport/deadline.ts), whose scope names the HTTP request
// it was made for, so the attempt finds its request's span by that request, whichever task
// started it (a DataLoader batch on a later microtask, a shared read another field asked for).
// Calls outside any request (a cache's background refresh, a readiness probe) start traces of
// their own.
import { createHash } from 'node:crypto';
import type { Attributes, Context, Span, TextMapGetter, Tracer } from '@opentelemetry/api';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import type { DocumentNode, ExecutionResult, OperationDefinitionNode } from 'graphql';
import { print } from 'graphql';
import { requestScopeOf } from '../transport/deadline.js';
import type { VendorRequest } from '../transport/types.js';
import { pathTemplate } from '../transport/types.js';
import { addressed, EndpointNames, SERVER_SPAN_NAMES, traceHeaders } from './span-parts.js';
import {
  requestTrace,
  type RequestTraceSlot,
  setRequestTrace,
  type TraceFields,
} from './trace-fields.js';
import { codeLabel } from './metrics.js';
import type { GatewayTracing, OperationSpan, RequestTrace, VendorTarget } from './tracing-types.js';

// Incubating semantic conventions, copied as their docs advise rather than imported.
const ATTR_URL_TEMPLATE = 'url.template';
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
/** The SHA-256 of the printed document: identifies it without its literals (ids, emails). */
export const ATTR_GRAPHQL_DOCUMENT_HASH = 'graphql.document.hash';
export const ATTR_VENDOR = 'gateway.vendor';
export const ATTR_VENDOR_OPERATION = 'gateway.vendor.operation';
export const ATTR_RETRY_ATTEMPT = 'gateway.retry.attempt';
export const ATTR_REQUEST_ID = 'gateway.request.id';
export const ATTR_ERROR_CODES = 'gateway.graphql.error_codes';

const headersGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/**
 * One request's spans, on the request (its trace slot) and handed to the GraphQL layer as its
 * trace: one object for both, made once a request, with no closures of its own.
 */
class RequestSpans implements RequestTraceSlot, RequestTrace {
  readonly fields: TraceFields;
  /** A batch's operation spans (a lone operation has none). */
  readonly operations: Span[] = [];
  /** Where the request's vendor calls go: the SERVER span, or a batch's latest operation. */
  parentSpan: Span;
  /** `parentSpan` as a context, made for the first vendor call (most requests make none). */
  parent: Context | undefined = undefined;
  /** The response went: later calls (a read-ahead) start traces of their own. */
  ended = false;

  constructor(
    private readonly tracing: SdkTracing,
    readonly server: Span,
  ) {
    this.fields = fieldsOf(server);
    this.parentSpan = server;
  }

  operation(
    document: DocumentNode,
    operation: OperationDefinitionNode | undefined | null,
    batched: boolean,
  ): OperationSpan | undefined {
    return this.tracing.operationStarted(this, document, operation, batched);
  }

  end(status: number, codes: readonly string[]): void {
    this.ended = true;
    requestEnded(this, status, codes);
  }
}

export class SdkTracing implements GatewayTracing {
  private readonly propagator = new W3CTraceContextPropagator();
  private readonly hashes = new WeakMap<DocumentNode, string>();
  private readonly endpoints = new EndpointNames();

  constructor(
    private readonly tracer: Tracer,
    private readonly flush: () => Promise<void>,
    private readonly stop: () => Promise<void>,
  ) {}

  requestStarted(request: Request, requestId: string): RequestTrace {
    // Most requests carry no traceparent: the propagator's parsing is skipped for them.
    const parent = request.headers.has('traceparent')
      ? this.propagator.extract(ROOT_CONTEXT, request.headers, headersGetter)
      : ROOT_CONTEXT;
    // The front door only lets `/graphql` in; the host is the one the client addressed.
    const { host, port } = addressed(request);
    const attributes: Attributes = {
      [ATTR_HTTP_REQUEST_METHOD]: request.method,
      [ATTR_HTTP_ROUTE]: '/graphql',
      [ATTR_URL_PATH]: '/graphql',
      [ATTR_URL_SCHEME]: request.url.startsWith('https:') ? 'https' : 'http',
      [ATTR_SERVER_ADDRESS]: host,
      [ATTR_REQUEST_ID]: requestId,
    };
    if (port !== undefined) attributes[ATTR_SERVER_PORT] = port;
    const server = this.tracer.startSpan(
      SERVER_SPAN_NAMES[request.method] ?? `${request.method} /graphql`,
      { kind: SpanKind.SERVER, attributes },
      parent,
    );
    // Kept on the request, for its vendor calls to find through their request scope's owner.
    const spans = new RequestSpans(this, server);
    setRequestTrace(request, spans);
    return spans;
  }

  /**
   * A lone operation is told on the SERVER span: a span of its own would be a second span for
   * every request to create, keep and serialise, for no interval the SERVER span does not
   * already cover (it cost 4 µs of the 23 µs a non-sampled trace added to `{ __typename }`, and
   * envelop a result hook). A batch's operations run side by side: each has its own span.
   */
  operationStarted(
    spans: RequestSpans,
    document: DocumentNode,
    operation: OperationDefinitionNode | undefined | null,
    batched: boolean,
  ): OperationSpan | undefined {
    const type = operation?.operation ?? 'unknown';
    const name = operation?.name?.value;
    const attributes: Attributes = {
      [ATTR_GRAPHQL_OPERATION_TYPE]: type,
      [ATTR_GRAPHQL_DOCUMENT_HASH]: this.hash(document),
    };
    if (name) attributes[ATTR_GRAPHQL_OPERATION_NAME] = name;
    if (!batched) {
      spans.server.setAttributes(attributes);
      return undefined;
    }
    const span = this.tracer.startSpan(
      name ? `${type} ${name}` : type,
      { kind: SpanKind.INTERNAL, attributes },
      trace.setSpan(ROOT_CONTEXT, spans.server),
    );
    // Vendor calls go under the latest operation.
    spans.operations.push(span);
    spans.parentSpan = span;
    spans.parent = undefined;
    return {
      end(result: ExecutionResult | undefined) {
        const errors = result?.errors ?? [];
        const codes = [...new Set(errors.map((e) => codeLabel(e.extensions?.code)))];
        markErrors(span, codes);
        span.end();
      },
    };
  }

  attempt(target: VendorTarget, req: VendorRequest, attempt: number) {
    const parent = this.operationOf(req.signal) ?? ROOT_CONTEXT;
    // The endpoint as its client built it, each id written {id}; under the base path the call is
    // sent to (UserHero's webhooks have their own).
    const { template, name } = this.endpoints.of(
      req.method,
      req.basePath ?? target.basePath,
      pathTemplate(req.path),
    );
    const attributes: Attributes = {
      [ATTR_HTTP_REQUEST_METHOD]: req.method,
      [ATTR_SERVER_ADDRESS]: target.host,
      [ATTR_SERVER_PORT]: target.port,
      [ATTR_URL_TEMPLATE]: template,
      [ATTR_VENDOR]: target.vendor,
      [ATTR_VENDOR_OPERATION]: req.operation,
      [ATTR_RETRY_ATTEMPT]: attempt,
    };
    if (attempt > 0) attributes[ATTR_HTTP_REQUEST_RESEND_COUNT] = attempt;
    const span = this.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
    const context = span.spanContext();
    return {
      headers: traceHeaders(context),
      logFields: { trace_id: context.traceId, span_id: context.spanId },
      end(status: number | string, errorType?: string) {
        if (typeof status === 'number') span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
        const error =
          errorType ??
          (typeof status === 'number' ? (status >= 400 ? String(status) : undefined) : status);
        if (error !== undefined) {
          span.setAttribute(ATTR_ERROR_TYPE, error);
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      },
    };
  }

  logFields(signal: AbortSignal | undefined): TraceFields | undefined {
    const span = spansOf(signal)?.parentSpan;
    return span ? fieldsOf(span) : undefined;
  }

  /** The operation a vendor call's signal belongs to, through its request scope. */
  private operationOf(signal: AbortSignal | undefined): Context | undefined {
    const spans = spansOf(signal);
    if (spans === undefined) return undefined;
    spans.parent ??= trace.setSpan(ROOT_CONTEXT, spans.parentSpan);
    return spans.parent;
  }

  forceFlush(): Promise<void> {
    return this.flush();
  }

  shutdown(): Promise<void> {
    return this.stop();
  }

  private hash(document: DocumentNode): string {
    let hash = this.hashes.get(document);
    if (hash === undefined) {
      hash = createHash('sha256').update(print(document)).digest('hex');
      this.hashes.set(document, hash);
    }
    return hash;
  }
}

/** The request's open spans, through the request scope of a vendor call's signal. */
function spansOf(signal: AbortSignal | undefined): RequestSpans | undefined {
  // Only this tracer puts a slot on a request: it is always a RequestSpans.
  const owner = requestScopeOf(signal)?.owner as Request | undefined;
  const spans = requestTrace(owner) as RequestSpans | undefined;
  return spans?.ended === false ? spans : undefined;
}

function requestEnded(spans: RequestSpans, status: number, codes: readonly string[]): void {
  // Still open when execution never finished (a stream cut off): they end with the response.
  for (const span of spans.operations) if (span.isRecording()) span.end();
  const { server } = spans;
  server.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
  if (status >= 500) server.setAttribute(ATTR_ERROR_TYPE, String(status));
  markErrors(server, status >= 500 ? [String(status), ...codes] : codes);
  server.end();
}

/** A span whose work failed: the error codes only, as a message may quote what a client sent. */
function markErrors(span: Span, codes: readonly string[]): void {
  if (codes.length === 0) return;
  const distinct = [...new Set(codes)];
  span.setAttribute(ATTR_ERROR_CODES, distinct);
  span.setStatus({ code: SpanStatusCode.ERROR, message: distinct.join(', ') });
}

function fieldsOf(span: Span): TraceFields {
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
