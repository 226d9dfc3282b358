import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What start-up says about access: open or not, loudly when live vendors sit behind an open door.

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** Starts the gateway with only `env`, waits for its listening line, stops it; returns its output. */
async function startOutput(env: Record<string, string>): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd: mkdtempSync(join(tmpdir(), 'gateway-start-')),
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk) => (out += chunk));
  child.stderr?.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 15_000);
      child.stdout?.on('data', () => {
        if (/GraphiQL at|GraphQL at/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } finally {
    child.kill('SIGTERM');
  }
  await exited;
  return out;
}

describe('start-up access notice', () => {
  it('warns loudly when live vendors are configured and no API keys are', async () => {
    const out = await startOutput({
      USERHERO_API_KEY: 'sk_live_startup_secret_1',
      USERHERO_BASE_URL: 'http://127.0.0.1:9',
    });
    const warning = out.split('\n').find((line) => line.includes('GATEWAY_API_KEYS is not set'));
    expect(JSON.parse(warning!)).toMatchObject({ level: 'warn' });
    expect(warning).toContain('ANYONE WHO CAN REACH THIS GATEWAY');
    expect(out).not.toContain('sk_live_startup_secret_1');
  });

  it('says the gateway is open on the sandbox, and names the keys (never the keys) when set', async () => {
    const open = await startOutput({});
    expect(open).toContain('GATEWAY_API_KEYS is not set: the gateway is open');
    const keyed = await startOutput({
      GATEWAY_API_KEYS: 'dash:startup-key-0123456789:read;ops:startup-key-9876543210:read,write',
    });
    expect(keyed).toContain('client authentication on');
    expect(keyed).toContain('dash (read)');
    expect(keyed).toContain('ops (read,write)');
    expect(keyed).not.toContain('startup-key-');
  });
});
