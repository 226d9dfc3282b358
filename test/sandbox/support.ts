import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import type { SandboxVendor } from '../../src/sandbox/types.js';

/** A fixed "today" so that date windows in tests are stable. */
export const NOW = new Date('2026-06-15T12:00:00.000Z');

export function start(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ now: NOW, userheroRateLimitPerMinute: 100_000, ...options });
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

/** The credentials each vendor expects, read from the sandbox's env. */
export function authHeaders(sandbox: Sandbox, vendor: SandboxVendor): Record<string, string> {
  const { env } = sandbox;
  switch (vendor) {
    case 'userlane':
      return { authorization: env.USERLANE_API_TOKEN! };
    case 'userloop':
      return { 'x-api-key': env.USERLOOP_API_KEY! };
    case 'userhero':
      return { authorization: `Bearer ${env.USERHERO_API_KEY}` };
    case 'planhat':
      return { authorization: `Bearer ${env.PLANHAT_API_TOKEN}` };
  }
}

// biome-ignore lint/suspicious/noExplicitAny: tests probe replies ad hoc
export async function call<T = any>(
  sandbox: Sandbox,
  vendor: SandboxVendor,
  path: string,
  init: {
    method?: string;
    query?: Record<string, string | number | boolean | (string | number)[]>;
    headers?: Record<string, string>;
    body?: unknown;
    auth?: boolean;
  } = {},
): Promise<Reply<T>> {
  const url = new URL(sandbox.urls[vendor] + path);
  for (const [key, value] of Object.entries(init.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(key, String(item));
    }
  }
  const headers: Record<string, string> = {
    ...(init.auth === false ? {} : authHeaders(sandbox, vendor)),
    ...init.headers,
  };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as T };
}

/** `YYYY-MM-DDT00:00:00Z` of the day `days` before NOW. */
export function daysAgo(days: number, time = '00:00:00'): string {
  const day = new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${time}Z`;
}
