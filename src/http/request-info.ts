import { randomUUID } from 'node:crypto';

/** The API key a request was authenticated with; never the key itself. */
export interface ClientIdentity {
  name: string;
  write: boolean;
}

/** What the HTTP layer learnt about a request before GraphQL sees it. */
export interface RequestInfo {
  /** Echoed in `x-request-id`, in unexpected errors and in every log line about the request. */
  id: string;
  arrivedAt: number;
  /** `performance.now()` on arrival, for durations (the request metrics'). */
  startedAt: number;
  /** Undefined when the gateway is open (no API keys configured). */
  client: ClientIdentity | undefined;
}

// On the request itself rather than in a WeakMap: a WeakMap's short-lived keys are ephemerons
// every young-generation GC traces, a cost paid per request (see observability/yoga-plugin.ts).
const INFO = Symbol('request info');

interface Holder {
  [INFO]?: RequestInfo;
}

/** A caller's own request id is kept when it is short and plain, so it cannot forge log lines. */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestInfo(request: Request): RequestInfo {
  const holder = request as Request & Holder;
  let info = holder[INFO];
  if (!info) {
    const given = request.headers.get('x-request-id');
    info = {
      id: given && CALLER_ID.test(given) ? given : randomUUID(),
      arrivedAt: Date.now(),
      startedAt: performance.now(),
      client: undefined,
    };
    holder[INFO] = info;
  }
  return info;
}
