// The trace of each request, for log lines: `trace_id` and `span_id` of the span a line is about.
// Filled only while tracing is on (src/observability/tracing-sdk.ts); a lookup without tracing is
// one miss in a WeakMap, and only where a line is logged.

export interface TraceFields {
  trace_id: string;
  span_id: string;
}

const byRequest = new WeakMap<Request, TraceFields>();

export function setRequestTraceFields(request: Request, fields: TraceFields): void {
  byRequest.set(request, fields);
}

/** The request's SERVER span, when it is traced. */
export function traceFields(request: Request | undefined): TraceFields | undefined {
  return request === undefined ? undefined : byRequest.get(request);
}
