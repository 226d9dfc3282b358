// The trace of each request, for log lines: `trace_id` and `span_id` of the span a line is about.
// Filled only while tracing is on (src/observability/tracing-sdk.ts); a lookup without tracing is
// one missing property, and only where a line is logged.

export interface TraceFields {
  trace_id: string;
  span_id: string;
}

// On the request, not in a WeakMap (whose per-request keys every young GC traces).
const FIELDS = Symbol('trace fields');

interface Holder {
  [FIELDS]?: TraceFields;
}

export function setRequestTraceFields(request: Request, fields: TraceFields): void {
  (request as Request & Holder)[FIELDS] = fields;
}

/** The request's SERVER span, when it is traced. */
export function traceFields(request: Request | undefined): TraceFields | undefined {
  return (request as (Request & Holder) | undefined)?.[FIELDS];
}
