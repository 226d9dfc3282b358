// What goes into the gateway's spans besides the SDK's own work: their names and templates as
// flat strings made once, the W3C trace headers a vendor attempt sends, and the address a
// request was sent to. Loaded only when tracing is on (see tracing.ts).
import type { SpanContext } from '@opentelemetry/api';
import { INVALID_TRACEID } from '@opentelemetry/api';

/** The front door lets only `/graphql` through; its span names, as constants. */
export const SERVER_SPAN_NAMES: Record<string, string> = {
  POST: 'POST /graphql',
  GET: 'GET /graphql',
};

/** The only `traceparent` version there is (W3C Trace Context, level 1 and 2). */
const TRACE_VERSION = '00';

export interface Endpoint {
  template: string;
  name: string;
}

/** The string as one flat sequence (an object key is stored so), not a tree of concatenations. */
function flat(text: string): string {
  return Object.keys({ [text]: true })[0]!;
}

const MAX_ENDPOINTS = 1024;

/** Base path → path template → method → the endpoint's span strings. */
export class EndpointNames {
  private readonly byBase = new Map<string, Map<string, Map<string, Endpoint>>>();
  private size = 0;

  /**
   * An endpoint's `url.template` and span name, made once: a few dozen endpoints, each called
   * over and over. One flat string each, rather than a concatenation per call, which the OTLP
   * serialiser would read character by character through its halves on every export.
   */
  of(method: string, basePath: string, path: string): Endpoint {
    let byPath = this.byBase.get(basePath);
    if (byPath === undefined) {
      byPath = new Map();
      this.byBase.set(basePath, byPath);
    }
    let byMethod = byPath.get(path);
    if (byMethod === undefined) {
      byMethod = new Map();
      byPath.set(path, byMethod);
    }
    let endpoint = byMethod.get(method);
    if (endpoint === undefined) {
      const template = flat(basePath + path);
      endpoint = { template, name: flat(`${method} ${template}`) };
      // Templates come from the clients' code, so there are a few dozen; the bound only keeps a
      // client that ever built paths some other way from growing this without end.
      if (this.size < MAX_ENDPOINTS) {
        byMethod.set(method, endpoint);
        this.size += 1;
      }
    }
    return endpoint;
  }
}

/**
 * The W3C `traceparent` (and `tracestate`) of a vendor attempt, as W3CTraceContextPropagator
 * writes them, from the span's own context: the propagator would first wrap the span in a new
 * context and check its ids against a pattern, for ids the SDK has just made.
 */
export function traceHeaders(context: SpanContext): Record<string, string> {
  if (context.traceId === INVALID_TRACEID) return {};
  const flags = (context.traceFlags & 0xff).toString(16).padStart(2, '0');
  const headers: Record<string, string> = {
    traceparent: `${TRACE_VERSION}-${context.traceId}-${context.spanId}-${flags}`,
  };
  const state = context.traceState?.serialize();
  if (state) headers.tracestate = state;
  return headers;
}

export interface Address {
  host: string;
  port: number | undefined;
}

const MAX_ADDRESSES = 64;
/** Host header → its address: a gateway is reached under a few names, parsed once each. */
const ADDRESSES = new Map<string, Address>();

/** `server.address` and `server.port`: from the Host header, else the URL (a `fetch` caller). */
export function addressed(request: Request): Address {
  const header = request.headers.get('host');
  if (header === null) {
    const url = new URL(request.url);
    return { host: url.hostname, port: url.port ? Number(url.port) : undefined };
  }
  let address = ADDRESSES.get(header);
  if (address === undefined) {
    address = parseHost(header);
    // The header is the client's to choose: past the bound, each is parsed and not kept.
    if (ADDRESSES.size < MAX_ADDRESSES) ADDRESSES.set(header, address);
  }
  return address;
}

function parseHost(header: string): Address {
  const colon = header.lastIndexOf(':');
  if (colon > header.lastIndexOf(']') && /^\d+$/.test(header.slice(colon + 1))) {
    return { host: header.slice(0, colon), port: Number(header.slice(colon + 1)) };
  }
  return { host: header, port: undefined };
}
