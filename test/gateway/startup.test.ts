import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** The gateway as `npm start` runs it, in an empty directory (no `.env`), with only `env`. */
function startGateway(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd: mkdtempSync(join(tmpdir(), 'gateway-start-')),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess) {
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => {
    out.stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    out.stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { out, exited };
}

describe('start-up', () => {
  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT must be an integer from 0 to 65535/],
    [{ SANDBOX: 'sometimes' }, /^Invalid configuration: SANDBOX must be one of auto, on, off/],
    [
      { USERHERO_API_KEY: 'sk_live_top_secret', USERHERO_BASE_URL: 'userhero.co' },
      /^Invalid configuration: USERHERO_BASE_URL must be an absolute http\(s\) URL/,
    ],
  ])('stops with one line naming the variable for %j', async (env, message) => {
    const child = startGateway(env);
    const { out, exited } = collect(child);
    expect(await exited).toBe(1);
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(message);
    expect(out.stderr + out.stdout).not.toContain('sk_live_top_secret');
  });

  it('serves GraphQL on the sandbox with no configuration at all, and says so', async () => {
    const child = startGateway({ PORT: '0' });
    const { out, exited } = collect(child);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no start: ${out.stdout}${out.stderr}`)),
          15_000,
        );
        child.stdout?.on('data', () => {
          const match = /GraphiQL at (http:\/\/localhost:\d+\/graphql)/.exec(out.stdout);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(out.stdout).toContain('serving the embedded vendor sandbox (SANDBOX=auto)');
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ vendors { source enabled sandbox } }' }),
      });
      const body = (await res.json()) as {
        data: { vendors: { enabled: boolean; sandbox: boolean }[] };
      };
      expect(body.data.vendors).toHaveLength(4);
      expect(body.data.vendors.filter((v) => !(v.enabled && v.sandbox))).toEqual([]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
