import { setMaxListeners } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createControlPlane } from './control-plane.js';
import { type FaultControls, FaultRegistry, SANDBOX_VENDORS } from './faults.js';
import { type RequestLog, RingRequestLog } from './request-log.js';
import { derivedRandom } from './seed/derive.js';
import type { SandboxReadings, SandboxVendor } from './types.js';
import { type UserlaneFiles, writeUserlaneFiles } from './userlane/exports.js';
import { createVendorServer } from './vendor-server.js';
import { buildWorld, type SeedData } from './world.js';

export interface SandboxOptions {
  /** Loopback by default. */
  host?: string;
  /** 0 (the default) picks a free port. */
  ports?: Partial<Record<SandboxVendor, number>>;
  /** Multiplies list volumes; 1 for tests, 100 for benchmarks. */
  scale?: number;
  seed?: number;
  /** The sandbox's "today"; all data is dated relative to it. */
  now?: Date;
  /** Added before every vendor answer. */
  latencyMs?: number;
  /** Where the CSV files go; a fresh temporary directory (removed on close) by default. */
  dataDir?: string;
  userheroRateLimitPerMinute?: number;
  /** Which reading of ambiguous docs to serve (see SandboxReadings); the first by default. */
  readings?: SandboxReadings;
}

export interface Sandbox {
  /** Every gateway configuration variable needed to point at this sandbox. */
  env: Record<string, string>;
  urls: Record<SandboxVendor, string>;
  log: RequestLog;
  faults: FaultControls;
  setLatency(vendor: SandboxVendor | 'all', ms: number): void;
  seed: SeedData;
  close(): Promise<void>;
}

export const BASE_PATHS: Record<SandboxVendor, string> = {
  userlane: '/analytics/public',
  userloop: '',
  userhero: '/api/v1',
  planhat: '',
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const scale = options.scale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0))
    throw new RangeError('scale must be a positive number');
  const world = buildWorld({
    seed: options.seed ?? 42,
    scale,
    now: options.now ?? new Date(),
    userheroRateLimitPerMinute: options.userheroRateLimitPerMinute ?? 100,
    readings: options.readings,
  });
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'feedback-sandbox-')));
  if (!ownsDataDir) await mkdir(dataDir, { recursive: true });

  const log = new RingRequestLog();
  const faults = new FaultRegistry();
  const latency = Object.fromEntries(
    SANDBOX_VENDORS.map((vendor) => [vendor, options.latencyMs ?? 0]),
  ) as Record<SandboxVendor, number>;
  const setLatency = (vendor: SandboxVendor | 'all', ms: number) => {
    if (!(Number.isFinite(ms) && ms >= 0))
      throw new RangeError('latency must be a non-negative number');
    for (const name of vendor === 'all' ? SANDBOX_VENDORS : [vendor]) latency[name] = ms;
  };
  const env: Record<string, string> = {};
  const control = createControlPlane({ log, faults, setLatency, env });
  const closing = new AbortController();
  // Every delayed answer waits on it: a fan-out of many concurrent calls is expected here.
  setMaxListeners(0, closing.signal);
  const servers = new Map<SandboxVendor, Server>();

  const close = async () => {
    closing.abort();
    await Promise.all(
      [...servers.values()].map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };

  let files: UserlaneFiles;
  try {
    files = await writeUserlaneFiles(
      dataDir,
      world.seed.userlane,
      derivedRandom(world.seed.seed, 'files'),
    );
    for (const vendor of SANDBOX_VENDORS) {
      const server = createVendorServer({
        vendor,
        basePath: BASE_PATHS[vendor],
        alsoServes: vendor === 'userhero' ? ['/api/hooks/'] : undefined,
        app: world.apps[vendor],
        log,
        faults,
        latencyMs: () => latency[vendor],
        control,
        signal: closing.signal,
      });
      servers.set(vendor, server);
      await listen(server, options.ports?.[vendor] ?? 0, host);
    }
  } catch (error) {
    await close();
    throw error;
  }

  const urls = Object.fromEntries(
    SANDBOX_VENDORS.map((vendor) => {
      const address = servers.get(vendor)!.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const hostPart = host.includes(':') ? `[${host}]` : host;
      return [vendor, `http://${hostPart}:${port}${BASE_PATHS[vendor]}`];
    }),
  ) as Record<SandboxVendor, string>;
  const { secrets } = world;
  Object.assign(env, {
    USERLANE_BASE_URL: urls.userlane,
    USERLANE_API_TOKEN: secrets.userlaneToken,
    USERLANE_PROPERTY_ID: secrets.userlanePropertyId,
    USERLANE_SURVEYS: world.seed.userlane.catalog.surveys
      .map((survey) => `${survey.id}:${survey.title}`)
      .join(','),
    USERLANE_LOOKUPS_DIR: files.lookupsDir,
    USER_DIRECTORY: files.userDirectory,
    USERLOOP_BASE_URL: urls.userloop,
    USERLOOP_API_KEY: secrets.userloopApiKey,
    USERHERO_BASE_URL: urls.userhero,
    USERHERO_API_KEY: secrets.userheroApiKey,
    USERHERO_WORKSPACE_ID: world.seed.userhero.workspaceId,
    // Incoming webhooks beside the API, as on userhero.co (`/api/hooks` next to `/api/v1`).
    USERHERO_HOOKS_BASE_URL: `${new URL(urls.userhero).origin}/api/hooks`,
    PLANHAT_BASE_URL: urls.planhat,
    PLANHAT_API_TOKEN: secrets.planhatToken,
  });

  return { env, urls, log, faults, setLatency, seed: world.seed, close };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
