// The environment-variable helpers a vendor's registry entry parses its configuration with; the
// gateway's own variables (src/config.ts) use the same ones. Kept below config.ts so the vendor
// entries can use them without a cycle through the registry.

/** A configuration value that cannot work; main prints the message as one line and exits. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** An integer from `min` to `max`, or `fallback` when unset. */
export function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** An absolute http(s) base URL without query or fragment, trailing slashes removed. */
export function urlVar(env: Env, name: string, fallback: string): string {
  const raw = nonEmpty(env[name]) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must use http or https (got "${url.protocol}")`);
  }
  if (url.search || url.hash) {
    throw new ConfigError(`${name} must not carry a query string or fragment (got "${raw}")`);
  }
  return raw.replace(/\/+$/, '');
}
