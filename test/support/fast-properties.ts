// Runs test/fixtures/processes/fast-properties-probe.ts in a fresh process (the state it reports
// is the process's own) and returns what V8 held in dictionary mode at each step.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROBE = fileURLToPath(
  new URL('../fixtures/processes/fast-properties-probe.ts', import.meta.url),
);

export async function probeFastProperties(
  what: 'ioredis' | 'otel' | 'gateway',
): Promise<Record<string, string[]>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--allow-natives-syntax', '--import', 'tsx', PROBE, what],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, string[]>;
}
