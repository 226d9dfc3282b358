// Loading ioredis puts String.prototype into V8's dictionary mode, which makes every string method
// call in the process a generic lookup (see src/shared-state/string-prototype.ts). Each case is
// a fresh process, as the state is the process's own; V8 itself says whether a prototype is fast.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROBE = fileURLToPath(new URL('../fixtures/processes/prototype-probe.ts', import.meta.url));

/** Which primitives' prototypes are slow after each step of loading `what`. */
async function probe(what: 'ioredis' | 'gateway'): Promise<Record<string, string[]>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--allow-natives-syntax', '--import', 'tsx', PROBE, what],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, string[]>;
}

describe('string methods after loading ioredis', () => {
  it('ioredis alone leaves String.prototype in dictionary mode (the defect the gateway undoes)', async () => {
    const steps = await probe('ioredis');
    expect(steps.before).toEqual([]);
    // If this fails, ioredis no longer does it: src/shared-state/string-prototype.ts can go.
    expect(steps.loaded).toEqual(['String']);
  }, 60_000);

  it('the gateway keeps every primitive prototype fast, loaded, traced and serving vendor reads', async () => {
    const steps = await probe('gateway');
    expect(steps.errors).toEqual([]);
    // Two SERVER spans and the feedback read's vendor calls were exported: the serialiser ran.
    expect(Number(steps.spans![0])).toBeGreaterThan(2);
    expect(steps.before).toEqual([]);
    expect(steps.loaded).toEqual([]);
    expect(steps.served).toEqual([]);
  }, 60_000);
});
