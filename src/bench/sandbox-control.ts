// The sandbox's HTTP control plane, for a sandbox in another process: its request log (what
// the gateway cost the vendors) and its simulated latency.
import type { LogEntry } from '../sandbox/index.js';

export type LoggedCall = Omit<LogEntry, 'headers' | 'body'> & { headers: Record<string, string> };

export interface LogCounts {
  total: number;
  userlane: number;
  userloop: number;
  userhero: number;
  planhat: number;
}

/** `pid`: the sandbox process, when the caller wants its CPU measured beside the target's. */
export function sandboxControl(baseUrl: string, pid?: number) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`sandbox ${method} ${path}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    pid,
    clearLog: async () => void (await call('DELETE', '/__sandbox/log')),
    /** Totals per vendor since the last clear (exact, whatever the log's ring size). */
    counts: async () =>
      (
        (await call('GET', `/__sandbox/log?since=${Number.MAX_SAFE_INTEGER}`)) as {
          counts: LogCounts;
        }
      ).counts,
    /** The calls after `since` (a seq), oldest first. */
    entries: async (since = 0) =>
      ((await call('GET', `/__sandbox/log?since=${since}`)) as { entries: LoggedCall[] }).entries,
    lastSeq: async () =>
      (
        (await call('GET', `/__sandbox/log?since=${Number.MAX_SAFE_INTEGER}`)) as {
          lastSeq: number;
        }
      ).lastSeq,
    setLatency: async (ms: number) =>
      void (await call('POST', '/__sandbox/latency', { vendor: 'all', ms })),
  };
}

export type SandboxControl = ReturnType<typeof sandboxControl>;
