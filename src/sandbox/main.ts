// `npm run sandbox`: the vendor sandbox as its own process (benchmarks run it beside the
// gateway). Prints a ready `.env` on stdout, then serves until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { startSandbox } from './index.js';
import type { SandboxVendor } from './types.js';

const PORT_ORDER: readonly SandboxVendor[] = ['userlane', 'userloop', 'userhero', 'planhat'];

function numberOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`--${name} must be a non-negative number (got "${String(raw)}")`);
  }
  return value;
}

/** `.env` syntax the gateway's reader accepts: values with spaces or `#` are double-quoted. */
function envLine(key: string, value: string): string {
  return /[\s#'"]/.test(value) ? `${key}="${value}"` : `${key}=${value}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'userhero-rate-limit': { type: 'string' },
      // The other reading of docs that read two ways (SandboxReadings): off unless given.
      'userlane-page-cap': { type: 'string' },
      'userloop-ignores-question-id': { type: 'boolean' },
      'userhero-exact-email': { type: 'boolean' },
    },
  });
  const basePort = numberOption(values, 'port', 4100);
  const scale = numberOption(values, 'scale', 1);
  const started = Date.now();
  const sandbox = await startSandbox({
    host: values.host ?? '127.0.0.1',
    ports: Object.fromEntries(PORT_ORDER.map((vendor, i) => [vendor, basePort + i])),
    scale,
    seed: numberOption(values, 'seed', 42),
    latencyMs: numberOption(values, 'latency', 0),
    userheroRateLimitPerMinute: numberOption(values, 'userhero-rate-limit', 100),
    readings: {
      ...(values['userlane-page-cap'] !== undefined
        ? { userlanePageCap: numberOption(values, 'userlane-page-cap', 0) }
        : {}),
      ...(values['userloop-ignores-question-id'] ? { userloopIgnoresQuestionId: true } : {}),
      ...(values['userhero-exact-email'] ? { userheroExactEmail: true } : {}),
    },
  });
  process.stdout.write(
    `${Object.entries(sandbox.env)
      .map(([key, value]) => envLine(key, value))
      .join('\n')}\n`,
  );
  process.stderr.write(`sandbox ready in ${Date.now() - started} ms (scale ${scale})\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`sandbox: ${signal}, closing\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`sandbox: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
