import type { FaultRegistry, FaultRule } from './faults.js';
import { SANDBOX_VENDORS } from './faults.js';
import { decodeSegment, jsonBody } from './params.js';
import type { LogFilter, RingRequestLog } from './request-log.js';
import type { SandboxResponse, SandboxVendor } from './types.js';

export interface ControlPlane {
  handle(method: string, pathname: string, query: URLSearchParams, body: Buffer): SandboxResponse;
}

/**
 * `/__sandbox/...` on every vendor server, for a sandbox running in another process (benchmarks):
 * the same log, faults and latency controls the in-process API offers, as JSON over HTTP.
 */
export function createControlPlane(deps: {
  log: RingRequestLog;
  faults: FaultRegistry;
  setLatency: (vendor: SandboxVendor | 'all', ms: number) => void;
  env: Record<string, string>;
}): ControlPlane {
  const ok = (body?: unknown): SandboxResponse => ({
    status: body === undefined ? 204 : 200,
    body,
  });
  const fail = (status: number, error: string): SandboxResponse => ({ status, body: { error } });

  return {
    handle(method, pathname, query, body) {
      const route = `${method} ${pathname.replace(/\/+$/, '')}`;
      if (route === 'GET /__sandbox/log') {
        const filter = logFilter(query);
        if (typeof filter === 'string') return fail(400, filter);
        return ok({
          entries: deps.log.entries(filter),
          counts: deps.log.countsByVendor(),
          lastSeq: deps.log.lastSeq,
        });
      }
      if (route === 'DELETE /__sandbox/log') {
        deps.log.clear();
        return ok();
      }
      if (route === 'GET /__sandbox/faults') {
        return ok(deps.faults.list().map((rule) => ({ ...rule, path: serialisePath(rule.path) })));
      }
      if (route === 'POST /__sandbox/faults') {
        const parsed = jsonBody(body);
        if (!parsed.ok) return fail(400, parsed.message);
        try {
          return { status: 201, body: { id: deps.faults.inject(faultRule(parsed.value)) } };
        } catch (error) {
          return fail(400, (error as Error).message);
        }
      }
      if (route === 'DELETE /__sandbox/faults') {
        deps.faults.clear();
        return ok();
      }
      const one = /^DELETE \/__sandbox\/faults\/([^/]+)$/.exec(route);
      if (one?.[1]) {
        return deps.faults.remove(decodeSegment(one[1])) ? ok() : fail(404, 'No such fault');
      }
      if (route === 'POST /__sandbox/latency') {
        const parsed = jsonBody(body);
        if (!parsed.ok) return fail(400, parsed.message);
        const { vendor, ms } = (parsed.value ?? {}) as { vendor?: unknown; ms?: unknown };
        if (vendor !== 'all' && !SANDBOX_VENDORS.includes(vendor as SandboxVendor)) {
          return fail(400, `vendor must be one of ${SANDBOX_VENDORS.join(', ')} or all`);
        }
        try {
          deps.setLatency(
            vendor as SandboxVendor | 'all',
            typeof ms === 'number' ? ms : Number.NaN,
          );
        } catch (error) {
          return fail(400, (error as Error).message);
        }
        return ok();
      }
      if (route === 'GET /__sandbox/env') return ok(deps.env);
      return fail(404, `No control route ${route}`);
    },
  };
}

function logFilter(query: URLSearchParams): LogFilter | string {
  const filter: LogFilter = {};
  const vendor = query.get('vendor');
  if (vendor) {
    if (!SANDBOX_VENDORS.includes(vendor as SandboxVendor)) return `unknown vendor ${vendor}`;
    filter.vendor = vendor as SandboxVendor;
  }
  const since = query.get('since');
  if (since) {
    if (!/^\d+$/.test(since)) return 'since must be a sequence number (an entry seq)';
    filter.since = Number(since);
  }
  const method = query.get('method');
  if (method) filter.method = method;
  const path = query.get('path');
  if (path) filter.path = path;
  return filter;
}

/** A rule as JSON: `path` is a string, or `{ "regex": "...", "flags"?: "..." }`. */
function faultRule(value: unknown): FaultRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('A fault rule must be a JSON object');
  }
  const rule = { ...(value as Record<string, unknown>) };
  const path = rule.path;
  if (typeof path === 'object' && path !== null) {
    const { regex, flags } = path as { regex?: unknown; flags?: unknown };
    if (typeof regex !== 'string')
      throw new TypeError('path must be a string or { "regex": "..." }');
    try {
      rule.path = new RegExp(regex, typeof flags === 'string' ? flags : undefined);
    } catch (error) {
      throw new TypeError(
        `path.regex is not a valid regular expression: ${(error as Error).message}`,
      );
    }
  }
  return rule as unknown as FaultRule;
}

function serialisePath(path: FaultRule['path']): unknown {
  return path instanceof RegExp ? { regex: path.source, flags: path.flags } : path;
}
