/**
 * The embedded vendor sandbox: Userlane, UserLoop, UserHero and Planhat simulated over loopback
 * HTTP, each serving exactly ../../../shared/design/vendor-contract.md from seeded in-memory data.
 *
 * `startSandbox(options)` starts four `node:http` servers and resolves once they listen.
 * Options (all optional):
 * - `host` (`127.0.0.1`), `ports` per vendor (0 = ephemeral, the default);
 * - `seed` (42) and `now` (the current time): the same pair gives the same data, dated back
 *   from `now` (UTC days);
 * - `scale` (1): multiplies list volumes; people and companies grow with its square root;
 * - `latencyMs` (0) before every vendor answer; `dataDir` for the CSV files (a temporary
 *   directory, removed on close, by default); `userheroRateLimitPerMinute` (100, as documented).
 *
 * The returned `Sandbox` has:
 * - `env`: the gateway's configuration variables for this sandbox (URLs, secrets, CSV paths);
 * - `log`: every vendor request (relative path, query, headers, parsed body, status, timing),
 *   the last 100,000 kept, exact totals per vendor; `entries`/`count` filter by vendor, method,
 *   path (string = exact, or RegExp) and `since` (an entry's `seq`);
 * - `faults.inject(rule)`: per vendor/method/path, optionally `times`: a status in the vendor's
 *   own envelope (or a given `body`/`headers`), extra `latencyMs`, `hang`, `reset`, or
 *   `malformed` (`not-json`, `truncated`, `wrong-shape`); `remove(id)`, `clear()`;
 * - `setLatency(vendor | 'all', ms)`, `seed` (the live datasets), `close()`.
 *
 * The same controls are served over HTTP on every vendor port, outside the base paths and never
 * logged: `GET|DELETE /__sandbox/log` (`?vendor=&since=`), `POST|DELETE /__sandbox/faults`
 * (JSON rule; `path` a string or `{ "regex": "..." }`), `DELETE /__sandbox/faults/{id}`,
 * `POST /__sandbox/latency` (`{ vendor, ms }`) and `GET /__sandbox/env`.
 */

export type { FaultControls, FaultRule } from './faults.js';
export type { LogEntry, LogFilter, RequestLog } from './request-log.js';
export { BASE_PATHS, type Sandbox, type SandboxOptions, startSandbox } from './start-sandbox.js';
export type { Company, Person, SandboxReadings, SandboxVendor } from './types.js';
export type { SeedData } from './world.js';
