// Two ways to drive a target: autocannon for throughput under many connections, and a plain
// sequential loop (one connection, sub-millisecond timing) for latency differences.
import autocannon from 'autocannon';
import { Client, Pool } from 'undici';

export interface Target {
  /** Absolute URL of the endpoint. */
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Completed responses. */
  requests: number;
  /** Requests sent, including those still in flight when the run ended. */
  sent: number;
  seconds: number;
  rps: number;
  /** Latency percentiles in ms, from every completed response. */
  p50: number;
  p99: number;
  non2xx: number;
  socketErrors: number;
  /** 2xx responses whose body carried GraphQL `errors`. */
  graphqlErrors: number;
  latencies: number[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarise(
  latencies: number[],
  seconds: number,
  extra: Omit<LoadResult, 'requests' | 'seconds' | 'rps' | 'p50' | 'p99' | 'latencies'>,
): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    ...extra,
    latencies,
  };
}

/** Several rounds of the same target as one result (latencies pooled, rate over their sum). */
export function pool(results: readonly LoadResult[]): LoadResult {
  return summarise(
    results.flatMap((r) => r.latencies),
    results.reduce((sum, r) => sum + r.seconds, 0),
    {
      sent: results.reduce((sum, r) => sum + r.sent, 0),
      non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
      socketErrors: results.reduce((sum, r) => sum + r.socketErrors, 0),
      graphqlErrors: results.reduce((sum, r) => sum + r.graphqlErrors, 0),
    },
  );
}

/**
 * With `amount`, autocannon stops once that many responses are in, so no request is left in
 * flight to make vendor calls after the count (calls per request stay exact).
 */
export async function loadWithAutocannon(
  target: Target,
  options: { connections: number; seconds: number; amount?: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let graphqlErrors = 0;
  const started = performance.now();
  let lastResponse = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
        timeout: 30,
        requests: [
          {
            method: target.method,
            headers: target.headers,
            ...(target.body === undefined ? {} : { body: target.body }),
            onResponse: (status: number, body: string) => {
              if (status < 300 && body.includes('"errors"')) graphqlErrors++;
            },
          },
        ],
      },
      (error: unknown, res: autocannon.Result) => (error ? reject(error) : resolve(res)),
    );
    // autocannon's own histogram keeps whole milliseconds: keep the exact times instead.
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      lastResponse = performance.now();
    });
  });
  // autocannon notices that `amount` is reached on its once-a-second tick, so its duration is
  // rounded up to whole seconds: the rate is taken up to the last response instead.
  return summarise(latencies, (lastResponse - started) / 1000, {
    sent: Math.max(result.requests.sent, latencies.length),
    non2xx: result.non2xx,
    socketErrors: result.errors,
    graphqlErrors,
  });
}

/** One request at a time over one keep-alive connection, timed with performance.now(). */
export async function loadSequentially(
  target: Target,
  options: { seconds: number; maxRequests?: number },
): Promise<LoadResult> {
  const url = new URL(target.url);
  const client = new Client(url.origin, { keepAliveTimeout: 60_000 });
  const latencies: number[] = [];
  let non2xx = 0;
  let graphqlErrors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  try {
    while (performance.now() < deadline && latencies.length < (options.maxRequests ?? Infinity)) {
      const answer = await timed(client, url, target);
      latencies.push(answer.ms);
      if (answer.non2xx) non2xx++;
      else if (answer.graphqlError) graphqlErrors++;
    }
  } finally {
    await client.close();
  }
  return summarise(latencies, (performance.now() - started) / 1000, {
    sent: latencies.length,
    non2xx,
    socketErrors: 0,
    graphqlErrors,
  });
}

/**
 * An offered load: `rate` requests a second, sent at even intervals over up to `connections`
 * keep-alive connections whatever the answers' pace (open loop), for `seconds`. autocannon's own
 * rate is a per-second quota each connection spends at once, so its load comes in bursts at full
 * speed with idle gaps, which is a saturated load by another name.
 */
export async function loadAtRate(
  target: Target,
  options: { rate: number; seconds: number; connections: number },
): Promise<LoadResult> {
  const url = new URL(target.url);
  const pool = new Pool(url.origin, { connections: options.connections, keepAliveTimeout: 60_000 });
  const latencies: number[] = [];
  let non2xx = 0;
  let socketErrors = 0;
  let graphqlErrors = 0;
  let sent = 0;
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const pending = new Set<Promise<void>>();
  const send = async (): Promise<void> => {
    try {
      const answer = await timed(pool, url, target);
      latencies.push(answer.ms);
      if (answer.non2xx) non2xx++;
      else if (answer.graphqlError) graphqlErrors++;
    } catch {
      socketErrors++;
    }
  };
  const started = performance.now();
  try {
    await new Promise<void>((resolve) => {
      // A 1 ms tick sends what is due: at 2,000 req/s, two at a time.
      const tick = setInterval(() => {
        const due = Math.min(
          total,
          Math.floor(((performance.now() - started) / 1000) * options.rate),
        );
        while (sent < due) {
          sent++;
          const request = send();
          pending.add(request);
          void request.finally(() => pending.delete(request));
        }
        if (sent >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 1);
    });
    await Promise.all(pending);
  } finally {
    await pool.close();
  }
  return summarise(latencies, (performance.now() - started) / 1000, {
    sent,
    non2xx,
    socketErrors,
    graphqlErrors,
  });
}

/** One request over a keep-alive client or pool, timed from the moment it is handed over. */
async function timed(
  dispatcher: Client | Pool,
  url: URL,
  target: Target,
): Promise<{ ms: number; non2xx: boolean; graphqlError: boolean }> {
  const t0 = performance.now();
  const response = await dispatcher.request({
    path: `${url.pathname}${url.search}`,
    method: target.method,
    headers: target.headers,
    ...(target.body === undefined ? {} : { body: target.body }),
  });
  const text = await response.body.text();
  return {
    ms: performance.now() - t0,
    non2xx: response.statusCode >= 300,
    graphqlError: response.statusCode < 300 && text.includes('"errors"'),
  };
}

export function graphqlTarget(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Target {
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  };
}

/** One GraphQL request, for setup and checks: the parsed body and the HTTP status. */
export async function graphqlOnce<T = unknown>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: { data?: T; errors?: { message: string }[] } }> {
  const target = graphqlTarget(url, query, variables);
  const response = await fetch(url, { method: 'POST', headers: target.headers, body: target.body });
  return {
    status: response.status,
    body: (await response.json()) as { data?: T; errors?: { message: string }[] },
  };
}
