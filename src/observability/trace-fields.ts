// The trace of each request, for log lines: `trace_id` and `span_id` of the span a line is about.
// Filled only while tracing is on (src/observability/tracing-sdk.ts); a lookup without tracing is
// one missing property, and only where a line is logged.

export interface TraceFields {
  trace_id: string;
  span_id: string;
}

/** What a traced request carries: its SERVER span's ids, and the tracer's own state beside them. */
export interface RequestTraceSlot {
  fields: TraceFields;
}

// One property on the request, not a WeakMap (whose per-request keys every young GC traces), and
// one for all of the trace's state: each property added to a request object gives it another
// shape, which the HTTP layer's code then meets.
const TRACE = Symbol('request trace');

interface Holder {
  [TRACE]?: RequestTraceSlot;
}

export function setRequestTrace(request: Request, slot: RequestTraceSlot): void {
  (request as Request & Holder)[TRACE] = slot;
}

/** The slot the tracer put on `request`, if it is traced. */
export function requestTrace(request: Request | undefined): RequestTraceSlot | undefined {
  return (request as (Request & Holder) | undefined)?.[TRACE];
}

/** The request's SERVER span, when it is traced. */
export function traceFields(request: Request | undefined): TraceFields | undefined {
  return requestTrace(request)?.fields;
}
